import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { NO_UNSENT_WORK, unsentWorkTotal, type AccountUnsentWork } from '../../shared/unsentWork';
import {
  HELD_BACK_LISTED,
  type CrmAccount,
  type CrmDataCentre,
  type ParsedInput,
  type RefusedCall,
  type RefusedTaskChange,
  type RefusedLead,
  type SyncStatus,
} from '../../shared/contract';
import { accountsUrlOf } from '../crm/zoho/dataCentres';
import { exchangeGrantCode, revokeRefreshToken } from '../crm/zoho/zohoGrant';
import { DEFAULT_RETRY, type RetryPolicy } from '../crm/zoho/zohoHttp';
import { ZohoSource } from '../crm/zoho/zohoSource';
import {
  refusedCallEntries,
  refusedLeadEntries,
  refusedTaskEntries,
  retryRefusedCall,
  unsentCallsWhy,
} from '../db/repos/outbox';
import {
  countPassedBookingsUnsent,
  countPlanMarksHereOnly,
  outboxWorkHereOnly,
} from '../db/repos/unsentWorkCounts';
import { shownName } from '../../shared/personName';
import { readTaskChange } from '../../shared/taskChange';
import { organisation } from '../db/repos/organisation';
import { deleteSetting } from '../db/repos/settings';
import type { SecretStore } from '../secrets/secretStore';
import { readSetting, writeSetting } from '../settings/settingsStore';
import { planMarksKeptNowhere } from '../sync/planMarksUnshared';
import { unsentOnOtherOrganisation } from './otherOrganisationWords';
import { NOTHING_REFUSED, unsentOnSignOut, type Unsent } from './signOutWords';
import { forgetSignInAnswers } from '../sync/signInAnswers';
import { SyncRunner, type Schedule } from '../sync/syncRunner';
import { TouchedPeople } from '../sync/touchedPeople';
import { discardRefusedEntry } from '../tasks/taskChangeDiscard';
import type { Clock, Core } from './createCore';
import type { DataSets } from './dataSets';
import {
  listHeldBack,
  retryHeldBack,
  retryHeldBackFromCrm,
  waitsUnlisted,
} from './heldBackRecords';

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

export interface CrmConnectionOptions {
  secrets: SecretStore;
  clock: Clock;
  nativeBinding?: string;
  /** Development and test hook: every data centre's accounts server (a CRM test server). */
  accountsUrlOverride?: string;
  retry?: RetryPolicy;
  /** Run syncs on the schedule (off in tests that drive "Sync now" themselves). */
  scheduled: boolean;
  /** The sync's status changed (the account as shown should be pushed again). */
  onChange(): void;
  /** The first sync has brought the organisation: the window may open the CRM's data. */
  onFirstSyncDone(): void;
}

/** The CRM sign-in (grant, keychain, revoke) and the syncs that run while it lasts. */
export interface CrmConnection {
  account(): Promise<CrmAccount>;
  /** Picks up a sign-in kept in the keychain, or a CRM copy kept without one, at start. */
  resume(): Promise<void>;
  connect(input: ParsedInput<'connectCrm'>): Promise<void>;
  /** A new sign-in to the organisation connected now, keeping its local copy. */
  reconnect(input: ParsedInput<'reconnectCrm'>): Promise<void>;
  disconnect(discardUnsent: boolean): Promise<void>;
  /** A call the CRM refused goes once more, with a sync started now when signed in. */
  retryRefused(id: number): void;
  /** A call the CRM refused is never sent; it stays in the copy's history. */
  discardRefused(id: number): void;
  /**
   * A record held back is read again: signed in, from Zoho now; signed out, from the copy kept
   * of it. Stored, its people are relearned at once. Returns the note when Zoho holds the record
   * no more (it left the list, and its copy here went, or moved to the contact a lead became),
   * else null.
   */
  retryHeldBack(module: string, recordId: string): Promise<string | null>;
  syncNow(): void;
  setSchedule(next: Schedule): void;
  close(): Promise<void>;
}

