import type { Db } from '../db/openDatabase';
import { transaction } from '../db/sqlRun';
import { readState, writeState } from './syncState';

/**
 * The API requests this app made to the organisation, kept in the `sync_state` row `Credits`
 * (the organisation's own database: one organisation a file), counted in 10-minute buckets over
 * the last 24 hours: Zoho counts credits per organisation over a rolling 24 hours (5,000 a day on
 * the free edition; a plain read costs one). Buckets make the window's edge 10 minutes coarse.
 * Other integrations of the organisation spend its credits too: this is the app's share only.
 */
const KEY = 'Credits';
export const BUCKET_MS = 10 * 60_000;
export const WINDOW_MS = 24 * 3_600_000;

interface CreditsCursor {
  /** [bucket start, requests], oldest first. */
  buckets: [number, number][];
}

/**
 * The buckets Zoho may still count at `now`: a bucket's requests leave Zoho's window 24 hours
 * after each was made, so one that began up to 10 minutes before the window may still hold some
 * (kept, and counted by the budget, creditBudget.ts; not by requestsLast24h).
 */
export function requestBuckets(db: Db, now: number): [number, number][] {
  const stored = readState<CreditsCursor>(db, KEY).cursor?.buckets;
  return Array.isArray(stored) ? stored.filter(([at]) => at > now - WINDOW_MS - BUCKET_MS) : [];
}

function buckets(db: Db, now: number): [number, number][] {
  return requestBuckets(db, now).filter(([at]) => at > now - WINDOW_MS);
}

/** Adds `requests` made just now. */
function recordRequests(db: Db, requests: number, now: number): void {
  if (requests <= 0) return;
  transaction(db, () => {
    const kept = requestBuckets(db, now);
    const start = Math.floor(now / BUCKET_MS) * BUCKET_MS;
    const last = kept.at(-1);
    if (last && last[0] === start) last[1] += requests;
    else kept.push([start, requests]);
    // No last_success_at: the row is not a sync of records (lastSyncedAt).
    writeState<CreditsCursor>(
      db,
      KEY,
      { watermark: null, cursor: { buckets: kept }, lastSuccessAt: null },
      now,
    );
  });
}

/** Requests this app made to the organisation in the 24 hours before `now`. */
export function requestsLast24h(db: Db, now: number): number {
  return buckets(db, now).reduce((n, [, count]) => n + count, 0);
}

// Written at most this often while a sync runs: a kill loses at most this much of the count.
const FLUSH_EVERY_MS = 5_000;

/** Keeps the count of a source's requests as a sync runs (`flush` after each commit, and at the end). */
export class RequestTally {
  private written: number;
  private readonly startedAt: number;
  private lastAt = 0;

  constructor(
    private readonly db: Db,
    private readonly made: () => number,
    private readonly now: () => number,
  ) {
    this.written = made();
    this.startedAt = this.written;
  }

  /** This run's requests so far. */
  get run(): number {
    return this.made() - this.startedAt;
  }

  flush(force = false): void {
    const at = this.now();
    if (!force && at - this.lastAt < FLUSH_EVERY_MS) return;
    this.lastAt = at;
    const made = this.made();
    recordRequests(this.db, made - this.written, at);
    this.written = made;
  }
}
