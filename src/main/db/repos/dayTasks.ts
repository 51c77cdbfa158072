import type { Db } from '../openDatabase';
import { all } from '../sqlRun';
import { openTasksDueQuery, openTasksQuery, openUndatedTasksBeforeQuery } from './activities';

/** An open CRM task with the name its person is shown by. */
export interface DayTaskRow {
  id: string;
  person_id: string;
  subject: string | null;
  started_at: number;
  due_date: string | null;
  first_name: string | null;
  last_name: string;
  company: string | null;
}

/**
 * An owner's tasks the CRM holds open (those `changeTask` can mark done or move) that belong to
 * the rep's day `date`, [from, to) in UTC ms, as the plan's rows carry them (dayPlanReads.ts,
 * `dayWork`): due on `date`; with `overdue`, due before it too, and with no due date placed
 * before `from`; with no due date, placed in [from, to). Each part is one range over its own index (`activities_owner_due`,
 * `activities_owner_time`).
 */
export function openTasksOfDay(
  db: Db,
  ownerId: string,
  day: { date: string; from: number; to: number; overdue: boolean },
): DayTaskRow[] {
  // Tasks the CRM keeps in its Tasks module: those `changeTask` can mark done or move.
  const rows = (open: ReturnType<typeof openTasksQuery>) =>
    all(
      db,
      open
        .innerJoin('people as p', 'p.id', 'a.person_id')
        // A contact's company is its account (the CRM keeps none on the contact itself).
        .leftJoin('accounts as acc', 'acc.id', 'p.account_id')
        .select([
          'a.id',
          'a.person_id',
          'a.subject',
          'a.started_at',
          'a.due_date',
          'p.first_name',
          'p.last_name',
        ])
        .select((eb) => eb.fn.coalesce('acc.name', 'p.company').as('company'))
        .where('a.source_module', '=', 'Tasks'),
    );
  return [
    ...rows(openTasksDueQuery(db, ownerId, 'on', day.date)),
    ...(day.overdue
      ? [
          ...rows(openTasksDueQuery(db, ownerId, 'before', day.date)),
          ...rows(openUndatedTasksBeforeQuery(db, ownerId, day.from)),
        ]
      : []),
    ...rows(
      openTasksQuery(db, ownerId)
        .where('a.due_date', 'is', null)
        .where('a.started_at', '>=', day.from)
        .where('a.started_at', '<', day.to),
    ),
  ];
}
