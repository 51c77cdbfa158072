import { DateTime } from 'luxon';

/**
 * A CRM task's due date (YYYY-MM-DD) is a day, not a moment: Zoho gives none a time, and calls a
 * task overdue only once its date has passed. The app also places it at an instant (09:00 in the
 * organisation's zone, to order the day), but that instant is no deadline: a New York rep's task
 * due today is not overdue at 04:00. The date is over when it has ended on the rep's own clock
 * (`zone`): midnight to midnight there, 23 or 25 hours on the day of a clock change.
 */
export function dueDateOver(dueDate: string, now: number, zone: string): boolean {
  const day = DateTime.fromISO(dueDate, { zone });
  return day.isValid && now >= day.startOf('day').plus({ days: 1 }).toMillis();
}

/**
 * The day a task is due on the rep's clock (`zone`): its due date, else, for a task placed at a
 * time only (a CRM task with no Due_Date, placed when it was last changed; some of the demo's), the
 * date that time falls on there. "Move to…" offers and accepts no move to this day: a task
 * placed at 08:45 today "moved" to today would only lose its hour.
 */
export function taskDueDay(
  task: { dueDate?: string | null; startAt: number },
  zone: string,
): string {
  if (task.dueDate) return task.dueDate;
  return DateTime.fromMillis(task.startAt, { zone }).toISODate() ?? String(task.startAt);
}

/**
 * Whether an open task is overdue at `now`: only once the day it is due (`taskDueDay`) is over on
 * the rep's clock (`zone`), as Zoho calls a task overdue once its date has passed. A task with a
 * time only (no Due_Date) is no exception: placed at 08:45 this morning, it is still due today at
 * 08:46, not overdue, and it turns overdue at the rep's midnight, whatever length that day has.
 */
export function taskOverdue(
  task: { dueDate?: string | null; startAt: number },
  now: number,
  zone: string,
): boolean {
  return dueDateOver(taskDueDay(task, zone), now, zone);
}

/** The due date as the rep reads it at `now` on their clock: "today", "tomorrow", "yesterday", else "Mon 30 Nov". */
export function dueDayWords(dueDate: string, now: number, zone: string): string {
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const day = DateTime.fromISO(dueDate, { zone: 'UTC' });
  if (!day.isValid) return dueDate;
  if (dueDate === today.toISODate()) return 'today';
  if (dueDate === today.plus({ days: 1 }).toISODate()) return 'tomorrow';
  if (dueDate === today.minus({ days: 1 }).toISODate()) return 'yesterday';
  return day.toFormat(day.year === today.year ? 'ccc d LLL' : 'ccc d LLL yyyy', {
    locale: 'en-GB',
  });
}

/**
 * A task with a due date in the planner's side line: "task due today", "task due tomorrow", and
 * "overdue: task due yesterday" once the date is over on the rep's clock (never a clock time).
 */
export function taskDueText(dueDate: string, now: number, zone: string): string {
  const due = `task due ${dueDayWords(dueDate, now, zone)}`;
  return dueDateOver(dueDate, now, zone) ? `overdue: ${due}` : due;
}

/**
 * The hour a due date is placed at, in the organisation's zone, to order a day's work: 09:00,
 * so the instant falls on the day the organisation means, never the evening before as UTC
 * midnight would west of Greenwich. Not the start of business hours: a 24×7 org's would be
 * midnight. Only an ordering hint: which day's plan holds a task is its date on the rep's clock.
 */
const TASK_DUE_HOUR = 9;

/** Where a due date (YYYY-MM-DD) is placed: 09:00 that day in `orgZone`; null for no date. */
export function taskDueInstant(dueDate: string, orgZone: string): number | null {
  const day = DateTime.fromISO(dueDate, { zone: orgZone });
  if (!day.isValid) return null;
  return day.set({ hour: TASK_DUE_HOUR, minute: 0, second: 0, millisecond: 0 }).toMillis();
}
