import { create } from 'zustand';
import type { CrmAccount, MethodInput } from '@shared/contract';
import { call, onEvent } from '../api/client';

interface CrmState {
  account: CrmAccount | null;
  /** The last action's refusal (wrong grant code, unsent calls on sign-out), shown by the form. */
  error: string | null;
  busy: boolean;
  load(): Promise<void>;
  connect(input: MethodInput<'connectCrm'>): Promise<boolean>;
  reconnect(input: MethodInput<'reconnectCrm'>): Promise<boolean>;
  disconnect(discardUnsent: boolean): Promise<boolean>;
  /** A call the CRM refused goes once more (what it refused was mended). */
  retryRefused(id: number): Promise<void>;
  /** A call the CRM refused is never sent; it stays in the app's history. */
  discardRefused(id: number): Promise<void>;
  /**
   * A record held back is read again (and a sync brings one mended in Zoho). Null once done
   * (stored, or still waiting for its lead or contact); `gone`: Zoho holds it no more and it
   * left the list, `why` says so; else why not, said on the record rather than at the top of the
   * panel (Zoho still refuses it, no answer).
   */
  retryHeldBack(module: string, recordId: string): Promise<{ why: string; gone: boolean } | null>;
  syncNow(): Promise<void>;
  /** Whether the data set is now shown (a refusal is in `error`). */
  showDataSet(dataSet: CrmAccount['activeDataSet']): Promise<boolean>;
  updateSchedule(patch: MethodInput<'updateSyncSchedule'>): Promise<void>;
}

/**
 * Whether `next` describes the account as of later than `shown`. An answer and a pushed account
 * cross on the way: a slow first load answered after Connect would put a connected account back
 * to its old state, and Sync now's answer ("syncing") arriving after the run's failure was pushed
 * would hide that failure and keep Sync now disabled until the next scheduled run.
 */
function isNewerAccount(next: CrmAccount, shown: CrmAccount | null): boolean {
  if (!shown || next.revision.run !== shown.revision.run) return true;
  return next.revision.seq > shown.revision.seq;
}

export const useCrm = create<CrmState>()((set, get) => {
  const act = async (run: () => Promise<CrmAccount>): Promise<boolean> => {
    set({ busy: true, error: null });
    try {
      const account = await run();
      set(isNewerAccount(account, get().account) ? { account, busy: false } : { busy: false });
      return true;
    } catch (error) {
      set({ error: (error as Error).message, busy: false });
      return false;
    }
  };
  return {
    account: null,
    error: null,
    busy: false,
    async load() {
      await act(() => call('getCrmAccount', {}));
    },
    connect: (input) => act(() => call('connectCrm', input)),
    reconnect: (input) => act(() => call('reconnectCrm', input)),
    disconnect: (discardUnsent) => act(() => call('disconnectCrm', { discardUnsent })),
    async retryRefused(id) {
      await act(() => call('retryRefusedCall', { id }));
    },
    async discardRefused(id) {
      await act(() => call('discardRefusedCall', { id }));
    },
    async retryHeldBack(module, recordId) {
      let gone: string | undefined;
      const done = await act(async () => {
        const answer = await call('retryHeldBackRecord', { module, recordId });
        gone = answer.gone;
        return answer;
      });
      if (done) return gone === undefined ? null : { why: gone, gone: true };
      const why = get().error ?? 'Retry did not finish.';
      set({ error: null });
      return { why, gone: false };
    },
    async syncNow() {
      await act(() => call('syncNow', {}));
    },
    showDataSet: (dataSet) => act(() => call('useDataSet', { dataSet })),
    async updateSchedule(patch) {
      await act(() => call('updateSyncSchedule', patch));
    },
  };
});

/** Keeps the store in step with what the core announces (progress, finished, offline). */
export function followCrmAccount(): () => void {
  void useCrm.getState().load();
  return onEvent('crm-account', (account) => {
    if (isNewerAccount(account, useCrm.getState().account)) useCrm.setState({ account });
  });
}
