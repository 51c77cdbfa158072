import { DateTime } from 'luxon';
import type { BusinessHours } from '../besttime/model/businessHours';
import { daysOffWithin, withoutDaysOff, type DayOff } from './daysOff';
import type { Opening } from './windowOccurrences';

/** Days looked ahead for the next open one: a week always holds one, if any day is open at all. */
const LOOK_AHEAD_DAYS = 7;

/**
 * Whether the hours are closed for the whole of [from, to): none of them, in their own zone and
 * off their days off, overlaps that span. A rep far from the organisation can have a Saturday that
 * overlaps its Friday evening: that day is open.
 */
function closedBetween(
  hours: BusinessHours | null,
  hoursTz: string,
  from: number,
  to: number,
  daysOff: readonly DayOff[],
): boolean {
  if (!hours) return false;
  let day = DateTime.fromMillis(from, { zone: hoursTz }).startOf('day');
  while (day.toMillis() < to) {
    for (const [startMin, endMin] of hours.days[day.weekday - 1] ?? []) {
      const start = Math.max(atMinute(day, startMin), from);
      const end = Math.min(atMinute(day, endMin), to);
      if (start < end && withoutDaysOff([[start, end]], daysOff).length > 0) return false;
    }
    day = day.plus({ days: 1 });
  }
  return true;
}

/**
 * The rep's first day after `isoDay` with open hours, or null within a week (and a day more for
 * each day off: a week of holidays is no closed week).
 */
function nextOpenDate(
  hours: BusinessHours | null,
  hoursTz: string,
  repTz: string,
  isoDay: string,
  daysOff: readonly DayOff[],
): string | null {
  let day = DateTime.fromISO(isoDay, { zone: repTz }).startOf('day');
  for (let i = 0; i < LOOK_AHEAD_DAYS + daysOff.length; i++) {
    day = day.plus({ days: 1 });
    const next = day.plus({ days: 1 });
    if (!closedBetween(hours, hoursTz, day.toMillis(), next.toMillis(), daysOff))
      return day.toISODate();
  }
  return null;
}

/** A local day's minute as an instant; 1440 is the next midnight, across any clock change. */
function atMinute(day: DateTime, minute: number): number {
  if (minute >= 1440) return day.plus({ days: 1 }).toMillis();
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();
}

let lastOpening: {
  opening: Opening | null;
  repTz: string;
  from: number;
  to: number;
  closed: boolean;
  nextOpen: string | null;
  holiday: string | null;
} | null = null;

/**
 * Whether the rep's hours (their shift's, else the organisation's) have no minute in the day, the
 * next day that has some, and the day off that closed it (a holiday's name; null when the hours
 * have no minute that day anyway): the same for every re-plan.
 */
export function dayOpening(
  opening: Opening | null,
  repTz: string,
  from: number,
  to: number,
  isoDay: string,
): { closed: boolean; nextOpen: string | null; holiday: string | null } {
  const l = lastOpening;
  if (l && l.opening === opening && l.repTz === repTz && l.from === from && l.to === to) return l;
  const hours = opening?.hours ?? null;
  const zone = opening?.clock.name ?? 'UTC';
  const daysOff = opening?.daysOff ?? [];
  const closed = closedBetween(hours, zone, from, to, daysOff);
  const off = closed ? daysOffWithin(daysOff, from, to) : [];
  lastOpening = {
    opening,
    repTz,
    from,
    to,
    closed,
    nextOpen: closed ? nextOpenDate(hours, zone, repTz, isoDay, daysOff) : null,
    holiday:
      off.length > 0 && !closedBetween(hours, zone, from, to, []) ? (off[0]?.name ?? null) : null,
  };
  return lastOpening;
}

/**
 * The rep's first day after `isoDay` (their zone's) that their hours (their shift's, else the
 * organisation's) open, as the empty plan's "Go to" reads it; every day is one with no hours set.
 */
export function nextWorkingDay(
  opening: Opening | null,
  repTz: string,
  isoDay: string,
): string | null {
  return nextOpenDate(
    opening?.hours ?? null,
    opening?.clock.name ?? 'UTC',
    repTz,
    isoDay,
    opening?.daysOff ?? [],
  );
}
