import { setTimeout as sleep, setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  BulkReadUnavailableError,
  BulkResultGoneError,
  CrmAuthError,
  type BulkReader,
  type PulledRecord,
  type SyncModule,
} from '../crm/crmSource';
import { transaction } from '../db/sqlRun';
import type { BulkReadPolicy, ModuleCounts, PullContext } from './pullContext';
import { anchorBefore, readState, writeState, type PullCursor } from './syncState';

export const DEFAULT_BULK_READ_POLICY: BulkReadPolicy = {
  aboveRecords: 5_000,
  pollIntervalMs: 5_000,
  maxWaitMs: 20 * 60_000,
  pageSize: 200,
};

/**
 * What `sync_state` keeps for a module being exported, committed with every stored slice of the
 * file: a kill anywhere resumes at the next unstored row of the same job (its file downloaded
 * again), or with a new job when the CRM no longer has it.
 */
interface BulkCursor {
  bulk: {
    /** The CRM's time the first job was created: records modified since come by paging after. */
    cutoff: number | null;
    /** Where the current job's records start (null: the module's start). */
    from: string | null;
    /** Null: the job for `from` is still to be created. */
    jobId: string | null;
    /** Rows of the job's file stored so far. */
    rows: number;
    stored: number;
    quarantined: number;
    jobs: number;
  };
}

const isBulk = (cursor: unknown): cursor is BulkCursor =>
  typeof cursor === 'object' && cursor !== null && 'bulk' in cursor;

async function recordsHeld(ctx: PullContext, module: SyncModule): Promise<number | null> {
  if (!ctx.source.countRecords) return null;
  try {
    return await ctx.source.countRecords(module);
  } catch (error) {
    if (ctx.signal?.aborted || error instanceof CrmAuthError) throw error;
    return null; // Not knowing the size: page, as always.
  }
}

const minutesText = (ms: number): string =>
  ms < 60_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;

/**
 * Waits for the job, at most `policy.maxWaitMs` (counted in the intervals slept, so each run's
 * looks at a job are bounded whatever the clock says); its next job's start (null: the export is
 * complete).
 */
async function finished(
  reader: BulkReader,
  jobId: string,
  policy: BulkReadPolicy,
  signal: AbortSignal | undefined,
): Promise<string | null> {
  const pollMs = Math.max(0, policy.pollIntervalMs);
  for (let waited = 0; ; waited += pollMs) {
    const job = await reader.check(jobId, signal);
    if (job.state === 'completed') return job.next;
    if (job.state === 'failed') throw new BulkReadUnavailableError(job.reason);
    if (waited + pollMs > policy.maxWaitMs)
      throw new BulkReadUnavailableError(
        `export ${jobId} was not ready after ${minutesText(policy.maxWaitMs)} of waiting`,
      );
    await sleep(pollMs, undefined, signal ? { signal } : {});
  }
}

/**
 * A module's first sync, when it is large and the CRM exports in bulk: its records come from
 * export jobs (at most 200,000 records each), stored a slice at a time, each slice committed with
 * the cursor; then the cursor is handed to the paged pull (pullRecords) at the first job's
 * creation, so records modified while the jobs ran come as pages after. Where the CRM will not
 * export (a refusal, a failed job, an unreadable file) the module is paged as ever, with a note.
 * Returns how many records this run's export stored (the cursor handed on counts them too).
 */
/** Exports found gone one after another before the module is paged instead. */
const GONE_IN_A_ROW = 3;

