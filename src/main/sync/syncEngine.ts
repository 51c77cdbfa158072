import {
  crmTroubleOf,
  DeletionsUnavailableError,
  ModuleForbiddenError,
  ModuleUnavailableError,
  SYNC_MODULES,
  type CrmSource,
  type SyncModule,
} from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { organisation } from '../db/repos/organisation';
import { ownTurn } from '../crm/eventLoopTurns';
import { refreshStaleLastTouch, STALE_CHUNK, staleBacklog } from '../db/repos/lastTouch';
import { countQuarantined } from '../db/repos/quarantine';
import { LocalStore } from './localStore';
import { pullDeletions, pullRecords } from './modulePull';
import { ConversionsUnavailableError, pullConversions } from './leadConversions';
import type {
  BulkOutcome,
  BulkReadPolicy,
  ModuleCounts,
  PullContext,
  SyncProgress,
} from './pullContext';
import { pushOutbox, type OutboxResult } from './outboxPush';
import { retryQuarantine } from './quarantineRetry';
import {
  DEFAULT_EMAILS_POLICY,
  pullEmails,
  type EmailsCounts,
  type EmailsPolicy,
} from './emailsPull';
import { acquireSyncLock } from './syncLock';
import {
  markMetadataStale,
  missingParts,
  organisationMetadata,
  type MissingParts,
} from './organisationMetadata';
import {
  DEFAULT_VISIT_LISTS_POLICY,
  pullVisitLists,
  type VisitListsCounts,
  type VisitListsPolicy,
} from './visitListsPull';
import { RequestTally, requestsLast24h } from './apiCredits';
import { estimateFirstSync, type FirstSyncEstimate } from './firstSyncEstimate';
import { TaskGroup } from './taskGroup';
import {
  headStartRequests,
  planHeadStart,
  runHeadStart,
  type HeadStartCounts,
  type HeadStartPolicy,
} from './headStart';
import { DEFAULT_BULK_READ_POLICY } from './bulkPull';
import { firstSyncPending, markForbidden, readForbidden, readState } from './syncState';
import { readUnstoredVisitors } from './visitorsRead';
import { anchorFirstDeletions } from './deletionAnchor';
import { SyncCheckpoints } from './walCheckpointer';
import { pruneUserAgents } from './userAgentsPrune';
import { shareAlertsSwitch } from './alertsSwitchShare';
import { sharePlanMarks } from './planMarksShare';
import { readTranscripts } from './transcriptsPull';
import { readOrganisation, type SparingPolicy } from './organisationRead';
import { checkVisibility, type VisibilityCounts } from './visibilityPass';
import {
  endsOnlyTheStep,
  faultReason,
  isModuleFault,
  LocalFaults,
  moduleFaultNote,
  stepFaultNote,
  type OptionalStep,
} from './moduleFaults';

export type { SyncProgress, FirstSyncEstimate };

