import type { Db } from '../openDatabase';
import type { DealsTable } from '../schema';
import { iterate, run } from '../sqlRun';

/** The `deals` table; the sync's page upsert writes it (sync/localStore.ts). */

/** The open and won deals of an owner's people, oldest change first. */
export function ownedPeopleDeals(
  db: Db,
  ownerId: string,
): IterableIterator<{ person_id: string; stage: string; status: DealsTable['status'] }> {
  return iterate(
    db,
    db.kysely
      .selectFrom('deals as d')
      .innerJoin('people as p', 'p.id', 'd.person_id')
      .select(['d.person_id', 'd.stage', 'd.status'])
      .where('p.owner_id', '=', ownerId)
      .where('d.status', '!=', 'lost')
      .orderBy('d.modified_at')
      .$narrowType<{ person_id: string }>(),
  );
}

/**
 * Deals stored with an outcome their stage no longer has (the organisation's stages read after
 * they were stored, or a stage's outcome changed there) take the stage's. How many changed.
 */
export function restateDealStatuses(
  db: Db,
  stages: Readonly<Record<string, DealsTable['status']>>,
): number {
  let changed = 0;
  for (const [stage, status] of Object.entries(stages))
    changed += run(
      db,
      db.kysely
        .updateTable('deals')
        .set({ status })
        .where('stage', '=', stage)
        .where('status', '!=', status),
    ).changes;
  return changed;
}
