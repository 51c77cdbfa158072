import { DateTime } from 'luxon';
import type { BusinessHours } from '../besttime/model/businessHours';
import { daysOffWithin, withoutDaysOff } from '../planner/daysOff';
import type { Opening } from '../planner/windowOccurrences';

/** [start, end) instants, UTC ms. */
export type Interval = [number, number];

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

/** When `hours` are open, on the clock of `zone`, within [from, to). */
function openIntervals(hours: BusinessHours, zone: string, from: number, to: number): Interval[] {
  return remembered(`open|${zone}|${from}|${to}|${JSON.stringify(hours)}`, () =>
    computeOpen(hours, zone, from, to),
  );
}

function computeOpen(hours: BusinessHours, zone: string, from: number, to: number): Interval[] {
  const out: Interval[] = [];
  for (const day of localDays(zone, from, to))
    for (const [s, e] of hours.days[day.weekday - 1] ?? []) out.push([at(day, s), at(day, e)]);
  return clip(merge(out), from, to);
}

/**
 * When a rep works within [from, to): the hours their planner holds their windows to
 * (`openingFor`: their shift's, else the organisation's) less their days off, so the Team page
 * never shades hours other than those the rep's windows are in, nor counts a rep on holiday as
 * working. With no hours stored at all the planner holds windows to none, and the rep counts as
 * working the whole time.
 */
export function repWorkingIntervals(opening: Opening | null, from: number, to: number): Interval[] {
  if (!opening) return [[from, to]];
  const open = openIntervals(opening.hours, opening.clock.name, from, to);
  const off = daysOffWithin(opening.daysOff, from, to);
  return off.length > 0 ? withoutDaysOff(open, off) : open;
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

export function overlaps(list: readonly Interval[], from: number, to: number): boolean {
  for (const [s, e] of list) if (s < to && from < e) return true;
  return false;
}