export interface SyncOptions {
  modules?: readonly SyncModule[];
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
  /** Push the outbox after pulling (default true). */
  push?: boolean;
  /** better-sqlite3's native binding, when the app loads a non-default one (Electron in dev). */
  nativeBinding?: string;
  /**
   * People's Emails related lists (opens, clicks, replies), read in runs that pull Leads or
   * Contacts: false to skip them, or a policy overriding DEFAULT_EMAILS_POLICY.
   */
  emails?: false | Partial<EmailsPolicy>;
  /**
   * The whole run ends by then (checked between pages; each request has its own deadline), so
   * a slow network cannot hold a sync for ever. What was stored is kept: the next run resumes.
   * An hour by default, for the app's runner and the command line alike.
   */
  deadlineMs?: number;
  /**
   * Read the organisation's metadata and settings again even when the kept ones are fresh
   * ("Sync now").
   */
  refreshMetadata?: boolean;
  /**
   * The app's schedule: what a run reads of the organisation, and whether a run of visits alone
   * reads their deletions, spare the daily API credits (organisationRead.ts). Left out (the
   * command line's one-shot `sync`): every run reads all of it.
   */
  sparing?: SparingPolicy;
  /** Overrides DEFAULT_VISIT_LISTS_POLICY (visits read from each person's related list). */
  visitLists?: Partial<VisitListsPolicy>;
  /** A first sync's records per module and requests, told before its records are read. */
  onEstimate?: (estimate: FirstSyncEstimate) => void;
  /**
   * Stored data changed outside the modules' records, at once (not at the run's end, which a
   * failure may never reach): the alerts switch as the CRM keeps it ('settings'), deals that took
   * their stage's outcome from the metadata ('deals'), reps' plan marks read from the CRM ('plan').
   */
  onChanged?: (entities: ('settings' | 'deals' | 'plan')[]) => void;
  /**
   * A large first sync reads the signed-in rep's people and recent activity first (headStart.ts):
   * false to skip that, or a policy overriding DEFAULT_HEAD_START_POLICY.
   */
  headStart?: false | Partial<HeadStartPolicy>;
  /**
   * A large module's first sync from the CRM's bulk export (Zoho's Bulk Read): false to always
   * page, or a policy overriding DEFAULT_BULK_READ_POLICY (how large, how often to poll).
   */
  bulkRead?: false | Partial<BulkReadPolicy>;
}

export interface SyncSummary {
  modules: Partial<Record<SyncModule, ModuleCounts>>;
  /** Users read from the CRM this run (0: a run of visits alone, `sparing`, read none). */
  users: number;
  /** Quarantined records stored after their parent arrived. */
  released: number;
  outbox: OutboxResult;
  /** Emails read from people's Emails related lists (null: not read in this run). */
  emails: EmailsCounts | null;
  /** Records still in quarantine after this run (all modules, all runs). */
  quarantineTotal: number;
  /**
   * What the organisation lacks of what the sync reads, from the CRM's metadata: modules it does
   * not have (not synced), and per module the fields it does not have (not asked for). Null when
   * the CRM would not describe the organisation (a note says why).
   */
  missing: MissingParts | null;
  /** Where visits came from: the Visits module, each person's related list, or nowhere (null). */
  visitsFrom: 'module' | 'related-list' | null;
  /** Visits read from people's related lists (null: not in this run); counts in modules.Visits. */
  visitLists: VisitListsCounts | null;
  /**
   * What this run skipped and why: a module the CRM refused mid-run or failed to give (its
   * progress says `failed`; the rest synced), unreadable metadata.
   */
  notes: string[];
  /**
   * API requests, which Zoho counts against the organisation's daily credits: this run's, this
   * app's in the last 24 hours (this run's included), and for a first sync the estimate made
   * before it started (else null). Null when the source does not count its requests.
   */
  credits: { run: number; last24h: number; estimate: number | null } | null;
  /**
   * What a first sync's head start stored before the modules' listings (the signed-in rep's
   * people and their last 90 days of activity); null when it had none or it failed (a note says).
   */
  headStart: HeadStartCounts | null;
  /** Per module whose first sync tried the CRM's bulk export: its jobs, records, and any fallback. */
  bulk: Partial<Record<SyncModule, BulkOutcome>>;
  /**
   * The notes (of `notes`) of the kind "refusal": a logged call or a task change the CRM refused
   * outright. Settings › CRM account lists those entries themselves, with Retry and Discard, so
   * it leaves these notes out. The app's own: not part of the `sync` command's output.
   */
  refusals: string[];
  /**
   * The once-a-day check of which stored records Zoho still shows the rep (visibilityPass.ts):
   * what it removed and read, and its notes (none when no module was due). The app's own: not
   * part of the `sync` command's output, which it leaves as it was.
   */
  visibility: VisibilityCounts | null;
  /**
   * The leads created here (Visits › Create lead) sent this run, counted apart from `outbox`,
   * whose counts and notes the `sync` command prints as it always did. The app's own.
   */
  leads: OutboxResult;
  /**
   * Notes of the steps the `sync` command's output predates (chat transcripts, leads created
   * here), shown in the app's sync status. The app's own: the command prints none of them.
   */
  appNotes: string[];
}

