import { DateTime } from 'luxon';
import type { Db } from '../db/openDatabase';
import type { UserRow } from '../db/schema';
import { nextWorkingDay } from '../planner/businessDays';
import { openingFor } from '../planner/windowOccurrences';
import type { TaskMoveDays } from '../../shared/taskMovePicks';

/**
 * The days "Move to…" offers the rep at `now`: today and tomorrow on their own clock, and their
 * next working day by the hours they work (their shift's, else the organisation's, and its days
 * off), as their plan counts a day open.
 */
export function taskMoveDays(db: Db, rep: UserRow, now: number): TaskMoveDays {
  const today = DateTime.fromMillis(now, { zone: rep.time_zone }).startOf('day');
  const iso = today.toISODate() ?? '';
  return {
    today: iso,
    tomorrow: today.plus({ days: 1 }).toISODate() ?? '',
    nextWorkingDay: nextWorkingDay(openingFor(db, rep), rep.time_zone, iso),
  };
}
