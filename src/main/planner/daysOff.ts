import { DateTime } from 'luxon';
import type { Db } from '../db/openDatabase';
import { holidayRows } from '../db/repos/holidays';

/**
 * A day off of a set of working hours (Zoho's holidays): the whole calendar day `date` in the zone
 * of those hours, [from, to) as instants. Midnight to midnight of that zone, so a day of a clock
 * change is 23 or 25 hours long.
 */
export interface DayOff {
  date: string;
  name: string;
  from: number;
  to: number;
}

/** No day off: one list for all, so hours without any compare the same. */
export const NO_DAYS_OFF: readonly DayOff[] = [];
const NONE = NO_DAYS_OFF;

/** The days off last built per set of hours, with the stored rows they were built from. */
const built = new Map<string, { raw: string; list: readonly DayOff[] }>();

/**
 * The days off of one set of hours, in time order: the business holidays (`shiftId` null), which
 * everyone on the organisation's hours takes, or the holidays of one shift, each placed in `zone`,
 * the hours' own. The same list object while the stored holidays stay as they are, so what is kept
 * with a set of hours (a plan's windows) is kept across re-plans.
 */
export function daysOffOf(db: Db, shiftId: string | null, zone: string): readonly DayOff[] {
  const rows = holidayRows(db, shiftId);
  if (rows.length === 0) return NONE;
  const key = `${shiftId ?? ''}|${zone}`;
  const raw = JSON.stringify(rows);
  const kept = built.get(key);
  if (kept?.raw === raw) return kept.list;
  const list: DayOff[] = [];
  for (const { date, name } of rows) {
    const day = DateTime.fromISO(date, { zone }).startOf('day');
    if (!day.isValid) continue;
    // The next midnight, not 24 hours on: the day of a clock change keeps its own length.
    const to = day.plus({ days: 1 }).startOf('day').toMillis();
    const last = list[list.length - 1];
    // Two holidays of one day (two names for it) are one day off, named by the first.
    if (last?.date === date) continue;
    list.push({ date, name, from: day.toMillis(), to });
  }
  if (built.size >= 256) built.clear();
  built.set(key, { raw, list });
  return list;
}

/** The days off that overlap [from, to), in time order. */
export function daysOffWithin(
  daysOff: readonly DayOff[],
  from: number,
  to: number,
): readonly DayOff[] {
  if (daysOff.length === 0) return NONE;
  const out = daysOff.filter((d) => d.from < to && from < d.to);
  return out.length === 0 ? NONE : out;
}

/** [start, end) intervals less the days off, in time order. */
export function withoutDaysOff(
  intervals: readonly [number, number][],
  daysOff: readonly Pick<DayOff, 'from' | 'to'>[],
): [number, number][] {
  let left: [number, number][] = intervals.map(([s, e]) => [s, e]);
  for (const off of daysOff) {
    const next: [number, number][] = [];
    for (const [s, e] of left) {
      if (off.to <= s || off.from >= e) next.push([s, e]);
      else {
        if (off.from > s) next.push([s, off.from]);
        if (off.to < e) next.push([off.to, e]);
      }
    }
    left = next;
  }
  return left;
}

/** Less of a window than this left off the days off is no window worth a row (as in hours). */
export const SHORTEST_PART_MS = 15 * 60_000;

/**
 * The longest part of [start, end) on no day off (the earlier of two as long), or null when none
 * is `shortest` long; the window itself when no day off touches it.
 */
export function partOffDaysOff(
  daysOff: readonly DayOff[],
  start: number,
  end: number,
  shortest: number,
): [number, number] | null {
  if (!daysOff.some((d) => d.from < end && start < d.to)) return [start, end];
  let best: [number, number] | null = null;
  for (const part of withoutDaysOff([[start, end]], daysOff))
    if (!best || part[1] - part[0] > best[1] - best[0]) best = part;
  return best && best[1] - best[0] >= shortest ? best : null;
}
