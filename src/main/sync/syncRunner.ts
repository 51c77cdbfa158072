import type { CreditBudget, CrmMissing, ModuleProgress, SyncStatus } from '../../shared/contract';
import {
  CrmAuthError,
  crmTroubleOf,
  isSyncModule,
  SYNC_MODULES,
  type CrmSource,
  type SyncModule,
} from '../crm/crmSource';
import {
  damagedDatabaseMessage,
  databaseWriteMessage,
  isDamagedDatabaseError,
  isDatabaseWriteError,
} from '../db/databaseErrors';
import { countQuarantined } from '../db/repos/quarantine';
import { lastSyncedAt } from '../db/repos/syncState';
import { requestBuckets, requestsLast24h } from './apiCredits';
import {
  creditPlan,
  dearestRecordsRun,
  NO_RUNS,
  runsAllowedAt,
  withRunCost,
  type CreditPlan,
  type Intervals,
  type RunCosts,
} from './creditBudget';
import { storedBudgetInputs } from './organisationRead';
import { firstPulls } from './syncState';
import { missingParts, storedMetadata } from './organisationMetadata';
import { runSync, type SyncProgress, type SyncSummary } from './syncEngine';
import { moduleFaultNote } from './moduleFaults';
import { keepRunCosts, storedRunCosts } from './measuredRunCosts';
import type { Core } from '../core/createCore';
import { TouchedPeople } from './touchedPeople';
import {
  firstSyncReason,
  treatmentOf,
  type FirstSyncFacts,
  type FirstSyncReason,
} from './firstSyncReason';
import { keepUnread, storedUnread, type UnreadReason } from './unreadModules';
import { unreadModulesDetail, unreadModulesText } from './unreadModulesText';
import { signInRefusedText } from './signInRefused';
import { crmTroubleText } from './crmTroubleText';

export interface Schedule {
  recordsMinutes: number;
  visitsMinutes: number;
  /** Requests at the CRM at once (Zoho's cap per organisation by edition: 5 to 25). */
  requestsInFlight: number;
}

export interface SyncRunnerOptions {
  /** Told of every change of the status (throttled while pages arrive). */
  onStatus?: (status: SyncStatus) => void;
  /** The source counts its API requests: Settings shows the last 24 hours' (a CRM's, not the demo's). */
  countsRequests?: boolean;
  /** A CRM's first sync relearns everyone (default); the live demo's first run only adds. */
  relearnAllOnFirst?: boolean;
  /** Electron's build of better-sqlite3, for the sync's checkpoint worker. */
  nativeBinding?: string;
  /** Told of the people a run changed, before their best times are relearned. */
  onTouched?: (personIds: readonly string[]) => void;
}

// 5 requests at once: the free edition's cap, which every edition allows.
export const DEFAULT_SCHEDULE: Schedule = {
  recordsMinutes: 5,
  visitsMinutes: 1,
  requestsInFlight: 5,
};

/**
 * How long the organisation's settings (hours, shifts, holidays) read by a run serve the runs
 * after it: they change when an administrator changes them, and reading them costs API credits
 * (organisationRead.ts). The users and the alerts switch are read by every records run.
 */
export const SETTINGS_MAX_AGE_MS = 3_600_000;

// Past this many touched people one pass over everyone is cheaper than many small ones.
export const FULL_RECOMPUTE_ABOVE = 5_000;
const PROGRESS_EVERY_MS = 250;

/** A sync that failed because the CRM cannot be reached: the app goes on offline and retries. */
function isOfflineError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Cannot reach|the connection to \S+ failed|fetch failed/.test(message);
}

/**
 * What a module an earlier run of a resumed first sync finished holds, as its row counts it: the
 * records the CRM counts in it (the share synced counts it so too), or, before the CRM has
 * counted, what this run stored of its changes.
 */
function earlierStored(entry: ModuleProgress, storedThisRun = entry.stored): number {
  return Math.max(entry.total ?? 0, storedThisRun);
}

/**
 * Keeps one data set in step with its CRM: records on one interval, website visits (and the
 * outbox) on a shorter one, "Sync now" on demand, one run at a time. It tracks what the
 * Settings page shows (progress per module, estimate, last synced, offline) and relearns the
 * best times of the people a run touched.
 */
