import type { PlannerRow } from '@shared/contract';
import { isLowConfidence } from '@shared/slotStates';
import { snoozedOnTo } from '@shared/snoozeTarget';
import { formatClock } from '../format/time';
import { clockAt, dayClockAt } from './planRowText';

/** A window Snooze can move a row to; `today`: later that day, else on the next day that has one. */
export interface SnoozeTarget {
  start: number;
  end: number;
  stars: number;
  today: boolean;
}

/**
 * What Snooze offers on a row, or null when it moves the row on at once (to the day's next
 * window, as before). A row of 2★ or more whose next window that day is under 2★ is offered the
 * next sure window first (`sure`: later that day, else the next day's, `nextWindow`), and the ½★
 * hour that comes sooner as a second choice (`sooner`): a rep snoozing a good window expects the
 * next good one. The day's last window is offered the next day's (`sure`, whatever its stars, or
 * none: "Snooze for today"), as before.
 */
export function snoozeChoices(
  row: PlannerRow,
): { sure: SnoozeTarget | null; sooner: SnoozeTarget | null } | null {
  const later = row.alternatives
    .filter((a) => a.start > (row.start ?? -Infinity))
    .sort((a, b) => a.start - b.start);
  const first = later[0];
  const nextDay = row.nextWindow ? { ...row.nextWindow, today: false } : null;
  if (!first) return { sure: nextDay, sooner: null };
  if (row.stars === null || isLowConfidence(row.stars) || !isLowConfidence(first.stars))
    return null;
  const sureToday = later.find((a) => !isLowConfidence(a.stars));
  const sure = sureToday
    ? { ...sureToday, today: true }
    : nextDay && !isLowConfidence(nextDay.stars)
      ? nextDay
      : null;
  // No sure window within the week: the ½★ hour is all there is, as before.
  if (!sure) return null;
  return { sure, sooner: { ...first, today: true } };
}

/** "½★", "3½★", "5★": stars said in words, as the rest of the plan says them ("under 2★"). */
function starsWords(stars: number): string {
  const whole = Math.floor(stars);
  const half = stars - whole >= 0.5 ? '½' : '';
  return `${whole > 0 ? String(whole) : ''}${half}★`;
}

/** "Tue 10:00–11:00 5★" (another day) or "14:00–15:00 5★" (later today), in the rep's zone. */
export function targetWords(target: SnoozeTarget, zone: string): string {
  const from = target.today ? clockAt(target.start, zone) : dayClockAt(target.start, zone);
  return `${from}–${clockAt(target.end, zone)} ${starsWords(target.stars)}`;
}

/**
 * What a snooze that moves the row at once says: "Emma Tanaka: snoozed to 15:00.", the window the
 * row now shows (the core's rule, `snoozedOnTo`: on from the window open now, past a ½★ hour to a
 * sure window after it), and for a window under 2★ where the row waits. The day's last window
 * snoozed to the next day's (its offer taken) says that day, as the offer and the row do:
 * "snoozed to Tue 09:00".
 */
export function snoozedText(row: PlannerRow, zone: string, now: number): string {
  const windows =
    row.start !== null && row.end !== null && row.stars !== null
      ? [{ start: row.start, end: row.end, stars: row.stars }, ...row.alternatives]
      : row.alternatives;
  const next = snoozedOnTo(windows, now);
  if (!next)
    return row.nextWindow
      ? `${row.name}: snoozed to ${dayClockAt(row.nextWindow.start, zone)}.`
      : `${row.name}: snoozed for today.`;
  const low = isLowConfidence(next.stars)
    ? ' That window is under 2★: the row waits under “Low confidence”.'
    : '';
  return `${row.name}: snoozed to ${formatClock(next.start, zone)}.${low}`;
}
