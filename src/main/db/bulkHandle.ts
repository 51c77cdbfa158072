import type BetterSqlite3 from 'better-sqlite3';

/** The better-sqlite3 connection behind a `Db`. */
export type RawHandle = BetterSqlite3.Database;

// Keyed by the Db object, so holding a Db does not hand out the raw connection.
const handles = new WeakMap<object, RawHandle>();

/** Called once by openDatabase. */
export function attachRawHandle(db: object, raw: RawHandle): void {
  handles.set(db, raw);
}

/**
 * The raw connection, for the few named bulk and infrastructure paths (each says why) and for
 * db/sqlRun.ts. Everything else reads and writes through the repositories in db/repos/.
 */
export function rawHandle(db: object): RawHandle {
  const raw = handles.get(db);
  if (!raw) throw new Error('This object was not opened by openDatabase: it has no connection.');
  return raw;
}
