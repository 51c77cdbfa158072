import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { Db } from '../openDatabase';
import type { ActivitiesTable } from '../schema';
import { all, first, iterate, run } from '../sqlRun';
import { refreshLastTouch } from './lastTouch';

/**
 * The `activities` table: calls, emails, meetings and engagement signals. The sync's page upsert
 * writes it (sync/localStore.ts) and the model reads it in bulk (besttime/store/signalEvents.ts).
 */

export function activityExists(db: Db, id: string): boolean {
  return (
    first(db, db.kysely.selectFrom('activities').select('id').where('id', '=', id)) !== undefined
  );
}

/**
 * When the first and the last stored call or e-mail happened (null: there is none), of those at
 * or before `upTo`: one planned to come has not happened.
 */
export function callEmailSpan(db: Db, upTo: number): { from: number; to: number } | null {
  const query = db.kysely
    .selectFrom('activities')
    .select((eb) => [
      eb.fn.min<number | null>('started_at').as('from'),
      eb.fn.max<number | null>('started_at').as('to'),
    ])
    .where('kind', 'in', ['call', 'email'])
    .where('started_at', '<=', upTo);
  const row = first(db, query);
  return row?.from != null && row.to != null ? { from: row.from, to: row.to } : null;
}

export function insertActivity(db: Db, row: Insertable<ActivitiesTable>): void {
  run(db, db.kysely.insertInto('activities').values(row));
  refreshLastTouch(db, [row.person_id]);
}

export function deleteActivity(db: Db, id: string): void {
  const gone = all(
    db,
    db.kysely.deleteFrom('activities').where('id', '=', id).returning('person_id'),
  );
  refreshLastTouch(
    db,
    gone.map((a) => a.person_id),
  );
}

/** A locally logged call takes the id the CRM gave it, as if it had been pulled. */
export function renameActivityToCrm(db: Db, localId: string, crmId: string): void {
  run(
    db,
    db.kysely
      .updateTable('activities')
      .set({ id: crmId, source_id: crmId, source_module: 'Calls' })
      .where('id', '=', localId),
  );
}

/**
 * SQL: the activity happened by `now`: completed in the CRM, or a meeting that has ended (a
 * meeting's stored status is not its state, see shared/activityStatus.ts `statusAt`).
 */
export function happenedBy(alias: string, now: number): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<boolean>`(case when ${col('kind')} = 'meeting'
    then ${col('started_at')} + coalesce(${col('duration_s')}, 0) * 1000 <= ${now}
    else ${col('status')} = 'completed' end)`;
}

/**
 * SQL: when the activity `alias` touched the person until, as the planner's last touch is timed
 * (people.ts): a call at its end (start plus duration), anything else at its start. Written as
 * migration 39's index writes it, so a query ordered by it seeks that index.
 */
export function touchedUntil(alias: string): RawBuilder<number> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<number>`(${col('started_at')} + case when ${col('kind')} = 'call'
    then coalesce(${col('duration_s')}, 0) * 1000 else 0 end)`;
}

/**
 * SQL: when the last activity of the person `personRef` (a people row, e.g. `p`) that happened
 * by `now`, as `happenedBy` tells it, touched them until (`touchedUntil`: a call's end), or null:
 * the latest of their completed activities other than meetings by that instant, or their latest
 * meeting ended by `now`, whichever is later. The latest by end is not always the latest begun (a
 * long call begun before a short one): the one that ended last is what a rep calls their last
 * activity. Each is one seek in its partial index (migrations 24 and 39), which holds all it
 * asks: no activity row is read, for each of 50,000 people when the People list is ordered by it.
 */
export function lastHappenedBy(personRef: string, now: number): RawBuilder<number | null> {
  const person = sql.ref(`${personRef}.id`);
  const done = sql<number | null>`(select ${touchedUntil('d')} from activities d
    where d.person_id = ${person} and d.kind != 'meeting' and d.status = 'completed'
    order by ${touchedUntil('d')} desc limit 1)`;
  const meeting = sql<number | null>`(select m.started_at from activities m
    where m.person_id = ${person} and m.kind = 'meeting'
      and m.started_at + coalesce(m.duration_s, 0) * 1000 <= ${now}
    order by m.started_at desc limit 1)`;
  // SQLite reads a subquery each time it is named: the one over everything else is named once
  // whichever way (most people have no meeting; scalar max() is null when either is).
  return sql<number | null>`(case when ${meeting} is null then ${done}
    else max(coalesce(${done}, ${meeting}), ${meeting}) end)`;
}

export interface ScheduledActivity {
  id: string;
  person_id: string;
  kind: string;
  status: string;
  subject: string | null;
  started_at: number;
  duration_s: number | null;
  source_module: string;
  due_date: string | null;
}

const SCHEDULED_COLUMNS = [
  'id',
  'person_id',
  'kind',
  'status',
  'subject',
  'started_at',
  'duration_s',
  'source_module',
  'due_date',
] as const;

/**
 * An owner's activities starting in [from, to) that may still be planned, latest first: those
 * the CRM holds as scheduled, and every meeting (whether one is over depends on when it is read).
 */
export function scheduledActivitiesOf(
  db: Db,
  ownerId: string,
  from: number,
  to: number,
): IterableIterator<ScheduledActivity> {
  return iterate(
    db,
    db.kysely
      .selectFrom('activities')
      .select(SCHEDULED_COLUMNS)
      .where('owner_id', '=', ownerId)
      .where((eb) => eb.or([eb('status', '=', 'scheduled'), eb('kind', '=', 'meeting')]))
      .where('started_at', '>=', from)
      .where('started_at', '<', to)
      .orderBy('started_at', 'desc'),
  );
}

