import { DateTime } from 'luxon';

/** A calendar date as [from, to) instants: midnight to the next midnight of a zone. */
export interface ZoneDate {
  date: string;
  from: number;
  to: number;
}

/**
 * The date's midnight to the next midnight on the clock of `zone`: the day of a clock change is
 * 23 or 25 hours long, never 24 hours on from the start.
 */
export function zoneDate(zone: string, date: string): ZoneDate {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  return { date, from: start.toMillis(), to: start.plus({ days: 1 }).startOf('day').toMillis() };
}

/**
 * The week holding `date` (the manager's today at `now` when none), Monday to Sunday as ISO weeks
 * run, in `zone`: its Monday and its seven dates. Throws on a date that is not one.
 */
export function weekDates(
  zone: string,
  now: number,
  date?: string,
): { week: string; dates: string[] } {
  const day = date
    ? DateTime.fromISO(date, { zone })
    : DateTime.fromMillis(now, { zone }).startOf('day');
  if (!day.isValid) throw new Error(`${date ?? ''} is not a date: expected one like 2026-12-07.`);
  const monday = day.startOf('week');
  const dates = Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }).toISODate() ?? '');
  return { week: dates[0] ?? '', dates };
}