export class SyncRunner {
  private status: SyncStatus;
  private running: Promise<void> | null = null;
  /** Whether the run going on reads every module (not the minute's visits only). */
  private runningFull = false;
  /** A full run asked for while a visits-only one went on: it follows that one. */
  private askedFull: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextRecordsAt = 0;
  private nextVisitsAt = 0;
  private lastEmit = 0;
  private stopped = false;
  private readonly touched: TouchedPeople;
  /** The relearning of the people a first sync's head start stored, while it runs. */
  private headStartRelearn: Promise<void> | null = null;
  /** Records the head start stored that their modules' listings have not counted yet. */
  private storedAhead = 0;
  /** Visits this run stored (a module finished earlier shows its whole count, not this). */
  private visitsThisRun = 0;
  /** The app (re)started: its next run reads the organisation's settings whatever their age. */
  private settingsToRead = true;
  /** Modules the CRM failed to give in this run, and why (progress `failed`). */
  private failedThisRun = new Map<SyncModule, UnreadReason>();
  /**
   * Modules the CRM failed to give, as the last run reading each found: a minute's visits run
   * that reads no Deals leaves a Deals failure standing, and a run that reads Deals ends it. Kept
   * in the file: after a restart a module it held back from the first sync is still held back.
   */
  private readonly unread: Map<SyncModule, UnreadReason>;
  /** What the last scheduled runs cost, for the credit budget (creditBudget.ts); kept in the file. */
  private runCosts = NO_RUNS;
  /** The last run ended with its summary (a module the CRM failed to give included). */
  private lastRunEnded = false;
  /**
   * Why the last run is a first sync's (firstSyncReason.ts), as far as it went: one held back when
   * it started is catching up once it has read some of the module the failure held back.
   */
  private runReason: FirstSyncReason | null = null;
  /** The budget's share is spent: the scheduled runs wait until then. */
  private pausedUntil: number | null = null;

  constructor(
    private readonly core: Core,
    private readonly source: CrmSource,
    private schedule: Schedule,
    private readonly options: SyncRunnerOptions = {},
  ) {
    this.touched = new TouchedPeople(core.db);
    this.runCosts = this.keptRunCosts();
    this.unread = storedUnread(core.db);
    const kept = this.keptMetadata();
    // A damaged file must reach Settings as what it is, not as a constructor's SQLite error.
    let last: number | null = null;
    let unreadable: string | null = null;
    try {
      last = this.lastSyncedAt();
    } catch (error) {
      unreadable = failureText(core.db.path, error);
    }
    // A module the last run before the restart could not read is still a problem: Settings and
    // the sidebar say so as they did then, not only once the first run here ends.
    const unreadError = this.unreadText();
    this.status = {
      state: unreadable || unreadError ? 'error' : 'idle',
      first: false,
      startedAt: null,
      modules: [],
      etaMs: null,
      lastSyncedAt: last,
      lastError: unreadable ?? unreadError,
      errorDetail: unreadable ? null : unreadModulesDetail(this.unread),
      nextAt: null,
      quarantined: this.quarantined(),
      missing: kept ? asShown(missingParts(kept.metadata)) : null,
      visitsFrom: kept ? (kept.metadata.visits?.from ?? null) : null,
      emails: null,
      notes: [],
      unread: this.unreadShown(),
      credits: this.credits(null),
      planReady: false,
      shareSynced: null,
    };
    this.status.first = treatmentOf(this.reasonFor(SYNC_MODULES)).shownAsFirst;
  }

  current(): SyncStatus {
    return this.status;
  }

  /**
   * Settings' Retry outside a run: `retry` changes what is stored (true: a record held back
   * stored, or one Zoho holds no more let go of with its copy) or not. The list's count follows
   * at once, and the people it wrote to or removed are relearned and announced as a run's are
   * (`relearn`), not at the next sync or the nightly relearn (during a run, at its end). The
   * run's own triggers note them: attached already, or from now on.
   */
  async retriedHeldBack(retry: () => Promise<boolean>): Promise<boolean> {
    this.touched.attach();
    let stored = false;
    try {
      stored = await retry();
    } finally {
      this.status = { ...this.status, quarantined: this.quarantined() };
    }
    if (!stored) return false;
    if (this.running) {
      // A run is under way: its triggers noted whom Retry wrote to, and its own relearn takes
      // them at its end. Taking them now would take the run's too (its early plan, its count
      // for a full relearn); the records are news all the same.
      this.core.emit('data-changed', { entities: ['people', 'activities', 'deals', 'visits'] });
      return true;
    }
    const error = await this.relearn(false, false, true);
    if (error) this.update({ lastError: error }, true);
    return true;
  }

