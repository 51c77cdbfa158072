import type { PlanTask } from '@shared/contract';
import { nameSearchText } from '@shared/nameSearch';
import { searchFold } from '@shared/searchFold';
import { dueDateOver, dueDayWords, taskDueDay, taskOverdue } from '@shared/taskDue';
import { clockAt } from './planRowText';

/**
 * Whether a task listed apart from the rows is overdue at `now`: the day it is due over on the
 * rep's clock (its due date, else the day of its time: shared/taskDue.ts `taskOverdue`).
 */
export function planTaskOverdue(
  task: Pick<PlanTask, 'dueDate' | 'startAt'>,
  now: number,
  zone: string,
): boolean {
  return taskOverdue(task, now, zone);
}

/**
 * When a task listed apart from the rows is due, as the rep reads it at `now` on their clock, on
 * the plan of `planDate`: "due today", "overdue: due Fri 20 Nov"; with a time only, "due at 08:45"
 * all that day. A past day's rows read as of that day, so its tasks say so too: one due that day
 * was not overdue on it, and the list holds only open tasks, so it is "due that day · overdue
 * now" (marked done, it leaves the list).
 */
export function planTaskDueText(
  task: Pick<PlanTask, 'dueDate' | 'startAt'>,
  now: number,
  zone: string,
  planDate: string,
): string {
  const overdue = planTaskOverdue(task, now, zone);
  if (overdue && dueDateOver(planDate, now, zone) && taskDueDay(task, zone) === planDate)
    return task.dueDate
      ? 'due that day · overdue now'
      : `due at ${clockAt(task.startAt, zone)} that day · overdue now`;
  const when = task.dueDate
    ? dueDayWords(task.dueDate, now, zone)
    : `at ${clockAt(task.startAt, zone)}`;
  return `${overdue ? 'overdue: ' : ''}due ${when}`;
}

/**
 * The tasks the planner's name search lets through: found by their person's name or company as
 * the rows are (planFilters.ts). The plan's other filters are about windows, which these people
 * have none of, so they leave the list whole.
 */
export function tasksFound(tasks: readonly PlanTask[], query: string): readonly PlanTask[] {
  const term = searchFold(query.trim());
  if (!term) return tasks;
  return tasks.filter((t) =>
    `${nameSearchText(t.name)}\u001f${searchFold(t.company ?? '')}`.includes(term),
  );
}
