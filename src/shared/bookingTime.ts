import { DateTime } from 'luxon';
import { wallClockAt, type SkippedTime } from './wallClock';

/**
 * The rules of booking a call in a contact's window (the first seed's "plan activities at the
 * customer's best time"): times are UTC ms, windows dated as the planner dates them, and every
 * time said to the rep is on their clock.
 */

/** One of the contact's call windows, dated (UTC ms). */
export interface BookableWindow {
  start: number;
  end: number;
  stars: number;
}

/** How far ahead the booking dialog offers windows: today and the week after. */
export const BOOKING_DAYS = 8;
/** A window already open is booked from its next five-minute mark, not from a minute ago. */
const STEP_MS = 5 * 60_000;
/** A minute's slack for a time picked as the dialog's clock turned over. */
const PAST_SLACK_MS = 60_000;
/** Zoho's Subject on Calls holds 255 characters. */
export const BOOKING_SUBJECT_MAX = 255;

/**
 * The time a window is booked at when the rep picks no other: its start, or, for a window open
 * already, the next five-minute mark after now; null when too little of it is left for a call.
 */
export function defaultBookingAt(w: BookableWindow, now: number): number | null {
  if (w.start >= now) return w.start;
  const next = Math.ceil(now / STEP_MS) * STEP_MS;
  return next < w.end ? next : null;
}

/** The windows a call can still be booked in at `now`: those with time left, by start. */
export function bookableWindows(windows: readonly BookableWindow[], now: number): BookableWindow[] {
  return windows.filter((w) => defaultBookingAt(w, now) !== null).sort((a, b) => a.start - b.start);
}

/** "Tue 8 Dec 10:00", on the rep's clock. */
function said(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('ccc d LLL HH:mm');
}

/**
 * Why a call cannot be booked at `at` with a contact whose windows are `windows`, or null when it
 * can: not in the past, and inside one of the contact's windows from today on (start included,
 * end not: a call booked at a window's end is after it).
 */
export function bookingRefusal(
  at: number,
  windows: readonly BookableWindow[],
  now: number,
  repZone: string,
  name: string,
): string | null {
  if (!Number.isFinite(at)) return 'Choose a time for the call.';
  if (at < now - PAST_SLACK_MS)
    return `${said(at, repZone)} has passed: it is ${said(now, repZone)} now. Choose a time to come.`;
  if (windows.some((w) => w.start <= at && at < w.end)) return null;
  const open = bookableWindows(windows, now);
  if (open.length === 0)
    return `${name} has no call window in the next ${BOOKING_DAYS - 1} days to book a call in.`;
  const listed = open
    .slice(0, 3)
    .map(
      (w) =>
        `${said(w.start, repZone)}–${DateTime.fromMillis(w.end, { zone: repZone }).toFormat('HH:mm')}`,
    )
    .join(', ');
  return `${said(at, repZone)} is outside ${name}'s call windows: choose a time inside one (${listed}${open.length > 3 ? ', …' : ''}).`;
}

/** The call's subject: as the rep typed it, or "Call <name>" when they cleared it. */
export function bookingSubject(typed: string | undefined, name: string): string {
  const subject = (typed ?? '').replace(/\s+/g, ' ').trim();
  return (subject || `Call ${name}`).slice(0, BOOKING_SUBJECT_MAX);
}

/**
 * The instant the rep means by a time of day ("10:15") typed for a window: on the window's day on
 * their clock, or the next day's for a window that runs past midnight there; null for no time. A
 * time the clocks skip that day (the night summer time starts) is named, not moved on by the
 * jump as Luxon would: the rep did not type the hour after it.
 */
export function bookingAtFor(
  w: BookableWindow,
  time: string,
  repZone: string,
): { at: number } | { skipped: SkippedTime } | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  const first = DateTime.fromMillis(w.start, { zone: repZone }).startOf('day');
  let fallback: { at: number } | { skipped: SkippedTime } | null = null;
  for (const day of [first, first.plus({ days: 1 })]) {
    const found = wallClockAt(day, hour, minute, repZone);
    if (found && 'at' in found && w.start <= found.at && found.at < w.end) return found;
    fallback ??= found;
  }
  return fallback;
}
