import { DateTime } from 'luxon';
import type { BestWindow, VisitorCategory } from '../../shared/alertsContract';
import { spanClocks } from '../../shared/spanClocks';
import { CATEGORY_LABELS } from '../../shared/visitorCategories';
import { urlPath } from './pagePaths';

/** What an alert names (VT-9), as stored with it when it is raised. */
export interface AlertWording {
  name: string | null;
  company: string | null;
  category: VisitorCategory;
  pages: readonly string[];
  score: number | null;
  bestWindow: BestWindow | null;
  /** For an alert that was held (hours, a pause, a call): when they read the page that raised
   * it. It is delivered when the hold ends, and by then they may have left. */
  heldAt?: number | null;
}

/** "★★★½" for 3.5 stars: a partly filled star is a less suitable time (BT-5); "½★" for half. */
export function starText(stars: number): string {
  const whole = Math.floor(stars);
  const half = stars - whole >= 0.5;
  // A lone "½" reads as a fraction of something unnamed: with no whole star, the star follows it.
  if (whole === 0) return half ? '½★' : '';
  return `${'★'.repeat(whole)}${half ? '½' : ''}`;
}

function channelWord(window: BestWindow): string {
  return window.channel === 'call' ? 'call' : 'email';
}

/**
 * "In their call window now ★★★★" or "Next call window 14:00–15:00 ★★★" (tomorrow, or a
 * weekday), as of `now`; nothing once the window has passed.
 */
export function windowText(window: BestWindow | null, repTz: string, now: number): string | null {
  if (!window || window.end <= now) return null;
  if (window.start <= now)
    return `In their ${channelWord(window)} window now ${starText(window.stars)}`;
  const start = DateTime.fromMillis(window.start, { zone: repTz });
  const end = DateTime.fromMillis(window.end, { zone: repTz });
  const today = DateTime.fromMillis(now, { zone: repTz }).startOf('day');
  const days = Math.round(start.startOf('day').diff(today, 'days').days);
  const day = days <= 0 ? '' : days === 1 ? 'tomorrow ' : `${start.toFormat('ccc')} `;
  return `Next ${channelWord(window)} window ${day}${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')} ${starText(window.stars)}`;
}

/** "at 11:02" today in the rep's zone, "yesterday at 11:02", else "Sat 28 Nov at 11:02". */
function visitedWhen(at: number, repTz: string, now: number): string {
  const { day, time } = dayAndTime(at, repTz, now);
  return day ? `${day} at ${time}` : `at ${time}`;
}

/** An instant in the rep's zone as its day ('' today, "yesterday", "Sat 28 Nov") and its time. */
function dayAndTime(at: number, repTz: string, now: number): { day: string; time: string } {
  const when = DateTime.fromMillis(at, { zone: repTz });
  const today = DateTime.fromMillis(now, { zone: repTz }).startOf('day');
  const days = Math.round(today.diff(when.startOf('day'), 'days').days);
  const day = days <= 0 ? '' : days === 1 ? 'yesterday' : when.toFormat('ccc d LLL');
  return { day, time: when.toFormat('HH:mm') };
}

/** "Ann Lee (Acme) is on the website": raised only while the Visits page shows them there. */
export function alertTitle(a: Pick<AlertWording, 'name' | 'company'>): string {
  return `${who(a)} is on the website`;
}

/** A held alert is delivered when the hold ends, when they may have left: it says when they came. */
export function heldAlertTitle(
  a: Pick<AlertWording, 'name' | 'company'>,
  heldAt: number,
  repTz: string,
  now: number,
): string {
  return `${who(a)} visited the website ${visitedWhen(heldAt, repTz, now)}`;
}

/** A held alert's visit: from the session's start to when they were last seen; end null while
 * they are on the website, with `lastSeen` then (absent from spans stored before it was kept). */
export interface VisitSpan {
  start: number;
  end: number | null;
  lastSeen?: number;
}

/**
 * A held alert, delivered late (or waiting), says when the visit was: "Ann Lee (Acme) was on the
 * website 11:01–11:04" once they have left, "… is on the website since 11:01 · last seen 11:09"
 * while they are there (the Visits page's words for one on the website now: visitText's
 * visitSpan, by the same spanClocks; "since 11:01" alone when both fall in one minute, "at 11:01"
 * for a visit over within it). Never "is on the website" alone of someone gone: the rep would call
 * into nothing.
 */
export function lateAlertTitle(
  a: Pick<AlertWording, 'name' | 'company'>,
  span: VisitSpan,
  repTz: string,
  now: number,
): string {
  const to = span.end ?? span.lastSeen ?? span.start;
  const clocks = spanClocks(span.start, to, repTz);
  const since = onDay(span.start, clocks.start, repTz, now);
  const later = clocks.end === null ? null : laterOnDay(span.start, to, clocks.end, repTz, now);
  if (span.end === null)
    return `${who(a)} is on the website since ${since}${later === null ? '' : ` · last seen ${later}`}`;
  if (later === null) return `${who(a)} was on the website ${visitedWhen(span.start, repTz, now)}`;
  return `${who(a)} was on the website ${since}${clocks.zoned ? ' – ' : '–'}${later}`;
}

/** A clock time of `at` with its day before it ("yesterday 23:50") when that is not today. */
function onDay(at: number, clock: string, repTz: string, now: number): string {
  const { day } = dayAndTime(at, repTz, now);
  return day ? `${day} ${clock}` : clock;
}

/** The later time of a span: alone on the earlier one's day, else with its own day. */
function laterOnDay(from: number, to: number, clock: string, repTz: string, now: number): string {
  const start = DateTime.fromMillis(from, { zone: repTz });
  const end = DateTime.fromMillis(to, { zone: repTz });
  return end.hasSame(start, 'day') ? clock : onDay(to, clock, repTz, now);
}

function who(a: Pick<AlertWording, 'name' | 'company'>): string {
  return `${a.name ?? 'An unknown visitor'}${a.company ? ` (${a.company})` : ''}`;
}

/** Category, what they read now (what they read, for a held alert), score; then their window,
 * in the rep's time. */
export function alertBody(a: AlertWording, repTz: string, now: number): string {
  const page = a.pages.at(-1);
  const parts = [CATEGORY_LABELS[a.category]];
  if (page) parts.push(`${a.heldAt != null ? 'read' : 'reading'} ${urlPath(page)}`);
  if (a.score !== null) parts.push(`score ${a.score}`);
  const window = windowText(a.bestWindow, repTz, now);
  return window ? `${parts.join(' · ')}\n${window}` : parts.join(' · ');
}

/** One notice for held alerts delivered together. */
export function digestText(alerts: readonly Pick<AlertWording, 'name'>[]): {
  title: string;
  body: string;
} {
  const names = [...new Set(alerts.map((a) => a.name ?? 'an unknown visitor'))];
  const shown = names.slice(0, 3).join(', ');
  const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
  return {
    title: `${alerts.length} website visits while alerts were held`,
    body: `${shown}${more}`,
  };
}
