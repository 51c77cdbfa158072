import { DateTime } from 'luxon';
import type { BestWindow } from '@shared/alertsContract';
import type { VisitAction } from '@shared/visitActions';
import { spanClocks } from '@shared/spanClocks';
import { formatClock } from '../../format/time';

/** "6 min", "1 h 20 min", "under a minute": time on site. */
export function durationText(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
}

/** The path (and query) of a page: the site is the company's own, its host says nothing. */
export function pagePath(url: string): string {
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(url)) return url;
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** Where a visitor came from: the referring site's host, else the text the CRM kept. */
export function referrerText(referrer: string | null): string {
  if (!referrer) return 'direct';
  try {
    return new URL(referrer).host.replace(/^www\./, '') || referrer;
  } catch {
    return referrer;
  }
}

/**
 * A person's window as of `now`, in the rep's time: "in their window now, until 11:00", "next
 * window 14:00–15:00", "next window tomorrow 09:00–10:00", "next window Tue 09:00–10:00";
 * null once it has passed.
 */
export function windowText(window: BestWindow | null, zone: string, now: number): string | null {
  if (!window || window.end <= now) return null;
  const start = DateTime.fromMillis(window.start, { zone });
  const end = DateTime.fromMillis(window.end, { zone });
  if (window.start <= now) return `in their window now, until ${end.toFormat('HH:mm')}`;
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const days = Math.round(start.startOf('day').diff(today, 'days').days);
  const day = days <= 0 ? '' : days === 1 ? 'tomorrow ' : `${start.toFormat('ccc')} `;
  return `next window ${day}${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')}`;
}

/**
 * A visit of today by its clock times: "10:02–10:14"; one within a single minute has one time,
 * never "10:10–10:10". One on the website now has no end while it counts there: "since 10:02 ·
 * last seen 10:14" (a range read at 10:18 as a visit over, audit50 13), "since 10:10" when both
 * fall in one minute. Across the clocks going back each time has its offset (spanClocks).
 */
export function visitSpan(from: number, to: number, onSiteNow: boolean, zone: string): string {
  const { start, end, zoned } = spanClocks(from, to, zone);
  if (onSiteNow) return end === null ? `since ${start}` : `since ${start} · last seen ${end}`;
  return end === null ? start : `${start}${zoned ? ' – ' : '–'}${end}`;
}

/** "10:02 Submitted a form on /contact": one action of a visit (VT-1), at the rep's clock. */
export function actionText(action: VisitAction, zone: string): string {
  const at = action.at !== null ? `${formatClock(action.at, zone)} ` : '';
  return `${at}${action.what}${action.page ? ` on ${pagePath(action.page)}` : ''}`;
}
