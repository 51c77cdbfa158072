import type { Db } from '../openDatabase';
import type { DealsTable } from '../schema';
import { iterate } from '../sqlRun';

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
