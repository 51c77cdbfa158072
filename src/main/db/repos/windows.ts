import type { Db } from '../openDatabase';
import type { BestTimeWindowsTable } from '../schema';
import { first, iterate } from '../sqlRun';
import type { Channel } from '../../../shared/signals';

/**
 * The `best_time_windows` table: each person's weekly windows per channel. The model's windows
 * writer stores them in bulk (besttime/store/recomputeWindows.ts).
 */

/** The stored windows of an owner's people. */
export function ownedPeopleWindows(
  db: Db,
  ownerId: string,
): IterableIterator<Pick<BestTimeWindowsTable, 'person_id' | 'channel' | 'windows'>> {
  return iterate(
    db,
    db.kysely
      .selectFrom('best_time_windows as w')
      .innerJoin('people as p', 'p.id', 'w.person_id')
      .select(['w.person_id', 'w.channel', 'w.windows'])
      .where('p.owner_id', '=', ownerId),
  );
}

/** Whether a person has windows learned on a channel: the planner gives them a row on it. */
export function hasWindows(db: Db, personId: string, channel: Channel): boolean {
  return (
    first(
      db,
      db.kysely
        .selectFrom('best_time_windows')
        .select('person_id')
        .where('person_id', '=', personId)
        .where('channel', '=', channel)
        .limit(1),
    ) !== undefined
  );
}
