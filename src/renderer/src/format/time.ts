import { DateTime } from 'luxon';

export function formatClock(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('HH:mm');
}

export function zoneAbbreviation(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('ZZZZ');
}

export function formatDateTime(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('d LLL yyyy, HH:mm');
}

export function formatDay(isoDate: string, zone: string): string {
  return DateTime.fromISO(isoDate, { zone }).toFormat('cccc d LLLL');
}

/** "Mon 23 Nov": a calendar date (no zone: a date is the same day everywhere). */
export function formatShortDay(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).toFormat('ccc d LLL');
}

/** "3 d ago", "in 2 h": short enough for a row. */
export function formatAgo(at: number, now: number): string {
  const minutes = Math.round((now - at) / 60_000);
  const abs = Math.abs(minutes);
  if (abs === 0) return 'just now';
  const text =
    abs < 60
      ? `${abs} min`
      : abs < 48 * 60
        ? `${Math.round(abs / 60)} h`
        : `${Math.round(abs / 1440)} d`;
  return minutes >= 0 ? `${text} ago` : `in ${text}`;
}

export function minutesToClock(min: number): string {
  // A window ending at midnight ends at 00:00, as the planner writes that instant, not 24:00.
  const m = ((min % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export const WEEKDAYS = [
  '',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export function formatWeekdayClock(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('ccc HH:mm');
}