  /** Runs on the schedule from now on; the first run starts at once. */
  start(): void {
    this.stopped = false;
    this.settingsToRead = true;
    this.nextRecordsAt = this.core.clock();
    this.nextVisitsAt = this.nextRecordsAt;
    this.arm(0);
  }

  setSchedule(schedule: Schedule): void {
    this.schedule = schedule;
    const now = this.core.clock();
    const every = this.intervals();
    this.nextRecordsAt = Math.min(this.nextRecordsAt, now + every.recordsMinutes * 60_000);
    this.nextVisitsAt = Math.min(this.nextVisitsAt, now + every.visitsMinutes * 60_000);
    if (!this.running && !this.stopped) this.arm(0);
  }

  /** A full run now (or the running one); resolves when it ends, never throws. */
  syncNow(): Promise<void> {
    if (this.running && this.runningFull) return this.running;
    // The minute's visits run is going on: the records the user asked for come right after it,
    // not at the next five-minute mark.
    if (this.running) {
      this.askedFull ??= this.running.then(() => {
        this.askedFull = null;
        if (this.stopped) return;
        return this.syncNow();
      });
      return this.askedFull;
    }
    this.nextRecordsAt = this.core.clock();
    // Asked for by the user, who may just have changed the organisation (added SalesIQ).
    return this.run(SYNC_MODULES, true);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort();
    await this.running;
    this.touched.detach();
  }

  private arm(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(
      () => {
        // A tick that throws (a status read meeting a damaged page) would end the worker unheard.
        this.tick().catch((error: unknown) => {
          this.update({ state: 'error', lastError: failureText(this.core.db.path, error) }, true);
          this.arm(this.schedule.visitsMinutes * 60_000);
        });
      },
      Math.max(0, delayMs),
    );
    // A pending sync must never keep a CLI or a test process alive.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    const now = this.core.clock();
    if (!this.running && !this.heldByBudget(now)) {
      if (now >= this.nextRecordsAt) await this.run(SYNC_MODULES);
      else if (now >= this.nextVisitsAt) await this.run(['Visits']);
    } else if (this.running) await this.running;
    const next = Math.min(this.nextRecordsAt, this.nextVisitsAt);
    this.update({ nextAt: next, credits: this.credits(null) }, true);
    this.arm(next - this.core.clock());
  }

  private run(modules: readonly SyncModule[], refreshMetadata = false): Promise<void> {
    const started = this.core.clock();
    const everything = modules.length === SYNC_MODULES.length;
    this.scheduleFrom(started, everything);
    this.runningFull = everything;
    const madeBefore = this.source.requestsMade?.() ?? null;
    this.running = this.execute(modules, started, refreshMetadata)
      .then(() => {
        const made = this.source.requestsMade?.();
        // A scheduled run's requests measure the next ones' ("Sync now"'s and most first syncs' do
        // not: firstSyncReason.ts). A run a module failed in is measured too (its retries are
        // spent); one stopped whole not: a module failure left standing marks every later run's
        // status an error.
        if (
          !refreshMetadata &&
          treatmentOf(this.runReason).measured &&
          made !== undefined &&
          madeBefore !== null &&
          this.lastRunEnded
        ) {
          this.runCosts = withRunCost(
            this.runCosts,
            everything ? 'records' : 'visits',
            made - madeBefore,
          );
          this.keepRunCosts();
        }
        // What the run read of the organisation (its licence, its users) and cost sets the next.
        this.scheduleFrom(started, everything);
      })
      // After the status says the sync is over: relearning a large organisation takes seconds.
      .then(() => this.relearnDaily())
      // A run never rejects: its callers (Sync now, the schedule) do not wait to hear why, so a
      // failure outside the run's own catch (a damaged page at its start) is its status instead.
      .catch((error: unknown) => {
        this.update({ state: 'error', lastError: failureText(this.core.db.path, error) }, true);
      })
      .finally(() => {
        this.running = null;
        this.abort = null;
      });
    return this.running;
  }

