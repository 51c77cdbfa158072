import type { PlanTask } from '@shared/contract';
import { nameSearchText } from '@shared/nameSearch';
import { searchFold } from '@shared/searchFold';
import { dueDayWords, taskOverdue } from '@shared/taskDue';
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
 * When a task listed apart from the rows is due, as the rep reads it at `now` on their clock:
 * "due today", "overdue: due Fri 20 Nov"; with a time only, "due at 08:45" all that day, and
 * "overdue: due at 08:45" once the day is over (a past day's list).
 */
export function planTaskDueText(
  task: Pick<PlanTask, 'dueDate' | 'startAt'>,
  now: number,
  zone: string,
): string {
  const when = task.dueDate
    ? dueDayWords(task.dueDate, now, zone)
    : `at ${clockAt(task.startAt, zone)}`;
  return `${planTaskOverdue(task, now, zone) ? 'overdue: ' : ''}due ${when}`;
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
