import type { Db } from '../openDatabase';
import { sql } from 'kysely';
import { all } from '../sqlRun';

/**
 * One rep's calls, tasks and emails dated in their days `bounds`, one or more (back to back: [bounds[i],
 * bounds[i + 1]) is day i), whatever their status, counted by day and by what tells them apart
 * (a call's time passed by `now` or not, so a rep ahead of the manager reads their own day):
 * a week of the Team page is read from these few rows, over the `activities_owner_time` index,
 * with no plan made. Counted in SQLite, not here: a busy week is a hundred thousand rows. A task
 * with a due date is not among them: it counts on that date (`weekTasksDueOf`). One with a time
 * only (a CRM task without a Due_Date stands at its last change) is due on the day of that time.
 */
export function weekActivityCountsOf(
  db: Db,
  ownerId: string,
  bounds: readonly number[],
  now: number,
): {
  day: number;
  kind: string;
  status: string;
  local: number;
  direction: 'in' | 'out' | null;
  missed: number;
  passed: number;
  /** The earliest call of the group not yet passed at `now` (null when none): when `passed` turns. */
  next: number | null;
  n: number;
}[] {
  const from = bounds[0] ?? 0;
  const to = bounds[bounds.length - 1] ?? 0;
  const inner = bounds.slice(1, -1);
  // SQLite has no `case` without a `when`: a single day (the Team day's lanes) is day 0.
  const day =
    inner.length === 0
      ? sql<number>`0`
      : sql<number>`case ${sql.join(
          inner.map((b, i) => sql`when started_at < ${b} then ${i}`),
          sql` `,
        )} else ${bounds.length - 2} end`;
  return all(
    db,
    db.kysely
      .selectFrom('activities')
      .select([
        day.as('day'),
        'kind',
        'status',
        sql<number>`source_module = 'local'`.as('local'),
        'direction',
        sql<number>`coalesce(signal = 'call_inbound_missed', 0)`.as('missed'),
        sql<number>`kind = 'call' and started_at < ${now}`.as('passed'),
        sql<
          number | null
        >`min(case when kind = 'call' and started_at >= ${now} then started_at end)`.as('next'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('owner_id', '=', ownerId)
      .where('started_at', '>=', from)
      .where('started_at', '<', to)
      .where('kind', 'in', ['call', 'task', 'email'])
      .where((eb) => eb.or([eb('kind', '<>', 'task'), eb('due_date', 'is', null)]))
      .groupBy(['day', 'kind', 'status', 'local', 'direction', 'missed', 'passed']),
  );
}

/**
 * Some reps' tasks due on the dates `from` to `to` (YYYY-MM-DD, both included), counted per rep,
 * date and status, over the `activities_owner_due` index: a due date is a date, not an instant,
 * so whatever the rep's zone and whenever the task was closed, it falls on that date.
 */
export function weekTasksDueOf(
  db: Db,
  ownerIds: readonly string[],
  from: string,
  to: string,
): { owner_id: string | null; due_date: string | null; status: string; n: number }[] {
  return all(
    db,
    db.kysely
      .selectFrom('activities')
      .select(['owner_id', 'due_date', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('owner_id', 'in', ownerIds.length ? [...ownerIds] : [''])
      .where('due_date', '>=', from)
      .where('due_date', '<=', to)
      .where('kind', '=', 'task')
      .groupBy(['owner_id', 'due_date', 'status']),
  );
}

/**
 * The hot-visitor alerts raised in [from, to) about people some owners own, one per visit (two
 * users alerted about one visit are one alert about the person), with when it was first raised.
 * By the recipients' `alerts_user_time` index: there are few users and many alerts.
 */
export function weekAlertsOf(
  db: Db,
  ownerIds: readonly string[],
  from: number,
  to: number,
): { owner_id: string | null; at: number }[] {
  return all(
    db,
    db.kysely
      .selectFrom('alerts as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['p.owner_id'])
      .select((eb) => eb.fn.min('a.alert_at').as('at'))
      .where('a.user_id', 'in', (eb) => eb.selectFrom('users').select('users.id'))
      .where('a.alert_at', '>=', from)
      .where('a.alert_at', '<', to)
      .where('p.owner_id', 'in', ownerIds.length ? [...ownerIds] : [''])
      .groupBy(['p.owner_id', 'a.person_id', 'a.visitor_id', 'a.visit_started_at']),
  );
}
