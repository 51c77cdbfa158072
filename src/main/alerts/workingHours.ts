import { DateTime } from 'luxon';
import { parseBusinessHours, type BusinessHours } from '../besttime/model/businessHours';
import { withoutDaysOff } from '../planner/daysOff';

/** The hours a rep takes alerts in, and the zone they are read in. */
export interface WorkingHours {
  hours: BusinessHours;
  zone: string;
  /**
   * The rep's days off (their holidays, each the whole day in the zone of the hours it closes),
   * [from, to) in time order: outside working hours whatever `hours` say. None when left out.
   */
  daysOff?: readonly { from: number; to: number }[];
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** Every week has an open minute within this many local days, or none at all. */
const LOOKAHEAD_DAYS = 8;

/** Working hours from the `besttime --business-hours` syntax ("Mon-Fri 08:00-20:00"). */
export function parseWorkingHours(spec: string, zone: string): WorkingHours {
  return { hours: parseBusinessHours(spec), zone };
}

function hasOpenMinute(hours: BusinessHours): boolean {
  return hours.days.some((intervals) => intervals.some(([s, e]) => e > s));
}

/** A local date's minute as an instant; minute 1440 is the next midnight. In a spring-forward
 * gap Luxon moves the time forward, so 02:30 on that night is read as 03:30. */
function localInstant(day: DateTime, minute: number): number {
  if (minute >= 1440) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();
}

/** Local days an expansion answers for: a replay of weeks places each day's periods once. */
const SPAN_DAYS = 7;
/** How far ahead days off are looked for: longer than any run of holidays and weekends. */
const DAYS_OFF_AHEAD_MS = 60 * 86_400_000;

/** Working periods as instants around local days, and the days they answer for. */
interface Expanded {
  from: number;
  to: number;
  /** In time order, disjoint: the periods of the day before `from`'s through eight days after
   * the last day answered for. */
  periods: [number, number][];
}

// Replays ask for thousands of alerts of the same hours in time order: each local day's periods
// are placed with Luxon about once, not once an alert (nor nine times, once a day).
const expanded = new WeakMap<WorkingHours, Expanded>();

function expand(wh: WorkingHours, at: number): Expanded {
  const today = DateTime.fromMillis(at, { zone: wh.zone }).startOf('day');
  // The day before too: in a zone whose midnight moved, one of its periods may still be running.
  let day = today.minus({ days: 1 });
  let periods: [number, number][] = [];
  // Each day off pushes the next open minute a day further at most: holidays are looked past.
  const first = day.toMillis();
  const daysOff = (wh.daysOff ?? []).filter(
    (d) => d.to > first && d.from < first + DAYS_OFF_AHEAD_MS,
  );
  for (let i = 0; i < SPAN_DAYS + LOOKAHEAD_DAYS + daysOff.length; i++) {
    for (const [startMin, endMin] of wh.hours.days[day.weekday - 1] ?? [])
      periods.push([localInstant(day, startMin), localInstant(day, endMin)]);
    day = day.plus({ days: 1 });
  }
  if (daysOff.length > 0) periods = withoutDaysOff(periods, daysOff);
  // That day's own midnight: in a zone whose midnight is skipped, today starts at 01:00 and the
  // same wall time a week on would stretch this expansion an hour into a day it did not place.
  const to = today.plus({ days: SPAN_DAYS }).startOf('day').toMillis();
  return { from: today.toMillis(), to, periods };
}

/**
 * When alerts raised at `at` reach the rep: `at` itself inside working hours, else the start of
 * the next working period (where held alerts go out as one digest); a day off is outside them,
 * as a weekend is. Local days are walked in the zone with Luxon, so a daylight-saving change never
 * moves the start ("08:00" stays 08:00 local). Hours with no open minute at all hold nothing: an
 * alert is never held for ever.
 */
export function deliveryTime(wh: WorkingHours, at: number): number {
  if (!hasOpenMinute(wh.hours)) return at;
  let e = expanded.get(wh);
  if (!e || at < e.from || at >= e.to) {
    e = expand(wh, at);
    expanded.set(wh, e);
  }
  for (const [start, end] of e.periods) if (end > at) return start <= at ? at : start;
  return at;
}

export function isWorkingTime(wh: WorkingHours, at: number): boolean {
  return deliveryTime(wh, at) === at;
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/**
 * Hours back in the spec syntax, days with the same hours grouped into ranges:
 * "Mon-Fri 08:00-20:00; Sun 21:00-24:00". Hours with no open minute read "none".
 */
export function formatWorkingHours(hours: BusinessHours): string {
  const text = hours.days.map((intervals) =>
    intervals.map(([s, e]) => `${clock(s)}-${clock(e)}`).join(','),
  );
  const groups: string[] = [];
  let d = 0;
  while (d < 7) {
    let last = d;
    while (last + 1 < 7 && text[last + 1] === text[d]) last++;
    if (text[d])
      groups.push(
        `${DAY_NAMES[d]}${last > d ? `-${DAY_NAMES[last]}` : ''} ${text[d] ?? ''}`.trim(),
      );
    d = last + 1;
  }
  return groups.length ? groups.join('; ') : 'none';
}
