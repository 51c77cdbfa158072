import { DateTime } from 'luxon';
import type { UserRow } from '../db/schema';

/**
 * A rep's open tasks due before `date` (with a time only, placed before that day on the rep's
 * clock), which their planner carries onto their today's plan:
 * counted only when `date` is the rep's today on the rep's own clock (`now` in `rep.time_zone`),
 * not the manager's: a Berlin manager's Tuesday 00:30 is still Monday for a Los Angeles rep, whose
 * Monday tasks are due today, not overdue. A past day keeps its own tasks and a day to come carries
 * none, as the planner does; the week's cell counts each task on its own date, so these are apart
 * from it. `count` is the stored count (kept by the caller, e.g. `KeptDayWork`).
 */
export function tasksCarried(
  rep: Pick<UserRow, 'id' | 'time_zone'>,
  date: string,
  now: number,
  count: (repId: string, date: string, from: number) => number,
): number {
  const today = DateTime.fromMillis(now, { zone: rep.time_zone }).startOf('day');
  if (today.toISODate() !== date) return 0;
  // Where the rep's day starts: a task with a time only placed before it is overdue too.
  return count(rep.id, date, today.toMillis());
}
