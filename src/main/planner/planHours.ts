import { DateTime } from 'luxon';
import type { PlanHours } from '../../shared/contract';
import type { Db } from '../db/openDatabase';
import { openingFor } from './windowOccurrences';

/** Holidays Settings › Working hours lists: the next few, enough to see past the coming one. */
const HOLIDAYS_SHOWN = 5;

/**
 * The hours and days off a user's plan is held to, read where the planner reads them
 * (`openingFor`: their shift's, else the organisation's business hours, less that set's
 * holidays), so Settings cannot tell a rep other hours than the ones that closed their Saturday.
 * Holidays not over at `now`, the next few, in time order; and the one on `day`, when asked.
 */
export function planHours(
  db: Db,
  user: { time_zone: string; shift_id?: string | null },
  now: number,
  day?: string,
): PlanHours {
  const open = openingFor(db, user);
  const daysOff = open?.daysOff ?? [];
  const shown = (d: (typeof daysOff)[number]) => ({
    date: d.date,
    name: d.name,
    from: d.from,
    to: d.to,
  });
  const holidays = daysOff
    .filter((d) => d.to > now)
    .slice(0, HOLIDAYS_SHOWN)
    .map(shown);
  // A past plan's holiday, or one past the fifth, is gone from the list: the link it came by says which.
  // The day is the rep's: a holiday closes it as the planner finds it, by overlapping it on the
  // rep's clock (Thanksgiving in New York is Friday in Auckland), not by the holiday's own date.
  const start = day === undefined ? null : DateTime.fromISO(day, { zone: user.time_zone });
  const asked =
    start === null || !start.isValid
      ? undefined
      : daysOff.find((d) => d.from < start.plus({ days: 1 }).toMillis() && d.to > start.toMillis());
  return {
    repTz: user.time_zone,
    source: !open ? 'none' : open.shift !== null ? 'shift' : 'organisation',
    shift: open?.shift ?? null,
    zone: open?.clock.name ?? null,
    week: open
      ? open.hours.days.map((day) => day.map(([s, e]) => [s, e] as [number, number]))
      : null,
    holidays,
    holiday: asked ? shown(asked) : null,
  };
}
