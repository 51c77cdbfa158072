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

/** "3 d ago", "in 2 h": short enough for a row. */
export function formatAgo(at: number, now: number): string {
  const minutes = Math.round((now - at) / 60_000);
  const abs = Math.abs(minutes);
  const text =
    abs < 60
      ? `${abs} min`
      : abs < 48 * 60
        ? `${Math.round(abs / 60)} h`
        : `${Math.round(abs / 1440)} d`;
  return minutes >= 0 ? `${text} ago` : `in ${text}`;
}

export function minutesToClock(min: number): string {
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
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
