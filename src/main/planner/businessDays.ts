import { DateTime } from 'luxon';
import { storedBusinessHours, type BusinessHours } from '../besttime/model/businessHours';
import type { Db } from '../db/openDatabase';
import { organisation } from '../db/repos/organisation';

/** Days looked ahead for the next open one: a week always holds one, if any day is open at all. */
const LOOK_AHEAD_DAYS = 7;

/** The organisation's business hours as stored (JSON), if any. */
function businessHoursText(db: Db): string | undefined {
  return organisation(db)?.business_hours;
}

/**
 * Whether the organisation is closed for the whole of [from, to): none of its business hours,
 * in its own zone, overlaps that span. A rep far from the organisation can have a Saturday that
 * overlaps its Friday evening: that day is open.
 */
function closedBetween(
  hours: BusinessHours | null,
  orgTz: string,
  from: number,
  to: number,
): boolean {
  if (!hours) return false;
  let day = DateTime.fromMillis(from, { zone: orgTz }).startOf('day');
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

/** The rep's first day after `isoDay` on which the organisation is open, or null within a week. */
function nextOpenDate(
  hours: BusinessHours | null,
  orgTz: string,
  repTz: string,
  isoDay: string,
): string | null {
  let day = DateTime.fromISO(isoDay, { zone: repTz }).startOf('day');
  for (let i = 0; i < LOOK_AHEAD_DAYS; i++) {
    day = day.plus({ days: 1 });
    const next = day.plus({ days: 1 });
    if (!closedBetween(hours, orgTz, day.toMillis(), next.toMillis())) return day.toISODate();
  }
  return null;
}

/** A local day's minute as an instant; 1440 is the next midnight, across any clock change. */
function atMinute(day: DateTime, minute: number): number {
  if (minute >= 1440) return day.plus({ days: 1 }).toMillis();
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();
}

let lastOpening: {
  hours: string | undefined;
  orgTz: string;
  repTz: string;
  from: number;
  to: number;
  closed: boolean;
  nextOpen: string | null;
} | null = null;

/** Whether the organisation is closed all day, and its next open day: the same for every re-plan. */
export function dayOpening(
  db: Db,
  orgTz: string,
  repTz: string,
  from: number,
  to: number,
  isoDay: string,
): { closed: boolean; nextOpen: string | null } {
  const raw = businessHoursText(db);
  const l = lastOpening;
  if (
    l &&
    l.hours === raw &&
    l.orgTz === orgTz &&
    l.repTz === repTz &&
    l.from === from &&
    l.to === to
  )
    return l;
  const hours = storedBusinessHours(raw);
  const closed = closedBetween(hours, orgTz, from, to);
  lastOpening = {
    hours: raw,
    orgTz,
    repTz,
    from,
    to,
    closed,
    nextOpen: closed ? nextOpenDate(hours, orgTz, repTz, isoDay) : null,
  };
  return lastOpening;
}