  private async execute(
    modules: readonly SyncModule[],
    started: number,
    refreshMetadata: boolean,
  ): Promise<void> {
    const facts = this.firstSyncFacts(modules);
    this.runReason = firstSyncReason(facts);
    const first = treatmentOf(this.runReason).shownAsFirst;
    // A first sync resumed: the modules earlier runs finished are synced whole, though this run
    // only reads their changes.
    const finishedBefore = new Set<string>(first ? facts.finished : []);
    this.abort = new AbortController();
    // Modules the organisation is known to lack are shown as such from the start, not counted.
    const lacking = this.status.missing?.modules ?? [];
    const progress = new Map<string, ModuleProgress>(
      modules.map((m) => {
        const missing = lacking.includes(m);
        return [
          m,
          {
            module: m,
            stored: 0,
            deleted: 0,
            quarantined: 0,
            total: null,
            // A module an earlier run finished is done: this run reads only its changes.
            done: missing || finishedBefore.has(m),
            running: false,
            missing,
            failed: null,
          },
        ];
      }),
    );
    this.update(
      {
        state: 'syncing',
        first,
        startedAt: started,
        modules: [...progress.values()],
        etaMs: null,
        credits: this.credits(null),
        planReady: false,
        shareSynced: null,
      },
      true,
    );
    this.storedAhead = 0;
    this.visitsThisRun = 0;
    this.failedThisRun = new Map();
    // Records a resumed pull had counted in earlier runs: not part of this run's pace.
    const carried = new Map<string, number>();
    this.touched.attach();
    let failure: unknown = null;
    let summary: SyncSummary | null = null;
    try {
      summary = await runSync(this.core.db, this.source, {
        modules,
        refreshMetadata,
        sparing: { settingsMaxAgeMs: SETTINGS_MAX_AGE_MS, refreshSettings: this.settingsToRead },
        signal: this.abort.signal,
        now: this.core.clock,
        onProgress: (p) => this.progress(progress, carried, p, started, first, finishedBefore),
        // An admin elsewhere turned visit alerts off (or on), a stage's outcome changed: the
        // pages and caches follow now, whatever the rest of the run does.
        onChanged: (entities) => this.core.emit('data-changed', { entities }),
        // A first sync's record counts fill its bars; its cost shows before it reads records.
        onEstimate: (estimate) => {
          for (const [module, total] of Object.entries(estimate.records)) {
            const entry = progress.get(module);
            if (entry && !entry.missing) entry.total = total ?? null;
            if (entry && finishedBefore.has(module)) entry.stored = earlierStored(entry);
          }
          this.update(
            { modules: [...progress.values()], credits: this.credits(estimate.requests) },
            true,
          );
        },
        // The checkpoint worker opens its own connection: in Electron it needs Electron's build.
        ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
      });
    } catch (error) {
      failure = error;
    }
    this.lastRunEnded = summary !== null;
    await this.headStartRelearn;
    this.headStartRelearn = null;
    if (this.stopped) return;
    if (summary) this.settingsToRead = false;
    // Whatever was stored (all of it, or the pages before a failure) goes into the plans.
    // Visits come from the module or, in an org without it, from people's SalesIQ lists.
    const visitsStored = this.visitsThisRun > 0 || (summary?.visitLists?.people ?? 0) > 0;
    // What the run read may make a held-back run a first sync's after all (catching up).
    this.runReason = firstSyncReason({
      ...facts,
      read: modules.filter(
        (m) =>
          (progress.get(m)?.stored ?? 0) > 0 || (summary !== null && !this.failedThisRun.has(m)),
      ),
    });
    const relearnError = await this.relearn(
      treatmentOf(this.runReason).relearnsEveryone,
      visitsStored,
    );
    if (summary) {
      for (const module of modules) {
        const reason = this.failedThisRun.get(module);
        if (reason === undefined) this.unread.delete(module);
        else this.unread.set(module, reason);
      }
      this.keepUnread();
      const unreadError = this.unreadText();
      this.update(
        {
          // The rest synced and the plans use it, but a module is missing from it: a problem the
          // user is told of (Settings, the sidebar's "Sync problem"), not a clean success.
          state: unreadError ? 'error' : 'idle',
          ...this.reported(summary, modules.length === SYNC_MODULES.length),
          unread: this.unreadShown(),
          modules: [...progress.values()],
          etaMs: null,
          lastSyncedAt: this.lastSyncedAtOr(this.core.clock()),
          lastError:
            unreadError && relearnError
              ? `${unreadError} ${relearnError}`
              : (unreadError ?? relearnError),
          errorDetail: unreadModulesDetail(this.unread),
          quarantined: this.quarantined(),
          first: false,
          credits: this.credits(null),
          planReady: false,
          shareSynced: null,
        },
        true,
      );
      return;
    }
    const message = failure instanceof Error ? failure.message : String(failure);
    const offline = isOfflineError(failure);
    const trouble = crmTroubleOf(failure);
    // The CRM's own words (the request's path, its answer) go to the log; Settings says them for
    // people, and keeps a trouble's words under Details.
    if (failure instanceof CrmAuthError || trouble) console.warn(`Sync stopped: ${message}`);
    this.update(
      {
        state: offline ? 'offline' : 'error',
        lastError:
          failure instanceof CrmAuthError
            ? signInRefusedText(failure)
            : trouble
              ? crmTroubleText(trouble)
              : // Retrying meets the same damaged pages: say what to do instead.
                isDamagedDatabaseError(failure)
                ? damagedDatabaseMessage(this.core.db.path, failure)
                : isDatabaseWriteError(failure)
                  ? databaseWriteMessage(this.core.db.path, failure, 'synced')
                  : `${offline ? 'Offline: ' : ''}${message}. Everything synced so far is kept; the app retries on schedule.`,
        errorDetail: trouble ? message : null,
        etaMs: null,
        quarantined: this.quarantined(),
        credits: this.credits(null),
        planReady: false,
        shareSynced: null,
      },
      true,
    );
  }

