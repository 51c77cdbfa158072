import { sql, type Kysely } from 'kysely';

// People ordered by last activity asked four index seeks a person (done, meeting, linked visit,
// e-mail's visit): 210–290 ms at 50,000 people against a 250 ms budget. The person keeps the
// latest of what can be their last activity and from when it is (repos/lastTouch.ts, which every
// writer of activities and visits calls); the list reads that column and asks the seeks only of
// those for whom it is not yet so or depends on the rep. Filled here for every person, as
// lastTouch.ts fills it (copied: a migration keeps the SQL of its day). An e-mail's visit is
// never for sure (9007199254740991, Number.MAX_SAFE_INTEGER, later than any instant asked), as
// null means stale: set again by the sync after the page that marked it.
//
// People's last activity is timed as the planner's last touch is: a call from its end (start plus
// duration), anything else from its start, so a 20-minute call that ended a minute ago reads
// "called just now" and comes above a visit 3 minutes ago. The latest by end is not always the
// latest by start (a long call begun before a short one), so the completed activities are indexed
// by the end itself, for those still looked up (repos/activities.ts `lastHappenedBy`) and for the
// fill below. It replaces migration 24's completed-activities index, which only that question
// used, and is as wide. The expression is written as the queries write it: SQLite uses an index on
// an expression only for the same expression.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index activities_person_done_end on activities (person_id,
    (started_at + case when kind = 'call' then coalesce(duration_s, 0) * 1000 else 0 end),
    kind, status)
    where kind != 'meeting' and status = 'completed'`.execute(db);
  await sql`drop index if exists activities_person_done`.execute(db);
  await db.schema.alterTable('people').addColumn('last_touch', 'integer').execute();
  await db.schema.alterTable('people').addColumn('last_touch_from', 'integer').execute();
  await sql`update people set (last_touch, last_touch_from) = (
  select t.coded, case
      when t.coded is null then 0
      when t.coded % 4 = 1 then 9007199254740991
      when t.coded % 4 = 2 then t.coded / 4
      when t.done = t.coded / 4 then 0
      else (select min(m.started_at + coalesce(m.duration_s, 0) * 1000) from activities m
        where m.person_id = people.id and m.kind = 'meeting' and m.started_at = t.coded / 4) end
  from (select nullif(max(coalesce(s.done * 4, 0), coalesce(s.meeting * 4, 0),
      coalesce(s.linked * 4 + 2, 0), coalesce(s.mail * 4 + 1, 0)), 0) as coded, s.done
    from (select
      (select max(d.started_at + case when d.kind = 'call'
          then coalesce(d.duration_s, 0) * 1000 else 0 end) from activities d
        where d.person_id = people.id and d.kind != 'meeting' and d.status = 'completed') as done,
      (select max(m.started_at) from activities m where m.person_id = people.id
        and m.kind = 'meeting') as meeting,
      (select max(v.started_at) from visits v where v.person_id = people.id) as linked,
      (select max(e.started_at) from visits e indexed by visits_email_key
        where e.person_id is null and lower(trim(e.visitor_email)) = lower(trim(people.email))) as mail
    ) s) t)`.execute(db);
  // The sync marks a person stale (null) as it writes what their last touch is made of, and sets
  // the stale again after each page: this finds them without reading every person.
  await sql`create index people_last_touch_stale on people (id)
    where last_touch_from is null`.execute(db);
}
