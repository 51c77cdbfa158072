import type { Db } from '../db/openDatabase';
import { putSyncState, syncStateRow, syncStateRowsOf } from '../db/repos/syncState';
import type { StoredTally } from './pullTally';

/**
 * Where a pull stands: `anchor` is the exclusive lower bound sent as If-Modified-Since,
 * `position` the source's place inside that listing, `maxSeen` the newest instant stored so far.
 * What the pull has counted rides along, so a pull resumed in another run goes on counting:
 * `tally` for changed records, `deleted` for deletions.
 */
export interface PullCursor {
  anchor: number | null;
  position: string | null;
  maxSeen: number | null;
  tally?: StoredTally;
  deleted?: number;
}

export interface StateRow<C = PullCursor> {
  watermark: number | null;
  cursor: C | null;
  lastSuccessAt: number | null;
}

export function deletionsKey(module: string): string {
  return `${module}:deleted`;
}

/** Where a first sync keeps the records its head start stored ahead of the module's listing. */
export function aheadKey(module: string): string {
  return `${module}:ahead`;
}

/**
 * A key's state. A cursor that is not JSON (damaged on this computer) reads as none: each is a
 * place in, or a summary of, what the CRM holds, which the step that keeps it reads again from its
 * watermark (a module's listing, its deletions, the metadata) and writes anew. Read as it was, it
 * would end every run where the run first asks (whether a first sync is under way), not the step.
 */
export function readState<C = PullCursor>(db: Db, key: string): StateRow<C> {
  const row = syncStateRow(db, key);
  return {
    watermark: row?.watermark ?? null,
    cursor: row?.cursor ? cursorOf<C>(row.cursor) : null,
    lastSuccessAt: row?.last_success_at ?? null,
  };
}

/** A stored cursor, or null when it is not JSON (readState). */
export function cursorOf<C>(text: string): C | null {
  try {
    return JSON.parse(text) as C;
  } catch {
    return null;
  }
}

/** Call inside the transaction that stores the page this state describes. */
export function writeState<C>(db: Db, key: string, state: StateRow<C>, now: number): void {
  putSyncState(db, {
    module: key,
    watermark: state.watermark,
    cursor: state.cursor ? JSON.stringify(state.cursor) : null,
    last_success_at: state.lastSuccessAt,
    updated_at: now,
  });
}

/** Zoho's times have whole seconds and If-Modified-Since means "after": step back one second
 * so records sharing the last stored second are fetched again (an idempotent upsert) rather
 * than skipped. */
export function anchorBefore(instant: number): number {
  return Math.floor(instant / 1000) * 1000 - 1000;
}

/**
 * Where a listing goes on after a page of `records` (oldest change first) when the CRM said
 * `next`: null when the listing is over.
 */
export function nextCursor(
  cursor: PullCursor,
  records: readonly { modifiedAt: number }[],
  next: string | null,
  maxSeen: number | null,
): PullCursor | null {
  if (next === null) return null;
  const last = records.at(-1)?.modifiedAt;
  const anchor = last !== undefined && last > 0 ? anchorBefore(last) : null;
  // Re-anchoring at the last record's second keeps every request at page 1 of a fresh listing,
  // so records modified mid-sync (which jump to the end) never shift unseen ones onto a page
  // already read. Only a page that is all one second (a mass update) pages on within it, and
  // that second is read again until no record left it meanwhile (secondRereads.ts).
  if (anchor !== null && (cursor.anchor === null || anchor > cursor.anchor))
    return { anchor, position: null, maxSeen };
  return { anchor: cursor.anchor, position: next, maxSeen };
}

export function startCursor(watermark: number | null): PullCursor {
  return {
    anchor: watermark === null ? null : anchorBefore(watermark),
    position: null,
    maxSeen: watermark,
  };
}

/**
 * Whether a first sync is under way, over as many runs as it takes: a module this run lists has
 * never finished a pull (a kill or a failure after some modules finished leaves it first). Only
 * listed modules count: one the organisation lacks, or visits read from people's lists (kept
 * under another key), would otherwise keep every sync first.
 */
export function firstSyncPending(db: Db, listed: readonly string[]): boolean {
  return listed.some(
    (module) => readState(db, module).lastSuccessAt === null && !readForbidden(db, module),
  );
}

const forbiddenKey = (module: string): string => `${module}:forbidden`;

/**
 * Where each of `modules` stands with its first pull, read in one query (the runner asks before
 * each run, each minute's visits run included): `pending`, those firstSyncPending counts (never
 * finished, not refused to the user); `finished`, those whose first pull an earlier run finished.
 */
export function firstPulls(
  db: Db,
  modules: readonly string[],
): { pending: string[]; finished: string[] } {
  const rows = syncStateRowsOf(db, [...modules, ...modules.map(forbiddenKey)]);
  const row = (key: string) => rows.find((r) => r.module === key);
  const finished = modules.filter((m) => (row(m)?.last_success_at ?? null) !== null);
  const pending = modules.filter(
    (m) => !finished.includes(m) && (row(forbiddenKey(m))?.watermark ?? null) === null,
  );
  return { pending, finished };
}

/**
 * Whether the signed-in user may not read the module (its last read was refused so): it is
 * asked again each run, but does not keep every sync a first one.
 */
export function readForbidden(db: Db, module: string): boolean {
  return readState(db, forbiddenKey(module)).watermark !== null;
}

/** Records how the module's last read went: refused for the user's profile, or read. */
export function markForbidden(db: Db, module: string, forbidden: boolean, now: number): void {
  if (!forbidden && !readForbidden(db, module)) return;
  writeState(
    db,
    forbiddenKey(module),
    { watermark: forbidden ? now : null, cursor: null, lastSuccessAt: null },
    now,
  );
}