  /** The modules the CRM failed to give, and why, as Settings lists them. */
  private unreadShown(): SyncStatus['unread'] {
    return [...this.unread].map(([module, { reason }]) => ({ module, reason }));
  }

  /**
   * The modules the CRM failed to give, for Settings and the announcement, in the app's words
   * (the CRM's are the details). Null when there are none.
   */
  private unreadText(): string | null {
    return unreadModulesText(this.unread);
  }

  /** What Settings tells of a finished run: what the organisation lacks, skipped steps. */
  private reported(
    summary: SyncSummary,
    full: boolean,
  ): Pick<SyncStatus, 'missing' | 'visitsFrom' | 'emails' | 'notes'> {
    // A module that could not be read is told once, as the error (unreadText), not as a note too.
    const told = new Set(
      [...this.failedThisRun].map(([module, { reason }]) => moduleFaultNote(module, reason)),
    );
    // A refused call or task change is told once too, by its entry in the refused list.
    for (const note of summary.refusals) told.add(note);
    // Notes of steps newer than the sync command (chat transcripts, leads created here): told
    // here alone, as the daily check of what Zoho still shows the rep is.
    const notes = [...summary.notes, ...summary.appNotes].filter((note) => !told.has(note));
    notes.push(...(summary.visibility?.notes ?? []));
    if (summary.visitLists?.failed)
      notes.push(
        `The visits of one person could not be read (${summary.visitLists.failed}); they are asked again on later syncs`,
      );
    const e = summary.emails;
    return {
      missing: summary.missing ? asShown(summary.missing) : this.status.missing,
      visitsFrom: summary.missing ? summary.visitsFrom : this.status.visitsFrom,
      // A visits-only run reads no emails: the last records run's account stands.
      emails: e
        ? { people: e.people, unavailable: e.unavailable, failed: e.failed }
        : this.status.emails,
      // A full run's notes replace the last ones; a visits-only run's add to them.
      notes: full ? notes : [...new Set([...this.status.notes, ...notes])],
    };
  }

  private keptMetadata(): ReturnType<typeof storedMetadata> {
    try {
      return storedMetadata(this.core.db);
    } catch {
      return null; // No sync_state table before the first sync.
    }
  }

