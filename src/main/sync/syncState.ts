import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/openDatabase';

/**
 * Where a pull stands: `anchor` is the exclusive lower bound sent as If-Modified-Since,
 * `position` the source's place inside that listing, `maxSeen` the newest instant stored so far.
 */
export interface PullCursor {
  anchor: number | null;
  position: string | null;
  maxSeen: number | null;
}

export interface StateRow<C = PullCursor> {
  watermark: number | null;
  cursor: C | null;
  lastSuccessAt: number | null;
}

export function deletionsKey(module: string): string {
  return `${module}:deleted`;
}

// Prepared once per connection: a sync reads and writes its state once a page.
const statements = new WeakMap<Db['raw'], { read: Statement; write: Statement }>();

function prepared(db: Db): { read: Statement; write: Statement } {
  let s = statements.get(db.raw);
  if (!s) {
    s = {
      read: db.raw.prepare(
        'select watermark, cursor, last_success_at from sync_state where module = ?',
      ),
      write: db.raw.prepare(
        `insert into sync_state (module, watermark, cursor, last_success_at, updated_at) values (?, ?, ?, ?, ?)
         on conflict(module) do update set watermark = excluded.watermark, cursor = excluded.cursor,
         last_success_at = excluded.last_success_at, updated_at = excluded.updated_at`,
      ),
    };
    statements.set(db.raw, s);
  }
  return s;
}

export function readState<C = PullCursor>(db: Db, key: string): StateRow<C> {
  const row = prepared(db).read.get(key) as
    { watermark: number | null; cursor: string | null; last_success_at: number | null } | undefined;
  return {
    watermark: row?.watermark ?? null,
    cursor: row?.cursor ? (JSON.parse(row.cursor) as C) : null,
    lastSuccessAt: row?.last_success_at ?? null,
  };
}

/** Call inside the transaction that stores the page this state describes. */
export function writeState<C>(db: Db, key: string, state: StateRow<C>, now: number): void {
  prepared(db).write.run(
    key,
    state.watermark,
    state.cursor ? JSON.stringify(state.cursor) : null,
    state.lastSuccessAt,
    now,
  );
}

/** Zoho's times have whole seconds and If-Modified-Since means "after": step back one second
 * so records sharing the last stored second are fetched again (an idempotent upsert) rather
 * than skipped. */
export function anchorBefore(instant: number): number {
  return Math.floor(instant / 1000) * 1000 - 1000;
}

export function startCursor(watermark: number | null): PullCursor {
  return {
    anchor: watermark === null ? null : anchorBefore(watermark),
    position: null,
    maxSeen: watermark,
  };
}
