import { sql, type Kysely } from 'kysely';

// People's last activity is timed as the planner's last touch is: a call from its end (start plus
// duration), anything else from its start, so a 20-minute call that ended a minute ago reads
// "called just now" and comes above a visit 3 minutes ago. The latest by end is not always the
// latest by start (a long call begun before a short one), so the index is ordered by the end
// itself, and the People list still asks one seek a person that reads no row
// (repos/activities.ts `lastHappenedBy`). It replaces migration 24's completed-activities index,
// which only that question used, and is as wide: SQLite reads the end from the index itself. The
// expression is written as the query writes it: SQLite uses an index on an expression only for
// the same expression.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index activities_person_done_end on activities (person_id,
    (started_at + case when kind = 'call' then coalesce(duration_s, 0) * 1000 else 0 end),
    kind, status)
    where kind != 'meeting' and status = 'completed'`.execute(db);
  await sql`drop index if exists activities_person_done`.execute(db);
}
