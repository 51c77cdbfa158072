import type { Db } from '../openDatabase';
import type { SyncStateTable } from '../schema';
import { all, first, run } from '../sqlRun';

/** The `sync_state` table: where each module's pull stands (sync/syncState.ts reads it). */

export function syncStateRow(
  db: Db,
  module: string,
): Pick<SyncStateTable, 'watermark' | 'cursor' | 'last_success_at'> | undefined {
  return first(
    db,
    db.kysely
      .selectFrom('sync_state')
      .select(['watermark', 'cursor', 'last_success_at'])
      .where('module', '=', module),
  );
}

/** The rows of these keys, in one query; a key without a row has none here. */
export function syncStateRowsOf(
  db: Db,
  keys: readonly string[],
): Pick<SyncStateTable, 'module' | 'watermark' | 'last_success_at'>[] {
  if (keys.length === 0) return [];
  return all(
    db,
    db.kysely
      .selectFrom('sync_state')
      .select(['module', 'watermark', 'last_success_at'])
      .where('module', 'in', keys),
  );
}

/** Call inside the transaction that stores the page this state describes. */
export function putSyncState(db: Db, row: SyncStateTable): void {
  run(
    db,
    db.kysely
      .insertInto('sync_state')
      .values(row)
      .onConflict((oc) =>
        oc.column('module').doUpdateSet({
          watermark: row.watermark,
          cursor: row.cursor,
          last_success_at: row.last_success_at,
          updated_at: row.updated_at,
        }),
      ),
  );
}

/** When any module last finished a pull, or null before the first sync. */
export function lastSyncedAt(db: Db): number | null {
  return (
    first(
      db,
      db.kysely.selectFrom('sync_state').select((eb) => eb.fn.max('last_success_at').as('last')),
    )?.last ?? null
  );
}

/** The rows whose key ends with `suffix` (a kind of row kept for each module). */
export function syncStateRowsEndingWith(
  db: Db,
  suffix: string,
): Pick<SyncStateTable, 'module' | 'cursor'>[] {
  // LIKE's wildcards in the suffix would match more: the exact test is made on what it finds.
  return all(
    db,
    db.kysely
      .selectFrom('sync_state')
      .select(['module', 'cursor'])
      .where('module', 'like', `%${suffix}`),
  ).filter((r) => r.module.endsWith(suffix));
}

export function deleteSyncState(db: Db, module: string): void {
  run(db, db.kysely.deleteFrom('sync_state').where('module', '=', module));
}
