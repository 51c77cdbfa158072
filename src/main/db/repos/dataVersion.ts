import { sql } from 'kysely';
import type { Db } from '../openDatabase';
import { first } from '../sqlRun';

/**
 * SQLite's `PRAGMA data_version` on `db`'s connection: it moves when ANOTHER connection commits
 * to the file (a `sync` run from the command line, a second window), never for this connection's
 * own writes, which the core announces itself. Compare two readings on the same connection only:
 * each connection counts on its own.
 */
export function dataVersion(db: Db): number {
  const row = first(
    db,
    sql<{ data_version: number }>`select data_version from pragma_data_version`.compile(db.kysely),
  );
  return row?.data_version ?? 0;
}
