import { sql } from 'kysely';
import type { Db } from '../openDatabase';
import { first } from '../sqlRun';

/**
 * A token that changes whenever the database's contents may have: a commit by this connection
 * (SQLite's `total_changes()`, counting every row written through it) or by any other one,
 * e.g. a `sync` run from the command line (`PRAGMA data_version`). Equal tokens mean nothing
 * was written in between, so a result computed from the data then still holds.
 */
export function dataVersion(db: Db): string {
  const row = first(
    db,
    sql<{ ours: number; others: number }>`select total_changes() as ours,
      (select data_version from pragma_data_version) as others`.compile(db.kysely),
  );
  return `${row?.others ?? 0}:${row?.ours ?? 0}`;
}