const idleStatus = (): SyncStatus => ({
  state: 'idle',
  first: false,
  startedAt: null,
  modules: [],
  etaMs: null,
  lastSyncedAt: null,
  lastError: null,
  errorDetail: null,
  nextAt: null,
  quarantined: 0,
  missing: null,
  visitsFrom: null,
  emails: null,
  notes: [],
  unread: [],
  credits: null,
  planReady: false,
  shareSynced: null,
});

const unsentWork = (
  core: Core,
  now: number,
  calls: RefusedCall[] = refusedCalls(core, now),
): Unsent => {
  const booked = calls.filter((c) => c.booked).length;
  return {
    ...outboxWorkHereOnly(core.db),
    marks: countPlanMarksHereOnly(core.db),
    refused: {
      calls: calls.length - booked,
      bookings: booked,
      tasks: refusedTaskEntries(core.db).length,
      leads: refusedLeadEntries(core.db).length,
    },
    passed: calls.filter((c) => c.passed).length,
    passedUnsent: countPassedBookingsUnsent(core.db, now),
    marksKeptNowhere: planMarksKeptNowhere(core.db, 'plan marks'),
  };
};

/** The counts, as Settings words them: the plan marks as the sign-out warning says them too. */
const unsentWorkOf = ({
  calls,
  bookings,
  tasks,
  leads,
  marks,
  keptLeads,
  marksKeptNowhere,
}: Unsent): AccountUnsentWork => ({
  calls,
  bookings,
  tasks,
  leads,
  marks,
  keptLeads,
  marksSent: marksKeptNowhere === null,
});

/** No CRM copy open: nothing to send, and no CRM to send plan marks to. */
const NO_ACCOUNT_UNSENT: AccountUnsentWork = { ...NO_UNSENT_WORK, marksSent: false };

const noUnsent: Unsent = {
  ...NO_UNSENT_WORK,
  refused: NOTHING_REFUSED,
  passed: 0,
  passedUnsent: 0,
  marksKeptNowhere: null,
};
const unsentCount = (work: Unsent): number => unsentWorkTotal(work);

const refusedCalls = (core: Core, now: number): RefusedCall[] =>
  refusedCallEntries(core.db).map((r) => ({
    id: r.id,
    personName: r.last_name !== null ? shownName(r.first_name, r.last_name) : null,
    startedAt: typeof r.started_at === 'number' ? r.started_at : null,
    ...(r.booked ? { booked: true } : {}),
    // A Retry is refused again at once: a booking never goes once its time is gone (outboxPush).
    ...(r.booked && typeof r.started_at === 'number' && r.started_at <= now
      ? { passed: true }
      : {}),
    refusedAt: r.refused_at,
    reason: r.last_error ?? 'refused without a reason',
  }));

const refusedLeads = (core: Core): RefusedLead[] =>
  refusedLeadEntries(core.db).map((r) => ({
    id: r.id,
    personName: r.last_name !== null ? shownName(r.first_name, r.last_name) : null,
    refusedAt: r.refused_at,
    reason: r.last_error ?? 'refused without a reason',
  }));

const refusedTasks = (core: Core): RefusedTaskChange[] =>
  refusedTaskEntries(core.db).map((r) => {
    const change = readTaskChange(r.payload);
    return {
      id: r.id,
      personName: r.last_name !== null ? shownName(r.first_name, r.last_name) : null,
      subject: change?.subject ?? null,
      action: change?.action ?? 'done',
      dueAt: change?.dueAt ?? null,
      refusedAt: r.refused_at,
      reason: r.last_error ?? 'refused without a reason',
    };
  });

const NOT_REFUSED =
  'This call is not waiting after a refusal any more (sent, or discarded): Settings › CRM account shows the calls that are.';

const PASSED_NOT_RETRIED =
  'This call was booked for a time that has passed: it can never be sent. Discard it in Settings › CRM account, and book again at a time to come.';

