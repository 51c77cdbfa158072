import type { PlannerRow } from '@shared/contract';
import { isLowConfidence, shownWindows } from '@shared/slotStates';
import { formatClock } from '../format/time';
import { clockAt, dayClockAt } from './planRowText';

/** A window Snooze can move a row to; `today`: later that day, else on the next day that has one. */
export interface SnoozeTarget {
  start: number;
  end: number;
  stars: number;
  today: boolean;
}

/** Snooze's offer on a row (`snoozeChoices`). */
export type SnoozeOffer = { sure: SnoozeTarget | null; sooner: SnoozeTarget | null } | null;

/**
 * What Snooze offers on a row, or null when it moves the row on at once (to the day's next
 * window, as before). A row of 2★ or more whose next window that day is under 2★ is offered the
 * next sure window first (`sure`: later that day, else the next day's, `nextWindow`), and the ½★
 * hour that comes sooner as a second choice (`sooner`): a rep snoozing a good window expects the
 * next good one. The day's last window is offered the next day's (`sure`, whatever its stars, or
 * none: "Snooze for today"), as before.
 */
export function snoozeChoices(row: PlannerRow, now: number): SnoozeOffer {
  const later = laterWindows(row, now);
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

/**
 * The row's windows later that day that begin after `now`, soonest first: a snooze is "not now",
 * so neither a window open now (another row of the person's, when this one has ended) nor a ½★
 * hour over since the row's window is a place to snooze to (review52 3).
 */
function laterWindows(row: PlannerRow, now: number): PlannerRow['alternatives'] {
  const after = Math.max(row.start ?? -Infinity, now);
  return row.alternatives.filter((a) => a.start > after).sort((a, b) => a.start - b.start);
}

/**
 * Where a snooze with no offer moves the row: of its windows later that day, the one the plan
 * shows (`shownWindows`: a sure window still to come before a ½★ hour sooner), or null when none
 * is left (the next day's, as the plan picks it). Its start is sent with the mark, so the plan
 * moves the row there whatever window the day was in when the rep snoozed (a struck row, or a row
 * in the ½★ hour a snooze chose, went past the day's sure window to the next day: review52 2),
 * and the note names it (`snoozedText`).
 */
function snoozedAtOnceTo(row: PlannerRow, now: number): PlannerRow['alternatives'][number] | null {
  const later = laterWindows(row, now);
  return later.length === 0 ? null : shownWindows(later, now).current;
}

/** The start of `snoozedAtOnceTo`'s window, as the mark sends it; undefined for the next day. */
export function snoozeAtOnceTo(row: PlannerRow, now: number): number | undefined {
  return snoozedAtOnceTo(row, now)?.start;
}

/**
 * "½★", "3½★", "5★": stars said in words, as the rest of the plan says them ("under 2★"), the
 * focused row's list of the day's windows as the Snooze offer beside it (review52 6).
 */
export function starsWords(stars: number): string {
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
 * What a snooze that moves the row at once says: "Emma Tanaka: snoozed to 15:00.", the window
 * the mark sent (`snoozeAtOnceTo`), and for a window under 2★ where the row waits. The day's last
 * window snoozed to the next day's (its offer taken) says that day, as the offer and the row do:
 * "snoozed to Tue 09:00".
 */
export function snoozedText(row: PlannerRow, zone: string, now: number): string {
  const next = snoozedAtOnceTo(row, now);
  if (!next)
    return row.nextWindow
      ? `${row.name}: snoozed to ${dayClockAt(row.nextWindow.start, zone)}.`
      : `${row.name}: snoozed for today.`;
  const low = isLowConfidence(next.stars)
    ? ' That window is under 2★: the row waits under “Low confidence”.'
    : '';
  return `${row.name}: snoozed to ${formatClock(next.start, zone)}.${low}`;
}
