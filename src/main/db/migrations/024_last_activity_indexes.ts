import { sql, type Kysely } from 'kysely';

// The People list ordered by last activity looks each person's up: with 2 million activities the
// walk back from a person's latest read the activity row at every step (whether it happened is
// its kind and status, which the person-and-time index does not hold), 277 ms for 50,000 people
// against a 250 ms budget. Two partial indexes, which hold only what that question asks, make it
// two index seeks a person and no row read (repos/activities.ts `lastHappenedBy`): the completed
// activities other than meetings, and the meetings (which have happened once they end, so when
// depends on the hour of asking). Indexes, not a value kept with the person: SQLite keeps them
// true for every writer, where triggers on activities made each insert a statement with a
// journal of its own: the demo's inserts took about 40 % more CPU (README, Performance).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('activities_person_done')
    .on('activities')
    .columns(['person_id', 'started_at', 'kind', 'status'])
    .where(sql<boolean>`kind != 'meeting' and status = 'completed'`)
    .execute();
  await db.schema
    .createIndex('activities_person_meetings')
    .on('activities')
    .columns(['person_id', 'started_at', 'duration_s', 'kind'])
    .where(sql<boolean>`kind = 'meeting'`)
    .execute();
}