  private progress(
    progress: Map<string, ModuleProgress>,
    carried: Map<string, number>,
    p: SyncProgress,
    started: number,
    first: boolean,
    finishedBefore: ReadonlySet<string>,
  ): void {
    this.storedAhead = p.storedAhead ?? 0;
    if (p.module === 'Visits') this.visitsThisRun = p.counts.upserted;
    if (p.module === 'plan' && p.phase === 'done') this.headStartRelearn = this.planAhead();
    const failed = p.phase === 'failed' ? (p.reason ?? 'no reason given') : null;
    if (failed !== null && isSyncModule(p.module))
      this.failedThisRun.set(p.module, { reason: failed, trouble: p.trouble ?? null });
    const entry = progress.get(p.module);
    // Its bar says so now, not "done" until the run ends.
    if (entry && failed !== null) entry.failed = failed;
    // The head start's records count toward the share synced (storedAhead), not a module's bar.
    if (!entry && p.module !== 'plan') return;
    if (entry && finishedBefore.has(p.module)) {
      // Its changes since the earlier run are read, but its bar stays full: all of it is here.
      entry.stored = earlierStored(entry, p.counts.upserted);
      entry.deleted = p.counts.deleted;
      entry.quarantined = p.counts.quarantined;
      if (p.phase === 'skipped') entry.missing = true;
      if (p.skippedAs === 'forbidden') entry.forbidden = true;
    } else if (entry) {
      entry.stored = p.counts.upserted;
      entry.deleted = p.counts.deleted;
      entry.quarantined = p.counts.quarantined;
      if (p.phase === 'started') entry.running = true;
      if (p.carried !== undefined) carried.set(p.module, p.carried);
      // Failed: over for this run (its bar says why), and the next module's turn.
      if (p.phase === 'done' || p.phase === 'failed') entry.done = true;
      if (p.phase === 'skipped') {
        entry.done = true;
        entry.missing = true;
        if (p.skippedAs === 'forbidden') entry.forbidden = true;
      }
      if (entry.done) entry.running = false;
    }
    let etaMs: number | null = null;
    let shareSynced: number | null = null;
    const all = [...progress.values()];
    // Over the modules Zoho could count: one it cannot (an absent module, visits listed per
    // person) must not hold back the estimate of the rest.
    const counted = all.filter((m) => m.total !== null && !m.missing);
    if (first && counted.length > 0) {
      const earlier = (m: ModuleProgress): number =>
        finishedBefore.has(m.module) ? (m.total ?? 0) : (carried.get(m.module) ?? 0);
      const stored = counted.reduce(
        (n, m) => n + (finishedBefore.has(m.module) ? earlier(m) : m.stored + m.quarantined),
        0,
      );
      const total = counted.reduce((n, m) => n + (m.total ?? 0), 0);
      if (total > 0) shareSynced = Math.min(1, (stored + this.storedAhead) / total);
      // The pace is this run's own: what earlier runs stored took no time here.
      const thisRun = stored - counted.reduce((n, m) => n + earlier(m), 0);
      const elapsed = this.core.clock() - started;
      if (thisRun > 0 && elapsed > 0) etaMs = Math.max(0, ((total - stored) * elapsed) / thisRun);
    }
    // The count of requests moves on as modules finish (it is written every few seconds).
    const credits =
      p.phase === 'done'
        ? this.credits(this.status.credits?.estimate ?? null)
        : this.status.credits;
    this.update(
      { modules: all, etaMs, credits, shareSynced },
      p.phase === 'done' || p.phase === 'failed',
    );
  }

  /**
   * A first sync's head start stored the signed-in rep's people and recent activity: their best
   * times are learned now, while the rest of the organisation is read, so the rep's plan is there.
   * A failure only means the plan comes at the end, with everyone's.
   */
  private async planAhead(): Promise<void> {
    const ids = this.touched.take();
    if (ids.length === 0) return;
    this.options.onTouched?.(ids);
    // Announced with the windows: one reload of an open page shows the rep's people and plan.
    const error = await this.failureOf(async () => {
      await this.core.recomputeSuggestionsFor(ids, ['people', 'activities']);
    });
    if (error) this.core.emit('data-changed', { entities: ['people', 'activities'] });
    if (error || this.stopped || this.status.state !== 'syncing') return;
    this.update({ planReady: true }, true);
  }

