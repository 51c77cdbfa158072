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
  syncNow(): Promise<void>;
  /** Whether the data set is now shown (a refusal is in `error`). */
  showDataSet(dataSet: CrmAccount['activeDataSet']): Promise<boolean>;
  updateSchedule(patch: MethodInput<'updateSyncSchedule'>): Promise<void>;
}

export const useCrm = create<CrmState>()((set) => {
  // A read that overlaps an action (a slow first load, then Connect) may describe the account
  // before it: shown last, it would put a connected account back to its old state.
  let actions = 0;
  let acting = 0;
  const act = async (run: () => Promise<CrmAccount>, read = false): Promise<boolean> => {
    const before = read ? (acting > 0 ? -1 : actions) : ++actions;
    if (!read) acting++;
    set({ busy: true, error: null });
    try {
      const account = await run();
      if (read && actions !== before) return true;
      set({ account, busy: false });
      return true;
    } catch (error) {
      set({ error: (error as Error).message, busy: false });
      return false;
    } finally {
      if (!read) acting--;
    }
  };
  return {
    account: null,
    error: null,
    busy: false,
    async load() {
      await act(() => call('getCrmAccount', {}), true);
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
  return onEvent('crm-account', (account) => useCrm.setState({ account }));
}
