import { DateTime } from 'luxon';
import type { BusinessHours } from '../besttime/model/businessHours';
import type { Opening } from './windowOccurrences';

/** Days looked ahead for the next open one: a week always holds one, if any day is open at all. */
const LOOK_AHEAD_DAYS = 7;

/**
 * Whether the hours are closed for the whole of [from, to): none of them, in their own zone,
 * overlaps that span. A rep far from the organisation can have a Saturday that
 * overlaps its Friday evening: that day is open.
 */
function closedBetween(
  hours: BusinessHours | null,
  hoursTz: string,
  from: number,
  to: number,
): boolean {
  if (!hours) return false;
  let day = DateTime.fromMillis(from, { zone: hoursTz }).startOf('day');
  while (day.toMillis() < to) {
    for (const [startMin, endMin] of hours.days[day.weekday - 1] ?? []) {
      const start = atMinute(day, startMin);
      const end = atMinute(day, endMin);
      if (start < to && end > from) return false;
    }
    day = day.plus({ days: 1 });
  }
  return true;
}

/** The rep's first day after `isoDay` with open hours, or null within a week. */
function nextOpenDate(
  hours: BusinessHours | null,
  hoursTz: string,
  repTz: string,
  isoDay: string,
): string | null {
  let day = DateTime.fromISO(isoDay, { zone: repTz }).startOf('day');
  for (let i = 0; i < LOOK_AHEAD_DAYS; i++) {
    day = day.plus({ days: 1 });
    const next = day.plus({ days: 1 });
    if (!closedBetween(hours, hoursTz, day.toMillis(), next.toMillis())) return day.toISODate();
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
} | null = null;

/**
 * Whether the rep's hours (their shift's, else the organisation's) have no minute in the day, and
 * the next day that has some: the same for every re-plan.
 */
export function dayOpening(
  opening: Opening | null,
  repTz: string,
  from: number,
  to: number,
  isoDay: string,
): { closed: boolean; nextOpen: string | null } {
  const l = lastOpening;
  if (l && l.opening === opening && l.repTz === repTz && l.from === from && l.to === to) return l;
  const hours = opening?.hours ?? null;
  const zone = opening?.clock.name ?? 'UTC';
  const closed = closedBetween(hours, zone, from, to);
  lastOpening = {
    opening,
    repTz,
    from,
    to,
    closed,
    nextOpen: closed ? nextOpenDate(hours, zone, repTz, isoDay) : null,
  };
  return lastOpening;
}