  /**
   * Relearns the people a run touched (or everyone, for a first sync's run); says what failed, if
   * anything, and the runner goes on.
   *
   * The visits are announced (`data-changed` visits, which raises the alerts) once the relearn
   * is over, failed or not, however long it takes: an alert, the Visits card and the person page
   * then name the same window, the one this sync's calls and visits taught. Visitors nobody
   * knows have no window to wait for: their alerts go out before the relearn.
   */
  private async relearn(
    everyone: boolean,
    visitsStored: boolean,
    recordsStored = false,
  ): Promise<string | null> {
    const ids = this.touched.take();
    // The new records are announced with the windows they taught, in one event (the relearn
    // announces both): a page reloaded before the relearn would be answered only after it (it
    // runs on the core's thread), then reload again for the windows.
    const records = ['people', 'activities', 'deals'];
    if (ids.length === 0) {
      // A record stored outside a run that touched nobody (an account, a deal, a visit nobody
      // is known for) is news all the same.
      if (recordsStored) this.core.emit('data-changed', { entities: [...records, 'visits'] });
      // Visits of unknown visitors touch nobody, yet the alert rules must see them at once.
      else if (visitsStored) this.core.emit('data-changed', { entities: ['visits'], people: [] });
      return null;
    }
    let announced = false;
    try {
      this.options.onTouched?.(ids);
      if (visitsStored) this.core.alerts.visitsStored('unknown');
      return await this.failureOf(async () => {
        if (
          (everyone && (this.options.relearnAllOnFirst ?? true)) ||
          ids.length > FULL_RECOMPUTE_ABOVE
        )
          await this.core.recomputeSuggestions(records);
        else await this.core.recomputeSuggestionsFor(ids, records);
        announced = true;
      });
    } finally {
      // A relearn that failed announced nothing: the records are on the pages all the same.
      if (!announced) this.core.emit('data-changed', { entities: records });
      this.core.emit('data-changed', { entities: ['visits'], people: ids });
    }
  }

  /** An app left open for days relearns the whole organisation as one opened each morning does. */
  private async relearnDaily(): Promise<void> {
    if (this.stopped) return;
    const error = await this.failureOf(async () => {
      await this.core.refreshStaleSuggestions();
    });
    if (error) this.update({ lastError: error }, true);
  }

  /**
   * Best times that cannot be relearned (a damaged file, a full disk) must not stop the syncing:
   * the error shows in Settings like a failed sync's, and the next run tries again.
   */
  private async failureOf(work: () => Promise<void>): Promise<string | null> {
    try {
      await work();
      return null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return `Best times could not be relearned: ${message}. The next sync tries again.`;
    }
  }

  private update(patch: Partial<SyncStatus>, force: boolean): void {
    // Details belong to the error they were given with: a new one without them has none.
    const detail = 'lastError' in patch && !('errorDetail' in patch) ? { errorDetail: null } : {};
    this.status = { ...this.status, ...detail, ...patch };
    const now = Date.now();
    // Progress comes once a page; the window needs it a few times a second at most.
    if (!force && now - this.lastEmit < PROGRESS_EVERY_MS) return;
    this.lastEmit = now;
    this.options.onStatus?.(this.status);
  }

  /** Why a run of `modules` starting now is a first sync's, or null (firstSyncReason.ts). */
  private reasonFor(modules: readonly SyncModule[]): FirstSyncReason | null {
    return firstSyncReason(this.firstSyncFacts(modules));
  }

  /**
   * Where a run of `modules` stands with the first sync (syncState.ts firstPulls), as far as
   * the last run told what the organisation lacks and where its visits come from: those are not
   * pending whatever their rows say.
   */
  private firstSyncFacts(modules: readonly SyncModule[]): FirstSyncFacts {
    const lacking = this.status.missing?.modules ?? [];
    const listed = modules.filter(
      (m) => !lacking.includes(m) && !(m === 'Visits' && this.status.visitsFrom === 'related-list'),
    );
    let pulls: ReturnType<typeof firstPulls> | null;
    try {
      pulls = firstPulls(this.core.db, modules);
    } catch {
      pulls = null; // No sync_state table before the first sync.
    }
    return {
      pending: pulls ? listed.filter((m) => pulls.pending.includes(m)) : null,
      finished: pulls?.finished ?? [],
      unread: [...this.unread.keys()],
    };
  }

  /** A list that cannot be kept (a full disk) only means a restart relearns everyone once more. */
  private keepUnread(): void {
    try {
      keepUnread(this.core.db, this.unread);
    } catch {
      // Kept in memory for this run of the app all the same.
    }
  }

  /** The run costs an earlier start of the app measured (none before the tables exist). */
  private keptRunCosts(): RunCosts {
    try {
      return storedRunCosts(this.core.db);
    } catch {
      return NO_RUNS;
    }
  }

  /** A cost that cannot be kept (a full disk) only means a restart measures it again. */
  private keepRunCosts(): void {
    try {
      keepRunCosts(this.core.db, this.runCosts);
    } catch {
      // Kept in memory for this run of the app all the same.
    }
  }

  private lastSyncedAt(): number | null {
    return lastSyncedAt(this.core.db);
  }

