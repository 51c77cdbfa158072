import { DateTime } from 'luxon';
import type { Db } from '../db/openDatabase';
import { openTasksDue } from '../db/repos/activities';

/**
 * A rep's open tasks due before `date`, which their planner carries onto today's plan: counted for
 * the Team day of the manager's today only (`now` in `managerZone`). A past day keeps its own
 * tasks and a day to come carries none, as the planner does; the week's cell counts each task on
 * its own date, so these are apart from it.
 */
export function tasksCarried(
  db: Db,
  repId: string,
  date: string,
  now: number,
  managerZone: string,
): number {
  if (DateTime.fromMillis(now, { zone: managerZone }).toISODate() !== date) return 0;
  return Array.from(openTasksDue(db, repId, 'before', date)).length;
}
