import { EventEmitter } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import {
  validateInput,
  type CrmAccount,
  type CrmDataCentre,
  type DataSet,
  type EventName,
  WORKSPACE_METHODS,
  type WorkspaceMethod,
  type ParsedInput,
  type PushedEvents,
  type Result,
  type SyncStatus,
} from '../../shared/contract';
import { refreshVisitSummaries } from '../demo/demoVisitSummaries';
import { createDemoLiveSource } from '../crm/demo/demoLiveSource';
import { generateDemo } from '../demo/generateDemo';
import { accountsUrlOf } from '../crm/zoho/dataCentres';
import { exchangeGrantCode, revokeRefreshToken } from '../crm/zoho/zohoGrant';
import { DEFAULT_RETRY, type RetryPolicy } from '../crm/zoho/zohoHttp';
import { ZohoSource } from '../crm/zoho/zohoSource';
import { openDatabase, type Db } from '../db/openDatabase';
import type { SecretStore } from '../secrets/secretStore';
import { readSetting, writeSetting } from '../settings/settingsStore';
import { createCore, type Clock, type Core, type CoreEndpoint } from './createCore';
import { DEFAULT_SCHEDULE, SyncRunner, type Schedule } from '../sync/syncRunner';

/** What the keychain holds for a connected CRM: everything needed to sync, nothing shown. */
interface StoredSignIn {
  provider: 'zoho';
  dataCentre: CrmDataCentre;
  accountsUrl: string;
  apiDomain: string | null;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface WorkspaceOptions {
  /** The demo organisation's database (written on first start when empty). */
  demoPath: string;
  /** The connected CRM's database; by default beside the demo's (workspacePaths). */
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
}

export interface Workspace extends CoreEndpoint {
  /** The data set the window shows now. */
  active(): Core;
  close(): Promise<void>;
}

export function crmPathBeside(demoPath: string): string {
  return /\.(db|sqlite3?)$/.test(demoPath)
    ? demoPath.replace(/\.(db|sqlite3?)$/, '.crm.$1')
    : `${demoPath}.crm`;
}

/**
 * The demo organisation and the connected CRM, each in its own database file (the demo is
 * never mixed with real data), one of them shown at a time; plus the CRM sign-in, kept in the
 * secret store, and the scheduled syncs. Transports talk to this as they would to one core.
 */
export async function openWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const clock = options.clock ?? Date.now;
  const crmPath = options.crmPath ?? crmPathBeside(options.demoPath);
  const open = (path: string): Promise<Db> =>
    openDatabase(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const events = new EventEmitter();
  events.setMaxListeners(100);

  const demoDb = await open(options.demoPath);
  if (!demoDb.raw.prepare('select 1 from organisation').get() && (options.demoPeople ?? 400) > 0)
    generateDemo(demoDb, { seed: 1, people: options.demoPeople ?? 400, now: clock() });
  const demo = createCore(demoDb, clock);
  await demo.refreshStaleSuggestions();
  let demoRunner: SyncRunner | null = null;

  let crm: Core | null = null;
  let runner: SyncRunner | null = null;
  let signIn: StoredSignIn | null = null;
  let keptAcrossRestarts = false;
  let active: DataSet = 'demo';
  // Set while a first sync runs: its end opens the CRM's data in the window.
  let switchOnFirst = false;
  const detach: (() => void)[] = [];

  const current = (): Core => (active === 'crm' && crm ? crm : demo);
  const forward = (core: Core, set: DataSet): void => {
    detach.push(
      core.on('data-changed', (payload) => {
        if (active === set) events.emit('data-changed', payload);
      }),
    );
  };
  forward(demo, 'demo');

  const schedule = async (): Promise<Schedule> =>
    (await readSetting<Schedule>(demoDb, 'sync_schedule')) ?? DEFAULT_SCHEDULE;

  const idleStatus = (): SyncStatus => ({
    state: 'idle',
    first: false,
    startedAt: null,
    modules: [],
    etaMs: null,
    lastSyncedAt: null,
    lastError: null,
    nextAt: null,
    quarantined: 0,
  });

  const account = async (): Promise<CrmAccount> => {
    const unsent = crm
      ? (
          crm.db.raw
            .prepare("select count(*) as n from outbox where pushed_at is null and kind = 'call'")
            .get() as { n: number }
        ).n
      : 0;
    const orgName = crm
      ? ((
          crm.db.raw.prepare('select name from organisation where id = 1').get() as
            { name: string } | undefined
        )?.name ?? null)
      : null;
    const status = runner?.current() ?? idleStatus();
    return {
      activeDataSet: active,
      crm: signIn
        ? { provider: 'zoho', dataCentre: signIn.dataCentre, orgName, keptAcrossRestarts }
        : null,
      sync:
        !signIn && crm
          ? {
              ...status,
              state: 'error',
              lastError:
                'Signed out of the CRM: this data is as of the last sync. Connect again to resume syncing.',
            }
          : status,
      schedule: await schedule(),
      unsentCalls: unsent,
    };
  };
  const announce = (): void => {
    void account().then((a) => events.emit('crm-account', a));
  };

  const openCrm = async (): Promise<Core> => {
    if (crm) return crm;
    crm = createCore(await open(crmPath), clock);
    forward(crm, 'crm');
    return crm;
  };

  /** Closes the local CRM copy and deletes its files. */
  const removeCrmCopy = async (): Promise<void> => {
    if (!crm) return;
    const db = crm.db;
    crm = null;
    await db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${crmPath}${suffix}`, { force: true });
  };

  const zohoSource = (creds: StoredSignIn): ZohoSource =>
    new ZohoSource({
      credentials: {
        accountsUrl: creds.accountsUrl,
        clientId: creds.clientId,
        clientSecret: creds.clientSecret,
        refreshToken: creds.refreshToken,
      },
      ...(creds.apiDomain ? { apiDomain: creds.apiDomain } : {}),
      retry: options.retry ?? DEFAULT_RETRY,
      now: clock,
    });

  /**
   * A local CRM copy kept from an earlier sign-in (signed out elsewhere, or no keychain across a
   * restart) is of one organisation: a sign-in to another one starts from an empty copy, or the
   * two organisations' records would mix. A copy that does not say which organisation it is (one
   * written before the id was kept) counts as another's. Calls logged in that copy that never
   * reached its CRM go only when the user said so.
   */
  const prepareCopyFor = async (source: ZohoSource, discardUnsent: boolean): Promise<void> => {
    if (!existsSync(crmPath)) return;
    const core = await openCrm();
    const org = core.db.raw.prepare('select name from organisation where id = 1').get() as
      { name: string } | undefined;
    const kept = await readSetting<string>(core.db, 'crm_org_id');
    if (!org || (kept !== null && kept === (await source.organisationId()))) {
      // The same organisation: its copy resumes, and opens on whoever signed in this time.
      core.db.raw.prepare("delete from settings where key = 'current_user_id'").run();
      return;
    }
    const unsent = core.db.raw
      .prepare("select count(*) from outbox where pushed_at is null and kind = 'call'")
      .pluck()
      .get() as number;
    if (unsent > 0 && !discardUnsent)
      throw new Error(
        `This sign-in is not ${org.name}, whose local copy holds ${unsent} logged call${unsent === 1 ? '' : 's'} that never reached it. Connect to ${org.name} to send ${unsent === 1 ? 'it' : 'them'}, or tick "Discard" and connect again with a new grant code.`,
      );
    if (active === 'crm') {
      active = 'demo';
      await writeSetting(demoDb, 'active_data_set', 'demo');
      events.emit('data-changed', { entities: ['all'] });
    }
    await removeCrmCopy();
  };

  const startRunner = async (core: Core, creds: StoredSignIn): Promise<void> => {
    const source = zohoSource(creds);
    runner = new SyncRunner(core, source, await schedule(), {
      onStatus: (status) => {
        // The CRM's data opens once its first sync has brought the organisation and its people.
        if (
          status.state === 'idle' &&
          status.lastSyncedAt !== null &&
          active === 'demo' &&
          switchOnFirst
        ) {
          switchOnFirst = false;
          void useDataSet('crm');
          return;
        }
        announce();
      },
      countRecords: (module) => source.countRecords(module),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    if (options.scheduled ?? true) runner.start();
  };

  const useDataSet = async (set: DataSet): Promise<CrmAccount> => {
    if (set === 'crm' && !crm)
      throw new Error('No CRM is connected yet: connect one in Settings › CRM account.');
    if (
      set === 'crm' &&
      crm &&
      !crm.db.raw.prepare('select 1 from organisation where id = 1').get()
    )
      throw new Error(
        "The CRM's first sync has not brought its organisation yet; wait for it to finish.",
      );
    active = set;
    await writeSetting(demoDb, 'active_data_set', set);
    await current().refreshStaleSuggestions();
    events.emit('data-changed', { entities: ['all'] });
    const result = await account();
    events.emit('crm-account', result);
    return result;
  };

  const demoSource = (
    demoDb.raw.prepare('select source from organisation where id = 1').get() as
      { source: string } | undefined
  )?.source;
  if ((options.demoLive ?? true) && demoSource === 'demo') {
    // The demo is a CRM too (SY-4): visits and engagement keep arriving, so plans and alerts move.
    demoRunner = new SyncRunner(demo, createDemoLiveSource(demoDb, { clock }), await schedule(), {
      relearnAllOnFirst: false,
      onTouched: (ids) => refreshVisitSummaries(demoDb, ids),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    if (options.scheduled ?? true) demoRunner.start();
  }

  // Start where the user left off: a kept sign-in resumes syncing; a CRM data set without one
  // (no keychain on this computer, or signed out) is still readable offline.
  const stored = await options.secrets.read().catch(() => null);
  keptAcrossRestarts = await options.secrets.persistent().catch(() => false);
  if (stored) signIn = JSON.parse(stored) as StoredSignIn;
  if (signIn || existsSync(crmPath)) {
    const core = await openCrm();
    if (signIn) await startRunner(core, signIn);
    if (
      (await readSetting<DataSet>(demoDb, 'active_data_set')) === 'crm' &&
      core.db.raw.prepare('select 1 from organisation where id = 1').get()
    ) {
      active = 'crm';
      await core.refreshStaleSuggestions();
    }
  }

  const handlers: { [M in WorkspaceMethod]: (input: ParsedInput<M>) => Promise<CrmAccount> } = {
    getCrmAccount: () => account(),
    connectCrm: async (input) => {
      if (signIn) throw new Error('A CRM is connected already: sign out first to connect another.');
      const accountsUrl = options.accountsUrlOverride ?? accountsUrlOf(input.dataCentre);
      const { refreshToken, apiDomain } = await exchangeGrantCode({
        accountsUrl,
        clientId: input.clientId,
        clientSecret: input.clientSecret,
        code: input.grantCode,
      });
      const creds: StoredSignIn = {
        provider: 'zoho',
        dataCentre: input.dataCentre,
        accountsUrl,
        apiDomain,
        clientId: input.clientId,
        clientSecret: input.clientSecret,
        refreshToken,
      };
      try {
        await prepareCopyFor(zohoSource(creds), input.discardUnsent);
      } catch (error) {
        // Nothing will use this sign-in: it must not stay valid at Zoho either.
        await revokeRefreshToken(accountsUrl, refreshToken);
        throw error;
      }
      keptAcrossRestarts = (await options.secrets.write(JSON.stringify(creds))).persistent;
      signIn = creds;
      const core = await openCrm();
      switchOnFirst = !core.db.raw.prepare('select 1 from organisation where id = 1').get();
      await startRunner(core, creds);
      // The first sync starts at once, scheduled or not: the user is watching its progress.
      if (!(options.scheduled ?? true)) void runner?.syncNow();
      return account();
    },
    disconnectCrm: async ({ discardUnsent }) => {
      const before = await account();
      if (before.unsentCalls > 0 && !discardUnsent)
        throw new Error(
          `${before.unsentCalls} logged call${before.unsentCalls === 1 ? ' has' : 's have'} not reached the CRM yet: sync while online first, or sign out anyway and lose ${before.unsentCalls === 1 ? 'it' : 'them'}.`,
        );
      await runner?.stop();
      runner = null;
      const revoked = signIn;
      signIn = null;
      await options.secrets.clear();
      if (revoked) await revokeRefreshToken(revoked.accountsUrl, revoked.refreshToken);
      // The local copy of the CRM goes too: it is the CRM's data, and the next sign-in may be
      // another organisation's.
      await removeCrmCopy();
      return useDataSet('demo');
    },
    syncNow: async () => {
      if (!runner) throw new Error('No CRM is connected: connect one in Settings › CRM account.');
      void runner.syncNow();
      return account();
    },
    useDataSet: ({ dataSet }) => useDataSet(dataSet),
    updateSyncSchedule: async (patch) => {
      const next = { ...(await schedule()), ...patch };
      await writeSetting(demoDb, 'sync_schedule', next);
      runner?.setSchedule(next);
      demoRunner?.setSchedule(next);
      return account();
    },
  };

  return {
    active: current,
    async dispatch(method, input): Promise<Result<unknown>> {
      if (!(WORKSPACE_METHODS as readonly string[]).includes(method))
        return current().dispatch(method, input);
      try {
        const parsed = validateInput(method, input);
        const handler = handlers[method as WorkspaceMethod] as (i: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(parsed) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: PushedEvents[E]) => void) {
      events.on(event, listener);
      return () => events.off(event, listener);
    },
    async close() {
      await Promise.all([runner?.stop(), demoRunner?.stop()]);
      for (const off of detach) off();
      await crm?.db.close();
      await demoDb.close();
    },
  };
}