export async function pullBulk(
  ctx: PullContext,
  module: SyncModule,
  counts: ModuleCounts,
): Promise<number> {
  const state = readState<unknown>(ctx.db, module);
  const kept = isBulk(state.cursor) ? state.cursor.bulk : null;
  const reader = ctx.source.bulkRead;
  const bulk = ctx.bulk;
  let c: BulkCursor['bulk'];
  if (kept) c = { ...kept };
  else {
    // Only a module never synced and not being paged: an incremental sync always pages.
    if (state.watermark !== null || state.cursor !== null) return 0;
    if (!reader || !bulk || !reader.supports(module)) return 0;
    const held = module in bulk.counts ? bulk.counts[module] : await recordsHeld(ctx, module);
    if (held === null || held === undefined || held <= bulk.policy.aboveRecords) return 0;
    c = { cutoff: null, from: null, jobId: null, rows: 0, stored: 0, quarantined: 0, jobs: 0 };
  }
  const save = (cursor: BulkCursor | PullCursor | null, now = ctx.now()): void =>
    writeState(ctx.db, module, { watermark: null, cursor, lastSuccessAt: null }, now);
  // From here the records stored by this export (earlier runs' included) are in `counts`; the
  // paged pull after it counts them again from the cursor it is handed, so they are taken back.
  counts.upserted += c.stored;
  counts.quarantined += c.quarantined;
  const carried = c.stored + c.quarantined;
  const handOver = (cursor: PullCursor | null): void => {
    counts.upserted -= c.stored;
    counts.quarantined -= c.quarantined;
    transaction(ctx.db, () => save(cursor));
  };
  // Counting after the export, paged, tells a record it already stored by its row (`since` 0):
  // on a first sync every row of the module's table came from this pull.
  const tally = (): NonNullable<PullCursor['tally']> => ({
    stored: c.stored,
    quarantined: c.quarantined,
    edge: [],
    since: 0,
  });
  if (!reader || !bulk || !reader.supports(module)) {
    // An export under way when bulk read was switched off: what it stored stays, paging goes on.
    handOver({ anchor: null, position: null, maxSeen: null, tally: tally() });
    return 0;
  }
  const outcome = (bulk.outcomes[module] ??= { jobs: 0, records: 0, fellBack: null });
  const size = Math.max(1, bulk.policy.pageSize);
  let page = 0;
  let goneInARow = 0;
  try {
    for (;;) {
      let jobId = c.jobId;
      if (jobId === null) {
        const job = await reader.start(module, c.from, ctx.signal);
        jobId = job.id;
        c = { ...c, jobId, rows: 0, cutoff: c.cutoff ?? job.createdAt, jobs: c.jobs + 1 };
        outcome.jobs++;
        // Kept at once: a kill while the CRM works on it finds the job again, not a second one.
        transaction(ctx.db, () => save({ bulk: c }));
      }
      let next: string | null;
      let rows;
      try {
        next = await finished(reader, jobId, bulk.policy, ctx.signal);
        rows = await reader.rows(module, jobId, ctx.signal);
        // Rows an earlier run stored: read past them (the same job's file lists the same rows).
        for (let skip = c.rows; skip > 0;) {
          const passed = await rows.next(Math.min(skip, size));
          if (!passed) break;
          skip -= passed.length;
        }
      } catch (error) {
        if (!(error instanceof BulkResultGoneError)) throw error;
        // A file that is never there (another data centre's download host?) would otherwise
        // start a job, and spend its credits, again and again until the run's deadline.
        if (++goneInARow >= GONE_IN_A_ROW)
          throw new BulkReadUnavailableError(
            `${GONE_IN_A_ROW} exports in a row were gone before their file could be read (${error.message})`,
          );
        // Kept a day, then gone: the same records again from a new job (stored rows are upserts).
        c = { ...c, jobId: null, rows: 0 };
        continue;
      }
      goneInARow = 0;
      for (;;) {
        const batch: PulledRecord[] | null = await rows.next(size);
        if (!batch) break;
        await (ctx.commitGate ? ctx.commitGate() : yieldToEventLoop());
        // The file is here, but a stopped sync stores no more of it (the next run goes on).
        ctx.signal?.throwIfAborted();
        const now = ctx.now();
        transaction(ctx.db, () => {
          // Asked before storing: a record a new job of the same records brings again counts once.
          const fresh = batch.map((r) => !ctx.store.holds(r));
          batch.forEach((record, i) => {
            const stored = ctx.store.store(module, record, now);
            if (!fresh[i]) return;
            counts[stored ? 'upserted' : 'quarantined']++;
            c[stored ? 'stored' : 'quarantined']++;
          });
          c.rows += batch.length;
          save({ bulk: c }, now);
          ctx.store.keepAhead(now);
        });
        outcome.records += batch.length;
        ctx.onProgress({ module, phase: 'records', page: ++page, counts: { ...counts }, carried });
        await ctx.afterCommit();
      }
      if (next !== null) {
        c = { ...c, from: next, jobId: null, rows: 0 };
        transaction(ctx.db, () => save({ bulk: c }));
        continue;
      }
      const anchor = c.cutoff === null ? null : anchorBefore(c.cutoff);
      handOver({ anchor, position: null, maxSeen: anchor, tally: tally() });
      return c.stored + c.quarantined - carried;
    }
  } catch (error) {
    if (!(error instanceof BulkReadUnavailableError)) throw error;
    outcome.fellBack = error.message;
    bulk.note(
      `${module}: read page by page, as Zoho's bulk read was not available (${error.message})`,
    );
    const stored = c.stored + c.quarantined > 0;
    handOver(stored ? { anchor: null, position: null, maxSeen: null, tally: tally() } : null);
    return c.stored + c.quarantined - carried;
  }
}