/** The sync would not start: another holds the database, or it holds another organisation. */
export class SyncRefusedError extends Error {
  override name = 'SyncRefusedError';
}

/** A sync that has not finished in an hour is stuck on the network, not busy. */
const RUN_DEADLINE_MS = 60 * 60_000;

const durationText = (ms: number): string =>
  ms < 60_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;

// One sync per database at a time: two would race on the same cursors.
const running = new Set<string>();

/**
 * One sync to completion: organisation and users, then each module's changed records and
 * deletions, then waiting records, then the outbox. Every page is committed with its cursor in
 * one transaction, so a sync stopped anywhere (crash, kill, dropped connection, abort) resumes
 * where it stopped with nothing lost and nothing twice. A module the CRM fails to give (a 5xx
 * after the retries, a page that cannot be read) does not stop the others: the run returns with a
 * note naming it, and its next run reads it from where it stopped.
 */
export async function runSync(
  db: Db,
  source: CrmSource,
  options: SyncOptions = {},
): Promise<SyncSummary> {
  if (running.has(db.path)) throw new SyncRefusedError(`A sync of ${db.path} is already running`);
  const release = acquireSyncLock(
    db.path,
    (message) => new SyncRefusedError(message),
    options.nativeBinding,
  );
  running.add(db.path);
  const deadlineMs = options.deadlineMs ?? RUN_DEADLINE_MS;
  const deadline = AbortSignal.timeout(deadlineMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  try {
    return await syncOnce(db, source, { ...options, signal });
  } catch (error) {
    if (deadline.aborted && !options.signal?.aborted)
      throw new Error(
        `The sync did not finish within ${durationText(deadlineMs)}; everything stored so far is kept: run it again to resume.`,
      );
    throw error;
  } finally {
    running.delete(db.path);
    release();
  }
}

async function syncOnce(db: Db, source: CrmSource, options: SyncOptions): Promise<SyncSummary> {
  const org = organisation(db);
  if (org && org.source !== source.kind)
    throw new SyncRefusedError(
      `${db.path} holds the ${org.source} organisation; sync ${source.kind} into a separate database file`,
    );
  const now = options.now ?? Date.now;
  const onProgress = options.onProgress ?? (() => undefined);
  const store = new LocalStore(db, now());
  const checkpoints = new SyncCheckpoints(db, options.nativeBinding);
  const made = source.requestsMade?.bind(source);
  const tally = made ? new RequestTally(db, made, now) : null;
  // The people a page's records marked stale (localStore.ts) are set again after the page, each
  // chunk in a turn of its own, once the WAL lets it write, as a page's transaction is; at most
  // once a STALE_REFRESH_MS while pages come, and not while more than STALE_BACKLOG wait (a first
  // sync: every person new), which are set once at the end: a person's records span pages, and
  // set again after every page they were set again as often (a first sync of 200,000 records set
  // 200,000 people, the sync a quarter slower). Read right meanwhile: the list trusts no stale.
  let refreshedAt = -Infinity;
  const refreshStale = async (atEnd: boolean) => {
    if (!atEnd && performance.now() - refreshedAt < STALE_REFRESH_MS) return;
    refreshedAt = performance.now();
    if (!atEnd && staleBacklog(db, STALE_BACKLOG)) return;
    const turn = () => checkpoints.gate().then(ownTurn);
    // After a page, about what waited then: pages stored meanwhile mark more.
    await refreshStaleLastTouch(db, turn, atEnd ? Infinity : STALE_BACKLOG / STALE_CHUNK + 1);
    // At the end, the one it met running may have been a page's, which stops short.
    while (atEnd && staleBacklog(db, 0)) await refreshStaleLastTouch(db, turn);
    refreshedAt = performance.now();
  };
  try {
    const summary = await pullAll(
      db,
      source,
      options,
      {
        db,
        store,
        source,
        now,
        onProgress,
        signal: options.signal,
        afterCommit: async () => {
          tally?.flush();
          await refreshStale(false);
          return checkpoints.afterCommit();
        },
        // Each page's transaction in an event-loop turn of its own, once the WAL lets it write.
        commitGate: () => checkpoints.gate().then(ownTurn),
      },
      tally,
    );
    // A module's last page is followed by no afterCommit.
    await refreshStale(true);
    return summary;
  } finally {
    // Counted whatever happened: a failed run's requests cost credits too.
    tally?.flush(true);
    await checkpoints.stop();
  }
}

/** How long a stale last touch may wait while a sync stores pages (see syncOnce). */
const STALE_REFRESH_MS = 1000;
/** More stale than this: a bulk load, set once at its end (see syncOnce). */
const STALE_BACKLOG = 5000;

const zero = (): ModuleCounts => ({ upserted: 0, deleted: 0, quarantined: 0 });

/**
 * What a module's records point at, read first in the same run: a reference to a row not here yet
 * is stored empty (a contact's account), linked when that person is stored (a deal's contact, a
 * visit's person: localStore.ts WAITING) or waits in quarantine (an activity's person).
 */
const DEPENDS_ON: Record<SyncModule, readonly SyncModule[]> = {
  Accounts: [],
  Leads: [],
  Contacts: ['Accounts'],
  Deals: ['Accounts', 'Contacts'],
  Calls: ['Contacts', 'Leads'],
  Events: ['Contacts', 'Leads'],
  Tasks: ['Contacts', 'Leads'],
  Cases: ['Contacts', 'Leads'],
  Visits: ['Contacts', 'Leads'],
};

async function pullAll(
  db: Db,
  source: CrmSource,
  options: SyncOptions,
  ctx: PullContext,
  tally: RequestTally | null,
): Promise<SyncSummary> {
  const { store, now } = ctx;
  // What the caller's listener and the checkpoints throw is this computer's, not a module's.
  const local = new LocalFaults();
  // While records a head start stored wait for their listing, every report says how many.
  const onProgress = (p: SyncProgress): void => {
    const ahead = store.storedAhead();
    local.mark(() => ctx.onProgress(ahead > 0 ? { ...p, storedAhead: ahead } : p));
  };

  const wanted = new Set(options.modules ?? SYNC_MODULES);
  const visitsOnly = [...wanted].every((m) => m === 'Visits');
  // Optional (see `optional` below): a fault of this computer's in it is a note.
  const shareNotes = await shareAlertsSwitch(db, source, options.signal).catch((error: unknown) => {
    if (!endsOnlyTheStep(error, options.signal, local)) throw error;
    return [stepFaultNote('alertsSwitch', error)];
  });
  const org = await readOrganisation(db, source, store, {
    now: now(),
    records: !visitsOnly,
    refresh: options.refreshMetadata ?? false,
    sparing: options.sparing,
  });
  // The CRM's clock as the run's latest answer gives it: before any record of the run was read
  // (an earlier run's answer when this one read nothing of the organisation: earlier still).
  const crmTime = source.answeredAt?.() ?? null;
  if (org.alertsSwitched) options.onChanged?.(['settings']);
  onProgress({
    module: 'organisation',
    phase: 'done',
    page: 1,
    counts: { upserted: org.users, deleted: 0, quarantined: 0 },
  });

  const { metadata, note, dealsRestated } = await organisationMetadata(
    db,
    source,
    now(),
    options.refreshMetadata ?? false,
  );
  // A customer's category and the plans' open deals are read from the deals.
  if (dealsRestated) options.onChanged?.(['deals']);
  const summary: SyncSummary = {
    modules: {},
    users: org.users,
    released: 0,
    outbox: { pushed: 0, failed: 0 },
    emails: null,
    quarantineTotal: 0,
    missing: metadata ? missingParts(metadata) : null,
    visitsFrom: metadata ? (metadata.visits?.from ?? null) : 'module',
    visitLists: null,
    notes: [...shareNotes, note, ...org.notes].filter((n): n is string => Boolean(n)),
    credits: tally ? { run: 0, last24h: 0, estimate: null } : null,
    headStart: null,
    bulk: {},
    refusals: [],
    visibility: null,
    leads: { pushed: 0, failed: 0 },
    appNotes: [],
  };
  let counted: FirstSyncEstimate['records'] = {};
  const modules = SYNC_MODULES.filter((m) => wanted.has(m));
  const skip = (module: SyncModule, skippedAs?: SyncProgress['skippedAs']): void =>
    onProgress({
      module,
      phase: 'skipped',
      page: 0,
      counts: zero(),
      ...(skippedAs ? { skippedAs } : {}),
    });
  const done = (module: SyncModule, counts: ModuleCounts): void =>
    onProgress({ module, phase: 'done', page: 0, counts: { ...counts } });
  for (const module of modules) if (summary.missing?.modules.includes(module)) skip(module);
  const listsVisits = metadata?.visits?.from === 'related-list';
  const emailsToo = options.emails !== false && (wanted.has('Leads') || wanted.has('Contacts'));
  const listed = modules.filter(
    (m) => !summary.missing?.modules.includes(m) && !(m === 'Visits' && listsVisits),
  );
  anchorFirstDeletions(db, listed, crmTime, now());
  // Before any pull of this run: a module whose first pull ends in this run is not checked.
  const pulledBefore = new Set(listed.filter((m) => readState(db, m).lastSuccessAt !== null));
  const first = firstSyncPending(db, listed);
  let estimate: FirstSyncEstimate | null = null;
  if (first && summary.credits) {
    estimate = await estimateFirstSync(source, {
      listed,
      made: () => tally?.run ?? 0,
      relatedListReads:
        (emailsToo ? { ...DEFAULT_EMAILS_POLICY, ...options.emails }.peoplePerRun : 0) +
        (listsVisits && wanted.has('Visits')
          ? { ...DEFAULT_VISIT_LISTS_POLICY, ...options.visitLists }.peoplePerRun
          : 0),
      signal: ctx.signal,
      finished: listed.filter((m) => readState(db, m).lastSuccessAt !== null),
      ...(options.bulkRead !== false
        ? { bulkAbove: options.bulkRead?.aboveRecords ?? DEFAULT_BULK_READ_POLICY.aboveRecords }
        : {}),
    });
    if (estimate) counted = estimate.records;
  }
  const headStart = planHeadStart(db, source, {
    first,
    ownerId: org.currentUserId,
    listed,
    estimate,
    policy: options.headStart,
  });
  if (estimate && summary.credits) {
    if (headStart) estimate.requests += headStartRequests(headStart);
    summary.credits.estimate = estimate.requests;
    options.onEstimate?.(estimate);
  }
  if (headStart)
    summary.headStart = await runHeadStart({ ...ctx, onProgress }, headStart, summary.notes);
  // Modules and related lists are read side by side, each after what its records point at
  // (DEPENDS_ON). A module the CRM fails to give (isModuleFault) is noted and the others go on,
  // those pointing at it too, as when it was not read yet: a reference to a row not here is
  // stored empty or waits for it (localStore.ts), and nothing stored is lost. What every
  // module would meet (refused credentials, the CRM out of reach, a stop, this computer's
  // database) stops them all, after every one has settled.
  const group = new TaskGroup(ctx.signal);
  const gate = ctx.commitGate;
  const run: PullContext = {
    ...ctx,
    onProgress,
    signal: group.signal,
    afterCommit: () => local.markAsync(ctx.afterCommit),
    ...(gate ? { commitGate: () => local.markAsync(gate) } : {}),
  };
  if (options.bulkRead !== false)
    run.bulk = {
      policy: { ...DEFAULT_BULK_READ_POLICY, ...options.bulkRead },
      counts: counted,
      outcomes: summary.bulk,
      note: (text) => summary.notes.push(text),
    };
  const finished = new Map<string, Promise<void>>();
  // Modules whose listing this run read to its end (a deleted lead's contact is among them).
  const listedWhole = new Set<SyncModule>();
  const after = async (names: readonly string[]): Promise<void> => {
    await Promise.all(names.map((n) => finished.get(n)));
    group.signal.throwIfAborted();
  };
  const start = (name: string, deps: readonly string[], task: () => Promise<void>): void => {
    const done = after(deps).then(task);
    finished.set(
      name,
      done.catch(() => undefined),
    );
    group.spawn(() => done);
  };
  for (const module of modules) {
    if (summary.missing?.modules.includes(module)) continue;
    const counts: ModuleCounts = zero();
    summary.modules[module] = counts;
    start(module, DEPENDS_ON[module], async () => {
      onProgress({ module, phase: 'started', page: 0, counts: zero() });
      try {
        if (module === 'Visits' && metadata?.visits?.from === 'related-list') {
          summary.visitLists = { people: 0, failed: null };
          await pullVisitLists(
            run,
            metadata.visits,
            { ...DEFAULT_VISIT_LISTS_POLICY, ...options.visitLists },
            counts,
            summary.visitLists,
          );
        } else {
          await pullRecords(run, module, counts);
          listedWhole.add(module);
          markForbidden(db, module, false, now());
          // The minute's visits run reads new visits only; the next records run, their deletions.
          if (module === 'Visits' && visitsOnly && options.sparing) {
            done(module, counts);
            return;
          }
          // A deleted lead may have become a contact: its history follows it there.
          if (module === 'Leads') await after(['Contacts']);
          const contacts = summary.modules.Contacts;
          const newContacts =
            module === 'Leads' && contacts && listedWhole.has('Contacts')
              ? () => pullRecords(run, 'Contacts', contacts)
              : undefined;
          await pullDeletions(
            run,
            module,
            counts,
            (text) => summary.notes.push(text),
            newContacts,
          ).catch((error: unknown) => {
            if (!(error instanceof DeletionsUnavailableError)) throw error;
            // Its records are here; only what was deleted in the CRM stays until allowed.
            summary.notes.push(
              `${module}: records deleted in Zoho are not removed here: ${error.message}`,
            );
          });
          if (module === 'Leads')
            await pullConversions(run, counts).catch((error: unknown) => {
              if (!(error instanceof ConversionsUnavailableError)) throw error;
              // An optional step: its leads stay as they are until a later run merges them.
              summary.notes.push(
                `Leads: converted leads are not merged into their contacts this time: ${error.message}`,
              );
            });
        }
      } catch (error) {
        if (!(error instanceof ModuleUnavailableError)) {
          if (!isModuleFault(error, group.signal, local)) throw error;
          // Its cursor stands where its last stored page left it: the next run goes on from there.
          const reason = faultReason(error);
          const trouble = crmTroubleOf(error);
          summary.notes.push(moduleFaultNote(module, reason));
          onProgress({
            module,
            phase: 'failed',
            page: 0,
            counts: { ...counts },
            reason,
            ...(trouble ? { trouble } : {}),
          });
          return;
        }
        if (error instanceof ModuleForbiddenError) {
          // The organisation has it; the user may not read it. Its metadata is right as it is.
          summary.notes.push(`${module} skipped: ${error.message}`);
          markForbidden(db, module, true, now());
          skip(module, 'forbidden');
          return;
        }
        // The organisation changed since its metadata was read: this module waits for the next
        // run, which reads the metadata again. What was stored before the refusal stays.
        summary.notes.push(
          `${module} skipped: Zoho refused it (${error.message}); the organisation's modules and fields are read again next sync`,
        );
        markMetadataStale(db, now());
        skip(module, 'refused');
        return;
      }
      done(module, counts);
    });
  }
  if (emailsToo) {
    const counts: EmailsCounts = {
      upserted: 0,
      deleted: 0,
      quarantined: 0,
      people: 0,
      unavailable: null,
      failed: null,
    };
    summary.emails = counts;
    start('Emails', ['Leads', 'Contacts'], async () => {
      try {
        await pullEmails(run, { ...DEFAULT_EMAILS_POLICY, ...options.emails }, counts);
      } catch (error) {
        if (!endsOnlyTheStep(error, group.signal, local)) throw error;
        // An optional step: the CRM's failures are in the counts (pullEmails); a fault here (a
        // record it cannot map, its own transaction refused) ends the step, not the run. The
        // people stored before it stay stored and their cursors moved: the next run goes on.
        summary.notes.push(stepFaultNote('emails', error));
        return;
      }
      onProgress({ module: 'Emails', phase: 'done', page: 0, counts: { ...counts } });
    });
  }
  await group.wait();
  // The steps after the modules are optional: what one leaves undone waits for the next run, and
  // what the modules stored is right without it. A fault of its own ends it with a note; refused
  // credentials, a stop or a damaged file still end the run (endsOnlyTheStep).
  const optional = async <T>(
    step: OptionalStep,
    work: () => T | Promise<T>,
    notes: string[] = summary.notes,
  ): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      if (!endsOnlyTheStep(error, ctx.signal, local)) throw error;
      notes.push(stepFaultNote(step, error));
      return undefined;
    }
  };
  // The people this run's visits name who are not here yet, so the card, the category and the
  // owner's alert are right within the minute; before the waiting records are retried, which
  // they may release. The notes are the app's status's alone: the sync command's lines stay.
  if (summary.modules.Visits)
    await optional(
      'visitors',
      () =>
        readUnstoredVisitors({
          db,
          source,
          store,
          now,
          signal: ctx.signal,
          unreadable: new Set(
            (['Leads', 'Contacts'] as const).filter(
              (m) => summary.missing?.modules.includes(m) || readForbidden(db, m),
            ),
          ),
        }),
      summary.appNotes,
    );
  // Before the waiting records are retried: a person shown again brings back what waited for them.
  try {
    summary.visibility = await checkVisibility({
      db,
      source,
      now,
      signal: ctx.signal ?? new AbortController().signal,
      listedWhole,
      finishedBefore: pulledBefore,
    });
  } catch (error) {
    if (!endsOnlyTheStep(error, ctx.signal, local)) throw error;
    // The sync command's lines stay as they were: the note is the app's status's alone.
    summary.visibility = { removed: 0, added: 0, notes: [stepFaultNote('visibility', error)] };
  }
  await optional('userAgents', () => pruneUserAgents(db, summary.modules.Visits, now()));
  const retried = await optional('quarantine', () => retryQuarantine(db, store, now()));
  summary.released = retried?.released ?? 0;
  summary.notes.push(...(retried?.notes ?? []));
  if (options.push ?? true) {
    // Counted as the calls go: those sent before a fault are in the summary.
    await optional('outbox', () =>
      pushOutbox(db, source, now, ctx.signal, summary.outbox, summary.refusals, summary.leads),
    );
    summary.notes.push(...(summary.outbox.notes ?? []));
    summary.appNotes.push(...(summary.leads.notes ?? []));
  }
  const marks = await optional('planMarks', () =>
    sharePlanMarks(db, source, {
      now: now(),
      push: options.push ?? true,
      // A records run reads the team's marks; each minute's visits run only sends this computer's.
      pull: wanted.has('Leads') || wanted.has('Contacts'),
      signal: ctx.signal,
    }),
  );
  summary.notes.push(...(marks?.notes ?? []));
  if (marks?.changed) options.onChanged?.(['plan']);
  // Chat transcripts kept as notes (VT-5): read with the records, as people's are.
  if (wanted.has('Leads') || wanted.has('Contacts')) {
    const read = await optional(
      'transcripts',
      () => readTranscripts(db, source, now, ctx.signal),
      summary.appNotes,
    );
    summary.appNotes.push(...(read?.notes ?? []));
  }
  summary.quarantineTotal = countQuarantined(db);
  if (tally && summary.credits) {
    tally.flush(true);
    summary.credits.run = tally.run;
    summary.credits.last24h = requestsLast24h(db, now());
  }
  return summary;
}
