import { DateTime } from 'luxon';
import type { NextDayWindow, ShownWindow } from '../../shared/contract';
import { occurrencesBetween, WindowClock, type Opening } from '../planner/windowOccurrences';

const DAY_MS = 86_400_000;

/**
 * Per channel, the contact's windows of today (their day), passed ones included: the page strikes
 * those through as the planner does (BT-6), instead of letting the best window of the day vanish
 * at its end. When none of today's is still to come, the windows of the next day with one follow
 * them. Each day's in rank order: the suggestion and its alternatives. Dated as the planner dates
 * them, each held to business hours on its own date (BT-7), so a window the planner leaves out of
 * that day is not offered here either, and one it cuts short is shown cut.
 */
export function nextDayWindows(
  windows: readonly ShownWindow[],
  zone: string,
  now: number,
  open: Opening | null,
): NextDayWindow[] {
  // A page read now and then: a clock of its own, not one that keeps every date it was asked.
  const clock = new WindowClock();
  const from = DateTime.fromMillis(now, { zone }).startOf('day').toMillis();
  const until = from + 8 * DAY_MS;
  const dates = clock.localDates(zone, from, until);
  const out: NextDayWindow[] = [];
  for (const channel of ['call', 'email'] as const) {
    const byWeekday: ShownWindow[][] = [[], [], [], [], [], [], [], []];
    for (const w of windows) if (w.channel === channel) byWeekday[w.weekday]?.push(w);
    for (const [i, date] of dates.entries()) {
      const day = occurrencesBetween(clock, zone, byWeekday, from, until, [date], open);
      // Today's stay, passed or not; a later day's only once today has none left to come.
      if (i > 0 && day.length === 0) continue;
      day.sort((a, b) => a.window.rank - b.window.rank);
      for (const o of day) out.push({ ...o.window, start: o.start, end: o.end });
      if (day.some((o) => o.end > now)) break;
    }
  }
  return out;
}