  /** After a run that stored its data: this run's end if the stored time cannot be read. */
  private lastSyncedAtOr(fallback: number): number {
    try {
      return this.lastSyncedAt() ?? fallback;
    } catch {
      return fallback;
    }
  }

  /**
   * The credit budget of a CRM that counts requests (creditBudget.ts), as the organisation's last
   * read and the runs' costs say; null otherwise (the demo), or before its tables exist.
   */
  private plan(): CreditPlan | null {
    if (!this.options.countsRequests) return null;
    try {
      const { licence, activeUsers } = storedBudgetInputs(this.core.db);
      return creditPlan(licence, activeUsers, this.runCosts, this.schedule);
    } catch {
      return null; // No tables before the first sync.
    }
  }

  /** The next runs after one started at `started`: the rep's intervals, stretched by the budget. */
  private scheduleFrom(started: number, everything: boolean): void {
    const every = this.intervals();
    if (everything) this.nextRecordsAt = started + every.recordsMinutes * 60_000;
    this.nextVisitsAt = started + every.visitsMinutes * 60_000;
  }

  /** The minutes between the scheduled runs: the rep's, stretched to keep to the budget. */
  private intervals(): Intervals {
    return this.plan()?.intervals ?? this.schedule;
  }

  /**
   * Whether the budget holds back the scheduled run due now: the app's share is spent (as far as
   * the next records run goes). The runs then wait until enough of the 24 hours have rolled on. A
   * first sync is not held back (it is estimated and said), nor is "Sync now"; a run first only by
   * a module the last run could not read is (firstSyncReason.ts).
   */
  private heldByBudget(now: number): boolean {
    const due = now >= this.nextRecordsAt || now >= this.nextVisitsAt;
    const plan = due ? this.plan() : null;
    if (!plan || treatmentOf(this.reasonFor(SYNC_MODULES)).unbudgeted) return false;
    const buckets = requestBuckets(this.core.db, now);
    const at = runsAllowedAt(buckets, now, plan.share, dearestRecordsRun(this.runCosts));
    this.pausedUntil = at > now ? at : null;
    if (this.pausedUntil === null) return false;
    this.nextRecordsAt = Math.max(this.nextRecordsAt, at);
    this.nextVisitsAt = Math.max(this.nextVisitsAt, at);
    return true;
  }

  /** The app's API requests in the last 24 hours (and a first sync's estimate while it runs). */
  private credits(estimate: number | null): SyncStatus['credits'] {
    if (!this.options.countsRequests) return null;
    try {
      const plan = this.plan();
      const now = this.core.clock();
      const budget: CreditBudget | null = plan && {
        share: plan.share,
        organisation: plan.organisation.credits,
        edition: plan.organisation.edition,
        users: plan.users,
        recordsMinutes: plan.intervals.recordsMinutes,
        visitsMinutes: plan.intervals.visitsMinutes,
        stretched:
          plan.intervals.recordsMinutes !== this.schedule.recordsMinutes ||
          plan.intervals.visitsMinutes !== this.schedule.visitsMinutes,
        pausedUntil: this.pausedUntil !== null && this.pausedUntil > now ? this.pausedUntil : null,
      };
      return { last24h: requestsLast24h(this.core.db, now), estimate, budget };
    } catch {
      return { last24h: 0, estimate, budget: null }; // No sync_state table before the first sync.
    }
  }

  private quarantined(): number {
    try {
      return countQuarantined(this.core.db);
    } catch {
      return 0; // No quarantine table before the first sync.
    }
  }
}

/** A failure outside a run's own handling: the damaged file named, or what went wrong. */
function failureText(path: string, error: unknown): string {
  if (isDamagedDatabaseError(error)) return damagedDatabaseMessage(path, error);
  if (isDatabaseWriteError(error)) return databaseWriteMessage(path, error, 'synced');
  const message = error instanceof Error ? error.message : String(error);
  return `The sync stopped on an unexpected problem with ${path}: ${message}. The app tries again on schedule.`;
}

function asShown(missing: {
  modules: readonly string[];
  fields: Partial<Record<string, string[]>>;
}): CrmMissing {
  const fields: Record<string, string[]> = {};
  for (const [module, names] of Object.entries(missing.fields))
    if (names && names.length > 0) fields[module] = [...names];
  return { modules: [...missing.modules], fields };
}