/**
 * An owner's tasks the CRM holds open that are due on `date` (YYYY-MM-DD), or `before` it: overdue
 * on the rep's day `date`, however long ago (Zoho's own overdue view has no limit). A due date is
 * a day, so a task belongs to that day's plan in the rep's zone whatever instant it is placed at.
 * Either is one range over the `activities_owner_due` index.
 */
export function openTasksDue(
  db: Db,
  ownerId: string,
  when: 'on' | 'before',
  date: string,
): IterableIterator<ScheduledActivity> {
  return iterate(db, openTasksDueQuery(db, ownerId, when, date).select(SCHEDULED_COLUMNS));
}

/**
 * The rows of `openTasksDue`, before what is read of them: rows, their count, or (joined to the
 * person, `dayTasks.ts`) the planner's task rows. The table is `a`, for the joins.
 */
export function openTasksDueQuery(db: Db, ownerId: string, when: 'on' | 'before', date: string) {
  return openTasksQuery(db, ownerId).where('a.due_date', when === 'on' ? '=' : '<', date);
}

/**
 * An owner's open tasks with no due date placed before `from` (the start of the rep's day, UTC
 * ms): a task with a time only is due on the day that time falls on (`taskDueDay`), so these are
 * overdue on the rep's day starting at `from`, as the dated ones due before it. One range over
 * the `activities_owner_time` index.
 */
export function openUndatedTasksBeforeQuery(db: Db, ownerId: string, from: number) {
  return openTasksQuery(db, ownerId)
    .where('a.due_date', 'is', null)
    .where('a.started_at', '<', from);
}

/** The rows of `openUndatedTasksBeforeQuery`, for the plan's day (`dayWork`). */
export function openUndatedTasksBefore(
  db: Db,
  ownerId: string,
  from: number,
): IterableIterator<ScheduledActivity> {
  return iterate(db, openUndatedTasksBeforeQuery(db, ownerId, from).select(SCHEDULED_COLUMNS));
}

/** An owner's tasks the CRM holds open, whatever their due date: what `openTasksDueQuery` narrows. */
export function openTasksQuery(db: Db, ownerId: string) {
  return db.kysely
    .selectFrom('activities as a')
    .where('a.owner_id', '=', ownerId)
    .where('a.kind', '=', 'task')
    .where('a.status', '=', 'scheduled');
}

/**
 * How many open tasks an owner has overdue on the rep's day `date` (YYYY-MM-DD) starting at
 * `from` (UTC ms): due before `date` (`openTasksDue(…, 'before')`), and with no due date placed
 * before `from` (`openUndatedTasksBeforeQuery`), as the planner carries them. Counted in SQLite,
 * each over its own index range, without building a row for each of the years of tasks a rep may
 * have.
 */
export function openTasksDueBeforeCount(
  db: Db,
  ownerId: string,
  date: string,
  from: number,
): number {
  const count = (q: ReturnType<typeof openTasksQuery>) =>
    first(
      db,
      q.select((eb) => eb.fn.countAll<number>().as('n')),
    )?.n ?? 0;
  return (
    count(openTasksDueQuery(db, ownerId, 'before', date)) +
    count(openUndatedTasksBeforeQuery(db, ownerId, from))
  );
}

/** Whether a person has any email the sync pulled. */
export function hasPulledEmails(db: Db, personId: string): boolean {
  return (
    first(
      db,
      db.kysely
        .selectFrom('activities')
        .select('id')
        .where('person_id', '=', personId)
        .where('source_module', '=', 'Emails')
        .limit(1),
    ) !== undefined
  );
}

/**
 * Calls and emails some owners logged in [from, to): what works a planned row (TM-2). A call
 * counts whatever its outcome but a missed inbound one; an email only when the rep sent it.
 */
export function loggedWorkOf(
  db: Db,
  ownerIds: readonly string[],
  from: number,
  to: number,
): IterableIterator<{
  person_id: string;
  owner_id: string | null;
  kind: string;
  started_at: number;
  duration_s: number | null;
  outcome: ActivitiesTable['outcome'];
}> {
  return iterate(
    db,
    db.kysely
      .selectFrom('activities')
      .select(['person_id', 'owner_id', 'kind', 'started_at', 'duration_s', 'outcome'])
      .where('owner_id', 'in', ownerIds.length ? [...ownerIds] : [''])
      .where('started_at', '>=', from)
      .where('started_at', '<', to)
      .where('status', '=', 'completed')
      .where((eb) =>
        eb.or([
          eb.and([
            eb('kind', '=', 'call'),
            eb.or([eb('signal', 'is', null), eb('signal', '!=', 'call_inbound_missed')]),
          ]),
          eb.and([eb('kind', '=', 'email'), eb('direction', '=', 'out')]),
        ]),
      )
      .orderBy('started_at'),
  );
}

/**
 * Whether an owner logged work on a channel in [from, to), as `loggedWorkOf` counts it: a call
 * (but a missed inbound one), or an email they sent. Stops at the first (the owner-time index).
 */
export function loggedWorkOn(
  db: Db,
  ownerId: string,
  channel: 'call' | 'email',
  from: number,
  to: number,
): boolean {
  return (
    first(
      db,
      db.kysely
        .selectFrom('activities')
        .select('id')
        .where('owner_id', '=', ownerId)
        .where('started_at', '>=', from)
        .where('started_at', '<', to)
        .where('status', '=', 'completed')
        .where('kind', '=', channel)
        .where((eb) =>
          channel === 'email'
            ? eb('direction', '=', 'out')
            : eb.or([eb('signal', 'is', null), eb('signal', '!=', 'call_inbound_missed')]),
        )
        .limit(1),
    ) !== undefined
  );
}
