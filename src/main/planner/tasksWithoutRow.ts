import { DateTime } from 'luxon';
import type { Planner, PlanTask } from '../../shared/contract';
import type { Db } from '../db/openDatabase';
import { openTasksOfDay } from '../db/repos/dayTasks';
import { shownName } from '../../shared/personName';
import { closedPlan } from '../../shared/closedPlan';

/**
 * The open CRM tasks of the plan's day that no row shows, oldest first. A person gets a row only
 * with evidence on a channel planned, and a row shows only its person's first piece of work
 * (`next`): a task due today, or overdue, of someone with no window learned (or owned by another
 * rep), or a second task behind the one a row shows, was on no screen of the plan, and the rep
 * missed it. On a closed day the Planner shows no rows at all, so every task of the day is listed.
 * The day's tasks are those the rows carry (`dayWork`): due that day, and on the rep's today also
 * those whose date is over.
 */
export function tasksWithoutRow(
  db: Db,
  plan: Pick<Planner, 'repId' | 'repTz' | 'date' | 'now' | 'rows' | 'closed'>,
): PlanTask[] {
  const day = DateTime.fromISO(plan.date, { zone: plan.repTz }).startOf('day');
  if (!day.isValid) return [];
  const from = day.toMillis();
  // 23 or 25 hours on the day of a clock change.
  const to = day.plus({ days: 1 }).startOf('day').toMillis();
  const overdue = from <= plan.now && plan.now < to;
  const tasks = openTasksOfDay(db, plan.repId, { date: plan.date, from, to, overdue });
  if (tasks.length === 0) return [];
  const onRows = new Set<string>();
  if (!closedPlan(plan)) for (const r of plan.rows) if (r.next?.taskId) onRows.add(r.next.taskId);
  const out: PlanTask[] = [];
  for (const t of tasks)
    if (!onRows.has(t.id))
      out.push({
        id: t.id,
        personId: t.person_id,
        name: shownName(t.first_name, t.last_name),
        company: t.company,
        subject: t.subject,
        dueDate: t.due_date,
        startAt: t.started_at,
      });
  // Where a task is placed orders it (a due date's 09:00 in the organisation's zone); then as
  // the rows break ties, by name and id.
  return out.sort(
    (a, b) =>
      a.startAt - b.startAt ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
