import { EventEmitter } from 'node:events';
import {
  validateInput,
  type CrmAccount,
  type DataSet,
  EVENT_NAMES,
  type EventName,
  WORKSPACE_METHODS,
  type WorkspaceMethod,
  type ParsedInput,
  type PushedEvents,
  type Result,
} from '../../shared/contract';
import type { RetryPolicy } from '../crm/zoho/zohoHttp';
import type { SecretStore } from '../secrets/secretStore';
import type { Clock, Core, CoreEndpoint } from './createCore';
import { createCrmConnection } from './crmConnection';
import { errorAnswer } from './errorAnswer';
import { openDataSets } from './dataSets';

export interface WorkspaceOptions {
  /** The demo organisation's database (written on first start when empty). */
  demoPath: string;
  /** The connected CRM's database; by default beside the demo's (crmPathBeside). */
  crmPath?: string;
  secrets: SecretStore;
  clock?: Clock;
  nativeBinding?: string;
  /** How many demo people to write into an empty demo database (0: write none). */
  demoPeople?: number;
  /** Development and test hook: every data centre's accounts server (a CRM test server). */
  accountsUrlOverride?: string;
  retry?: RetryPolicy;
  /** Run syncs on the schedule (off in tests that drive "Sync now" themselves). */
  scheduled?: boolean;
  /** The demo organisation goes on living (visits, engagement) on the visits schedule. */
  demoLive?: boolean;
  /**
   * Hears every pushed event from the start: the demo's first pass may deliver an alert while
   * the workspace is still opening, before anyone could call `on`.
   */
  listen?: (name: EventName, payload: unknown) => void;
}

export interface Workspace extends CoreEndpoint {
  /** The data set the window shows now. */
  active(): Core;
  close(): Promise<void>;
}

function crmPathBeside(demoPath: string): string {
  return /\.(db|sqlite3?)$/.test(demoPath)
    ? demoPath.replace(/\.(db|sqlite3?)$/, '.crm.$1')
    : `${demoPath}.crm`;
}

/**
 * The data sets (demo and CRM copy) and the CRM connection behind one endpoint: transports talk
 * to this as they would to one core. Calls about the connection are answered here; every other
 * call goes to the core of the data set shown.
 */
export async function openWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const clock = options.clock ?? Date.now;
  const scheduled = options.scheduled ?? true;
  const native = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const { listen } = options;
  if (listen)
    for (const name of EVENT_NAMES) events.on(name, (payload: unknown) => listen(name, payload));

  const data = await openDataSets(
    {
      demoPath: options.demoPath,
      crmPath: options.crmPath ?? crmPathBeside(options.demoPath),
      clock,
      scheduled,
      demoLive: options.demoLive ?? true,
      ...native,
      ...(options.demoPeople !== undefined ? { demoPeople: options.demoPeople } : {}),
    },
    events,
  );

  const announce = (): void => {
    // A status that cannot be read now (a damaged page) must not end the worker: the next
    // change announces again, and Settings reads the account itself when opened.
    connection.account().then(
      (a) => events.emit('crm-account', a),
      (error: unknown) => console.warn(`The CRM account could not be read: ${String(error)}`),
    );
  };
  const useDataSet = async (set: DataSet): Promise<CrmAccount> => {
    await data.show(set);
    const result = await connection.account();
    events.emit('crm-account', result);
    return result;
  };
  const connection = createCrmConnection(
    {
      secrets: options.secrets,
      clock,
      scheduled,
      ...native,
      ...(options.accountsUrlOverride ? { accountsUrlOverride: options.accountsUrlOverride } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      onChange: announce,
      // A failure here must not take the core down: the account is announced as it stands,
      // and the CRM's data stays one choice away in Settings.
      onFirstSyncDone: () => void useDataSet('crm').catch(announce),
    },
    data,
  );
  // Start where the user left off.
  await connection.resume();

  const handlers: { [M in WorkspaceMethod]: (input: ParsedInput<M>) => Promise<CrmAccount> } = {
    getCrmAccount: () => connection.account(),
    connectCrm: async (input) => {
      await connection.connect(input);
      return connection.account();
    },
    reconnectCrm: async (input) => {
      await connection.reconnect(input);
      return connection.account();
    },
    disconnectCrm: async ({ discardUnsent }) => {
      await connection.disconnect(discardUnsent);
      return useDataSet('demo');
    },
    retryRefusedCall: async ({ id }) => {
      connection.retryRefused(id);
      return connection.account();
    },
    discardRefusedCall: async ({ id }) => {
      connection.discardRefused(id);
      return connection.account();
    },
    retryHeldBackRecord: async ({ module, recordId }) => {
      const gone = await connection.retryHeldBack(module, recordId);
      return gone === null ? connection.account() : { ...(await connection.account()), gone };
    },
    syncNow: async () => {
      connection.syncNow();
      return connection.account();
    },
    useDataSet: ({ dataSet }) => useDataSet(dataSet),
    updateSyncSchedule: async (patch) => {
      const next = { ...(await data.schedule()), ...patch };
      await data.setSchedule(next);
      connection.setSchedule(next);
      return connection.account();
    },
  };

  return {
    active: data.current,
    async dispatch(method, input): Promise<Result<unknown>> {
      if (!(WORKSPACE_METHODS as readonly string[]).includes(method))
        return data.current().dispatch(method, input);
      try {
        const parsed = validateInput(method, input);
        const handler = handlers[method as WorkspaceMethod] as (i: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(parsed) };
      } catch (error) {
        // Retry, Discard, switching data sets write to the CRM copy (or the demo): a database
        // fault is said with the file and a way out, as the core's own requests say it.
        const path = (data.crm() ?? data.current()).db.path;
        return { ok: false, error: errorAnswer(method, path, error) };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: PushedEvents[E]) => void) {
      events.on(event, listener);
      return () => events.off(event, listener);
    },
    async close() {
      // The CRM's runner stops before the data sets close the files it writes.
      await connection.close();
      await data.close();
    },
  };
}
