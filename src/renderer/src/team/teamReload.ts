import { DateTime } from 'luxon';

/** The Team page reads again this often anyway: windows end and the counts of missed move on. */
export const RELOAD_MS = 5 * 60_000;

/**
 * The next midnight after `now` in `zone`: where the manager's today (and, on a Monday, their
 * week) turns over. Taken as the zone's next date, not 24 hours on: the day of a clock change is
 * 23 or 25 hours long.
 */
export function nextMidnight(now: number, zone: string): number {
  return DateTime.fromMillis(now, { zone }).plus({ days: 1 }).startOf('day').toMillis();
}
