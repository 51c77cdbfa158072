import { DateTime } from 'luxon';
import { offsetText } from '@shared/spanClocks';
import { zoneCity } from './zoneCities';

export function formatClock(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('HH:mm');
}

/**
 * How every page names a time zone to a user: the city of its IANA name and its offset from UTC
 * at `at`, the instant the label goes with: "Chicago (UTC−6)", in July "Chicago (UTC−5)".
 * Not the abbreviation: English has none for most zones (Intl writes "GMT+1" for Berlin, "GMT+9"
 * for Tokyo) and the ones it has are ambiguous (CST is Chicago's, China's and Cuba's). Not the
 * IANA name alone: "America/Argentina/Buenos_Aires" is for machines, and says nothing of the hour.
 * The city says where the person is; the offset, at the date shown, lets the rep count the hours
 * across a daylight-saving change. A zone with no city (UTC, Etc/GMT+5) is its offset alone.
 */
export function zoneLabel(zone: string, at: number): string {
  const offset = zoneOffset(zone, at);
  if (offset === null) return zone;
  const city = zoneCity(zone);
  return city ? `${city} (${offset})` : offset;
}

/**
 * How a day's page names the zone its times are in ("times in Berlin (UTC+1)"): the offset of the
 * whole day, and on a day the clocks change, both, in the order the day has them: "Berlin
 * (UTC+2 → UTC+1)" on Sunday 25 October 2026, whose axis runs 00:00 to 02:00 on summer time and
 * from the second 02:00 on winter time. The Team page named a day at its midnight (UTC+2 over an
 * axis and lanes in UTC+1) and the planner at its noon; today at the present instant, so the
 * same day read otherwise in the morning and the afternoon. One rule for every page with a day.
 */
export function dayZoneLabel(date: string, zone: string): string {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  if (!start.isValid) return zone;
  const first = start.toMillis();
  // The day's last instant: the next midnight, not 24 hours on (a day may have 23 or 25).
  const last = start.plus({ days: 1 }).startOf('day').toMillis() - 1;
  const before = zoneOffset(zone, first);
  const after = zoneOffset(zone, last);
  if (before === after) return zoneLabel(zone, first);
  const city = zoneCity(zone);
  const both = `${before ?? ''} → ${after ?? ''}`;
  return city ? `${city} (${both})` : both;
}

/**
 * How a week's page names its zone: one offset when the week keeps it, else the offset it starts
 * on and the day it changes, "Berlin (UTC+1, from 29 Mar UTC+2)": a week of 23 to 29 March 2026
 * headed "UTC+1" alone was wrong from its Sunday.
 */
export function weekZoneLabel(monday: string, zone: string): string {
  const start = DateTime.fromISO(monday, { zone }).startOf('day');
  if (!start.isValid) return zone;
  const first = zoneOffset(zone, start.toMillis());
  for (let i = 0; i < 7; i++) {
    const day = start.plus({ days: i });
    const after = zoneOffset(zone, day.plus({ days: 1 }).startOf('day').toMillis() - 1);
    if (after === first) continue;
    const both = `${first ?? ''}, from ${day.toFormat('d LLL')} ${after ?? ''}`;
    const city = zoneCity(zone);
    return city ? `${city} (${both})` : both;
  }
  return zoneLabel(zone, start.toMillis());
}

/**
 * The offset part of `zoneLabel` alone, "UTC+10:30", for the one place too narrow for the city:
 * the contact's time in a planner row, whose column is as wide as a 1024-px window allows; the
 * row gives the whole label in its title.
 */
export function zoneOffset(zone: string, at: number): string | null {
  const local = DateTime.fromMillis(at, { zone });
  if (!local.isValid) return null;
  return offsetText(local.offset);
}

export function formatDateTime(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('d LLL yyyy, HH:mm');
}

export function formatDay(isoDate: string, zone: string): string {
  return DateTime.fromISO(isoDate, { zone }).toFormat('cccc d LLLL');
}

/**
 * "Friday 1 January 1999": a day as formatDay names it, with its year when that is not the year of
 * `now` in `zone`, so a day a year ahead or back is not read as this year's.
 */
export function formatDayInYear(isoDate: string, zone: string, now: number): string {
  const day = DateTime.fromISO(isoDate, { zone });
  return day.year === DateTime.fromMillis(now, { zone }).year
    ? formatDay(isoDate, zone)
    : day.toFormat('cccc d LLLL yyyy');
}

/** "25 Nov 2026": a calendar date as formatDateTime dates an instant, with no clock time. */
export function formatDate(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).toFormat('d LLL yyyy');
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