const organisationName = (core: Core): string | null => organisation(core.db)?.name ?? null;

export function createCrmConnection(options: CrmConnectionOptions, data: DataSets): CrmConnection {
  let runner: SyncRunner | null = null;
  let signIn: StoredSignIn | null = null;
  let keptAcrossRestarts = false;
  // Set while a first sync runs: its end opens the CRM's data in the window.
  let switchOnFirst = false;
  /**
   * Why the CRM's copy or sign-in could not be taken up at start (a damaged file, one of a newer
   * version, a keychain entry that is not a sign-in): Settings says it, the demo stays usable.
   */
  let startProblem: string | null = null;
  /** The CRM copy could not be opened at start: signing out or in moves it aside, never deletes it. */
  let copyUnreadable = false;
  const moveCopyAside = (): void => {
    if (!copyUnreadable) return;
    const aside = data.moveUnreadableCrmCopyAside();
    copyUnreadable = false;
    startProblem = null;
    if (aside) console.warn(`The CRM copy that could not be opened was moved to ${aside}.`);
  };

  const run = randomUUID();
  let seq = 0;
  const account = async (): Promise<CrmAccount> => {
    const schedule = await data.schedule();
    // Numbered, then read without a pause: a higher number never describes an earlier state.
    const revision = { run, seq: ++seq };
    const crm = data.crm();
    const status =
      runner?.current() ??
      (startProblem && !crm
        ? { ...idleStatus(), state: 'error' as const, lastError: startProblem }
        : idleStatus());
    const refused = crm ? refusedCalls(crm, options.clock()) : [];
    const work = crm ? unsentWorkOf(unsentWork(crm, options.clock(), refused)) : NO_ACCOUNT_UNSENT;
    return {
      revision,
      activeDataSet: data.shown(),
      crm: signIn
        ? {
            provider: 'zoho',
            dataCentre: signIn.dataCentre,
            orgName: crm ? organisationName(crm) : null,
            keptAcrossRestarts,
          }
        : null,
      sync:
        !signIn && crm
          ? {
              ...status,
              state: 'error',
              errorDetail: null,
              lastError:
                startProblem ??
                'Signed out of the CRM: this data is as of the last sync. Connect again to resume syncing.',
            }
          : status,
      schedule,
      unsentCalls: work.calls + work.bookings,
      unsentTasks: work.tasks,
      unsentLeads: work.leads,
      unsentWork: work,
      unsentCallsWhy: crm ? unsentCallsWhy(crm.db) : null,
      refusedCalls: refused,
      refusedTasks: crm ? refusedTasks(crm) : [],
      refusedLeads: crm ? refusedLeads(crm) : [],
      heldBack: crm ? listHeldBack(crm.db, HELD_BACK_LISTED) : [],
    };
  };

  // The syncing sign-in's client: a new in-flight setting reaches it at once.
  let syncSource: ZohoSource | null = null;
  const zohoSource = (creds: StoredSignIn, requestsInFlight?: number): ZohoSource =>
    new ZohoSource({
      credentials: {
        accountsUrl: creds.accountsUrl,
        clientId: creds.clientId,
        clientSecret: creds.clientSecret,
        refreshToken: creds.refreshToken,
      },
      ...(creds.apiDomain ? { apiDomain: creds.apiDomain } : {}),
      retry: options.retry ?? DEFAULT_RETRY,
      now: options.clock,
      ...(requestsInFlight ? { requestsInFlight } : {}),
    });

  /**
   * The same organisation's copy resumes, and opens on whoever signed in this time, whose role
   * (not the last account's) decides at once whether they may pick another; what Zoho refused or
   * hid from the last sign-in is asked about again.
   */
  const takeUpCopy = async (core: Core, source: ZohoSource): Promise<void> => {
    deleteSetting(core.db, 'current_user_id');
    forgetSignInAnswers(core.db);
    const me = await source.currentUserId();
    if (me) writeSetting(core.db, 'crm_user_id', me);
    else deleteSetting(core.db, 'crm_user_id');
  };

  /**
   * A local CRM copy kept from an earlier sign-in (signed out elsewhere, or no keychain across a
   * restart) is of one organisation: a sign-in to another one starts from an empty copy, or the
   * two organisations' records would mix. A copy that does not say which organisation it is (one
   * written before the id was kept) counts as another's. Calls logged in that copy that never
   * reached its CRM go only when the user said so.
   */
  const prepareCopyFor = async (source: ZohoSource, discardUnsent: boolean): Promise<void> => {
    if (!existsSync(data.crmPath)) return;
    const core = await data.openCrm();
    const orgName = organisationName(core);
    const kept = readSetting<string>(core.db, 'crm_org_id');
    if (orgName === null || (kept !== null && kept === (await source.organisationId()))) {
      await takeUpCopy(core, source);
      return;
    }
    const work = unsentWork(core, options.clock());
    if (unsentCount(work) > 0 && !discardUnsent)
      throw new Error(unsentOnOtherOrganisation(orgName, work));
    if (data.shown() === 'crm') await data.show('demo');
    await data.removeCrmCopy();
  };

  const startRunner = async (core: Core, creds: StoredSignIn): Promise<void> => {
    const schedule = await data.schedule();
    const source = zohoSource(creds, schedule.requestsInFlight);
    syncSource = source;
    runner = new SyncRunner(core, source, schedule, {
      onStatus: (status) => {
        // The CRM's data opens once its first sync has brought the organisation and its people
        // (all of it, or all but modules the CRM failed to give: `unread`), or the signed-in rep's
        // own people and their plan, read first.
        if (
          (((status.state === 'idle' || (status.state === 'error' && status.unread.length > 0)) &&
            status.lastSyncedAt !== null) ||
            (status.state === 'syncing' && status.planReady)) &&
          data.shown() === 'demo' &&
          switchOnFirst
        ) {
          switchOnFirst = false;
          options.onFirstSyncDone();
          return;
        }
        options.onChange();
      },
      countsRequests: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    if (options.scheduled) runner.start();
  };

  /** The CRM copy whose refused calls the user is looking at. */
  const refusedCopy = (): Core => {
    const crm = data.crm();
    if (!crm) throw new Error('No CRM copy is open here: it holds no refused call.');
    return crm;
  };

  return {
    account,
    async resume() {
      // A kept sign-in resumes syncing; a CRM copy without one (no keychain on this computer,
      // or signed out) is still readable offline.
      const stored = await options.secrets.read().catch(() => null);
      keptAcrossRestarts = await options.secrets.persistent().catch(() => false);
      if (stored) {
        signIn = storedSignIn(stored);
        if (!signIn)
          startProblem =
            'The CRM sign-in kept on this computer could not be read: connect again in Settings › CRM account.';
      }
      if (signIn || existsSync(data.crmPath)) {
        let core: Core;
        try {
          core = await data.openCrm();
        } catch (error) {
          // One unreadable file must not keep the app from starting: the demo opens, and the
          // message (with its advice) waits in Settings.
          copyUnreadable = true;
          startProblem =
            `${(error as Error).message} The demo organisation is shown meanwhile. ` +
            `${signIn ? 'Signing out' : 'Connecting'} moves the file aside (renamed ${data.crmPath}.unreadable-…, kept whole, with any logged calls in it that had not reached the CRM) and ${signIn ? 'a sign-in then syncs' : 'syncs'} a fresh copy.`;
          await data.restoreShown();
          return;
        }
        if (signIn) await startRunner(core, signIn);
        await data.restoreShown();
      }
    },
    async connect(input) {
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
        // Said at start: the copy that could not be opened goes aside, a fresh one is synced.
        moveCopyAside();
        await prepareCopyFor(zohoSource(creds), input.discardUnsent);
      } catch (error) {
        // Nothing will use this sign-in: it must not stay valid at Zoho either.
        await revokeRefreshToken(accountsUrl, refreshToken);
        throw error;
      }
      keptAcrossRestarts = (await options.secrets.write(JSON.stringify(creds))).persistent;
      signIn = creds;
      const core = await data.openCrm();
      startProblem = null;
      switchOnFirst = organisationName(core) === null;
      await startRunner(core, creds);
      // The first sync starts at once, scheduled or not: the user is watching its progress.
      if (!options.scheduled) void runner?.syncNow();
    },
    async reconnect(input) {
      const current = signIn;
      const core = data.crm();
      // Signed in, but the copy did not open at start: connecting again keeps the copy, and there
      // is none to keep. Saying no CRM is connected would send the user to a Connect form the
      // panel does not show while signed in.
      if (current && !core && copyUnreadable)
        throw new Error(
          `This computer's copy of the CRM could not be opened at start, so connecting again has nothing to keep: sign out instead. Signing out moves the file aside (renamed ${data.crmPath}.unreadable-…, kept whole, with any logged calls in it that had not reached the CRM); a sign-in then syncs a fresh copy.`,
        );
      if (!current || !core)
        throw new Error('No CRM is connected: connect one in Settings › CRM account.');
      const client = {
        clientId: input.clientId ?? current.clientId,
        clientSecret: input.clientSecret ?? current.clientSecret,
      };
      const { refreshToken, apiDomain } = await exchangeGrantCode({
        accountsUrl: current.accountsUrl,
        ...client,
        code: input.grantCode,
      });
      const creds: StoredSignIn = {
        ...current,
        ...client,
        apiDomain: apiDomain ?? current.apiDomain,
        refreshToken,
      };
      const source = zohoSource(creds);
      try {
        // Signing out and in again would throw away the copy, its saved day plans and the marks
        // not yet shared: this way keeps them, so it must be the organisation they belong to.
        const kept = readSetting<string>(core.db, 'crm_org_id');
        const orgName = organisationName(core) ?? 'the organisation connected now';
        if (kept === null || kept !== (await source.organisationId()))
          throw new Error(
            `This grant code signs in to another organisation than ${orgName}: to connect another, sign out first (the local copy of ${orgName} is removed then).`,
          );
        await runner?.stop();
        runner = null;
        syncSource = null;
        await takeUpCopy(core, source);
      } catch (error) {
        await revokeRefreshToken(current.accountsUrl, refreshToken);
        // The sign-in in force goes on as it was (a refused grant code changes nothing).
        if (!runner) await startRunner(core, current);
        throw error;
      }
      keptAcrossRestarts = (await options.secrets.write(JSON.stringify(creds))).persistent;
      signIn = creds;
      startProblem = null;
      // The old refresh token is of no use now; Zoho may have revoked it already.
      if (current.refreshToken !== refreshToken)
        await revokeRefreshToken(current.accountsUrl, current.refreshToken);
      await startRunner(core, creds);
      // Scheduled, the runner starts with a sync; the user is waiting to see this one work.
      if (!options.scheduled) void (runner as SyncRunner | null)?.syncNow();
    },
    async disconnect(discardUnsent) {
      const crm = data.crm();
      const unsent = crm ? unsentWork(crm, options.clock()) : noUnsent;
      if (unsentCount(unsent) > 0 && !discardUnsent) throw new Error(unsentOnSignOut(unsent));
      await runner?.stop();
      runner = null;
      syncSource = null;
      moveCopyAside();
      const revoked = signIn;
      signIn = null;
      await options.secrets.clear();
      if (revoked) await revokeRefreshToken(revoked.accountsUrl, revoked.refreshToken);
      // The local copy of the CRM goes too: it is the CRM's data, and the next sign-in may be
      // another organisation's.
      await data.removeCrmCopy();
    },
    retryRefused(id) {
      const crm = refusedCopy();
      // Sent again, it is refused at once for its time (outboxPush), and the reason Zoho gave is
      // lost: the list offers it Discard only, and so does the core.
      if (refusedCalls(crm, options.clock()).some((c) => c.id === id && c.passed === true))
        throw new Error(PASSED_NOT_RETRIED);
      if (!retryRefusedCall(crm.db, id)) throw new Error(NOT_REFUSED);
      crm.emit('data-changed', { entities: ['outbox'] });
      // The user is waiting to see it go (an administrator has just mended the field).
      void runner?.syncNow();
    },
    discardRefused(id) {
      const crm = refusedCopy();
      if (!discardRefusedEntry(crm.db, id, options.clock())) throw new Error(NOT_REFUSED);
      // A discarded lead may have folded into the copy of it Zoho holds (storedLandedLeads.ts).
      crm.emit('data-changed', { entities: ['outbox', 'people', 'visits'] });
    },
    async retryHeldBack(module, recordId) {
      const crm = data.crm();
      if (!crm) throw new Error('No CRM copy is open here: it holds no record held back.');
      // Signed in: Zoho's copy now, with a deadline (heldBackRecords.ts); a refusal is said. The
      // runner relearns whom a stored record wrote to, as after a run.
      if (runner && syncSource) {
        const source = syncSource;
        let gone: string | null = null;
        try {
          await runner.retriedHeldBack(async () => {
            const retried = await retryHeldBackFromCrm(
              crm.db,
              source,
              module,
              recordId,
              options.clock,
            );
            gone = retried.gone;
            return retried.changed;
          });
        } finally {
          // The list shows the newest reason either way.
          options.onChange();
        }
        // Gone from Zoho: what was here of it went or moved already (sync/recordsGone.ts); a sync
        // would add nothing, as none lists a record that is only no longer shared.
        return gone;
      }
      // Signed out, no runner: the same triggers note whom the record wrote to.
      await relearnedAfter(crm, () => retryHeldBack(crm.db, module, recordId, options.clock()));
      // Stored, it is held back no more; waiting for someone let go of, it leaves the list.
      return waitsUnlisted(crm.db, module, recordId);
    },
    syncNow() {
      if (!runner)
        throw new Error(
          startProblem ?? 'No CRM is connected: connect one in Settings › CRM account.',
        );
      void runner.syncNow();
    },
    setSchedule(next) {
      runner?.setSchedule(next);
      syncSource?.setRequestsInFlight(next.requestsInFlight);
    },
    async close() {
      await runner?.stop();
    },
  };
}

/**
 * A record held back stored by Retry signed out, when no runner relearns: the triggers a run uses
 * note whom `store` wrote to, and the core relearns them and announces the records with their
 * windows, as after a run. A relearn that fails still announces the records (stored all the
 * same); the nightly relearn tries again.
 */
async function relearnedAfter(core: Core, store: () => boolean): Promise<void> {
  const records = ['people', 'activities', 'deals', 'visits'];
  const touched = new TouchedPeople(core.db);
  touched.attach();
  let ids: string[] = [];
  let stored = false;
  try {
    touched.take(); // Left by a runner of an earlier sign-in: not this record's.
    stored = store();
    ids = touched.take();
  } finally {
    touched.detach();
  }
  if (!stored) return;
  try {
    await core.recomputeSuggestionsFor(ids, records);
  } catch {
    core.emit('data-changed', { entities: records });
  }
}

/** The sign-in the keychain kept, or null for anything else there (a damaged or foreign entry). */
function storedSignIn(stored: string): StoredSignIn | null {
  try {
    const value = JSON.parse(stored) as Partial<StoredSignIn> | null;
    return value &&
      typeof value.refreshToken === 'string' &&
      typeof value.clientId === 'string' &&
      typeof value.accountsUrl === 'string'
      ? (value as StoredSignIn)
      : null;
  } catch {
    return null;
  }
}
