import type { PlanHours } from '../../shared/contract';
import type { Db } from '../db/openDatabase';
import { openingFor } from './windowOccurrences';

/** Holidays Settings › Working hours lists: the next few, enough to see past the coming one. */
const HOLIDAYS_SHOWN = 5;

/**
 * The hours and days off a user's plan is held to, read where the planner reads them
 * (`openingFor`: their shift's, else the organisation's business hours, less that set's
 * holidays), so Settings cannot tell a rep other hours than the ones that closed their Saturday.
 * Holidays not over at `now`, the next few, in time order.
 */
export function planHours(
  db: Db,
  user: { time_zone: string; shift_id?: string | null },
  now: number,
): PlanHours {
  const open = openingFor(db, user);
  const holidays = (open?.daysOff ?? [])
    .filter((d) => d.to > now)
    .slice(0, HOLIDAYS_SHOWN)
    .map((d) => ({ date: d.date, name: d.name, from: d.from, to: d.to }));
  return {
    repTz: user.time_zone,
    source: !open ? 'none' : open.shift !== null ? 'shift' : 'organisation',
    shift: open?.shift ?? null,
    zone: open?.clock.name ?? null,
    week: open
      ? open.hours.days.map((day) => day.map(([s, e]) => [s, e] as [number, number]))
      : null,
    holidays,
  };
}
