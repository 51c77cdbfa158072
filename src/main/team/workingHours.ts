import { DateTime } from 'luxon';
import type { BusinessHours } from '../besttime/model/businessHours';
import type { Opening } from '../planner/windowOccurrences';

/** [start, end) instants, UTC ms. */
export type Interval = [number, number];

/**
 * A rep's working day when the CRM says nothing of it (they work in no shift): 09:00 to 17:00
 * on weekdays in the rep's own zone, and only while the organisation is open.
 */
const REP_DAY_MIN: [number, number] = [9 * 60, 17 * 60];
const REP_WEEKDAYS = new Set([1, 2, 3, 4, 5]);

function localDays(zone: string, from: number, to: number): DateTime[] {
  const out: DateTime[] = [];
  for (
    let day = DateTime.fromMillis(from, { zone }).startOf('day');
    day.toMillis() < to;
    day = day.plus({ days: 1 })
  )
    out.push(day);
  return out;
}

/** A local day's minute as an instant; minute 1440 is the next midnight (exact across DST). */
function at(day: DateTime, minute: number): number {
  return day
    .plus({ days: Math.floor(minute / 1440) })
    .set({ hour: Math.floor((minute % 1440) / 60), minute: minute % 60 })
    .toMillis();
}

function clip(list: Interval[], from: number, to: number): Interval[] {
  const out: Interval[] = [];
  for (const [s, e] of list) {
    const start = Math.max(s, from);
    const end = Math.min(e, to);
    if (start < end) out.push([start, end]);
  }
  return out;
}

/**
 * Answers kept by their arguments: a team view asks for the same days of the same zones again
 * and again, and Luxon's zone arithmetic is most of what these cost. Never mutated by callers.
 */
const memo = new Map<string, Interval[]>();
function remembered(key: string, compute: () => Interval[]): Interval[] {
  let value = memo.get(key);
  if (!value) {
    if (memo.size >= 512) memo.clear();
    value = compute();
    memo.set(key, value);
  }
  return value;
}

/** When the organisation is open within [from, to); all of it when it has no hours stored. */
export function openIntervals(
  hours: BusinessHours | null,
  orgTz: string,
  from: number,
  to: number,
): Interval[] {
  return remembered(`open|${orgTz}|${from}|${to}|${JSON.stringify(hours)}`, () =>
    computeOpen(hours, orgTz, from, to),
  );
}

function computeOpen(
  hours: BusinessHours | null,
  orgTz: string,
  from: number,
  to: number,
): Interval[] {
  if (!hours) return [[from, to]];
  const out: Interval[] = [];
  for (const day of localDays(orgTz, from, to))
    for (const [s, e] of hours.days[day.weekday - 1] ?? []) out.push([at(day, s), at(day, e)]);
  return clip(merge(out), from, to);
}

/**
 * When a rep works within [from, to): their shift's hours when they work one (Zoho's shift
 * hours), else their weekday 09:00–17:00 inside the organisation's hours.
 */
export function repWorkingIntervals(
  repTz: string,
  open: readonly Interval[],
  from: number,
  to: number,
  shift: Opening | null = null,
): Interval[] {
  if (shift) return openIntervals(shift.hours, shift.clock.name, from, to);
  return remembered(`rep|${repTz}|${from}|${to}|${open.join(';')}`, () =>
    computeWorking(repTz, open, from, to),
  );
}

function computeWorking(
  repTz: string,
  open: readonly Interval[],
  from: number,
  to: number,
): Interval[] {
  const own: Interval[] = [];
  for (const day of localDays(repTz, from, to))
    if (REP_WEEKDAYS.has(day.weekday)) own.push([at(day, REP_DAY_MIN[0]), at(day, REP_DAY_MIN[1])]);
  return intersect(clip(own, from, to), open);
}

function merge(list: Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Both lists sorted and disjoint. */
function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [as, ae] = a[i] as Interval;
    const [bs, be] = b[j] as Interval;
    const s = Math.max(as, bs);
    const e = Math.min(ae, be);
    if (s < e) out.push([s, e]);
    if (ae < be) i++;
    else j++;
  }
  return out;
}

export function overlaps(list: readonly Interval[], from: number, to: number): boolean {
  for (const [s, e] of list) if (s < to && from < e) return true;
  return false;
}
