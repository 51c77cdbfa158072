import { DateTime, IANAZone } from 'luxon';
import type { WeeklyWindow } from '../besttime/store/windowsCodec';
import {
  alwaysOpen,
  isOpenRange,
  longestOpenRun,
  storedBusinessHours,
  type BusinessHours,
} from '../besttime/model/businessHours';
import type { Db } from '../db/openDatabase';
import { organisation } from '../db/repos/organisation';
import { shiftById } from '../db/repos/shifts';
import { clockFor, type LocalClock } from '../besttime/model/localClock';
import {
  daysOffOf,
  daysOffWithin,
  NO_DAYS_OFF,
  partOffDaysOff,
  SHORTEST_PART_MS,
  type DayOff,
} from './daysOff';

/**
 * Turns weekly windows in a contact's local time into instants, with Luxon, memoised per zone,
 * date and minute: a plan of thousands of people reuses a few hundred distinct local times.
 */
export class WindowClock {
  // zone -> local date -> minute -> UTC ms; nested maps keep the hot path free of string building.
  private readonly instants = new Map<string, Map<string, Map<number, number>>>();
  private readonly dates = new Map<string, { date: string; weekday: number }[]>();

  /**
   * UTC ms of a local date's minute; minute 1440 is the next midnight. A minute the clocks skip
   * (a spring-forward change) is the instant they jumped, so a window keeps the part of it that
   * the day has.
   */
  instant(zone: string, isoDate: string, minute: number): number {
    let byDate = this.instants.get(zone);
    if (!byDate) {
      byDate = new Map();
      this.instants.set(zone, byDate);
    }
    let byMinute = byDate.get(isoDate);
    if (!byMinute) {
      byMinute = new Map();
      byDate.set(isoDate, byMinute);
    }
    let at = byMinute.get(minute);
    if (at === undefined) {
      const hour = Math.floor((minute % 1440) / 60);
      const local = DateTime.fromISO(isoDate, { zone })
        .startOf('day')
        .plus({ days: Math.floor(minute / 1440) })
        .set({ hour, minute: minute % 60 });
      // Luxon moves a skipped wall time forward by the size of the jump (02:30 becomes 03:30).
      const skipped = local.hour !== hour || local.minute !== minute % 60;
      at = skipped ? jumpBefore(zone, local.toMillis()) : local.toMillis();
      byMinute.set(minute, at);
    }
    return at;
  }

  /** The contact's local dates (with ISO weekday) that overlap [from, to). */
  localDates(zone: string, from: number, to: number): { date: string; weekday: number }[] {
    const key = `${zone}|${from}|${to}`;
    const cached = this.dates.get(key);
    if (cached) return cached;
    const out: { date: string; weekday: number }[] = [];
    let day = DateTime.fromMillis(from, { zone }).startOf('day');
    while (day.toMillis() < to) {
      out.push({ date: day.toISODate() ?? '', weekday: day.weekday });
      day = day.plus({ days: 1 });
    }
    this.dates.set(key, out);
    return out;
  }
}

/** Longer than any jump of the clocks, shorter than the time between two of them. */
const JUMP_SEARCH_MS = 6 * 3_600_000;

/** The instant of the offset change at or before `after`, the first instant of the new offset. */
function jumpBefore(zone: string, after: number): number {
  const iana = IANAZone.create(zone);
  const offset = iana.offset(after);
  let lo = after - JUMP_SEARCH_MS;
  let hi = after;
  if (iana.offset(lo) === offset) return after; // a jump of a whole day (Samoa, 2011): as Luxon says
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (iana.offset(mid) === offset) hi = mid;
    else lo = mid;
  }
  return hi;
}

const MINUTE_MS = 60_000;
/** Less of a window than this left inside business hours is no window worth a row. */
const SHORTEST_OPEN_MS = SHORTEST_PART_MS;

/**
 * Working hours in their own zone, to hold each dated window to them: the organisation's
 * business hours, or the shift a rep works instead (Zoho's shift hours), less their days off.
 */
export interface Opening {
  hours: BusinessHours;
  clock: LocalClock;
  /** The shift's name; null for the organisation's business hours. */
  shift: string | null;
  /**
   * The days off of these hours (Zoho's holidays: the business holidays, or the shift's), in time
   * order: no minute of them is worked, whatever `hours` say of their weekday.
   */
  daysOff: readonly DayOff[];
}

let lastOpening: {
  raw: string | undefined;
  orgTz: string;
  daysOff: readonly DayOff[];
  opening: Opening | null;
} | null = null;

/** The organisation's stored business hours to hold dated windows to, read once per change. */
function orgOpeningOf(db: Db): Opening | null {
  const org = organisation(db);
  const raw = org?.business_hours;
  const orgTz = org?.time_zone ?? 'UTC';
  const daysOff = org && IANAZone.isValidZone(orgTz) ? daysOffOf(db, null, orgTz) : NO_DAYS_OFF;
  if (
    lastOpening &&
    lastOpening.raw === raw &&
    lastOpening.orgTz === orgTz &&
    lastOpening.daysOff === daysOff
  )
    return lastOpening.opening;
  // Hours unknown hold windows to none; the days off of the organisation still close their days.
  const hours = storedBusinessHours(raw) ?? (daysOff.length > 0 ? alwaysOpen() : null);
  lastOpening = {
    raw,
    orgTz,
    daysOff,
    opening: hours ? { hours, clock: clockFor(orgTz), shift: null, daysOff } : null,
  };
  return lastOpening.opening;
}

/** Shifts read, by id, with the stored row they were read from: one object per unchanged shift. */
const shiftOpenings = new Map<
  string,
  { zone: string; raw: string; name: string; daysOff: readonly DayOff[]; opening: Opening | null }
>();

/**
 * The hours of the shift a user works (Zoho's shift hours), in the shift's zone; null when they
 * work in none. A shift whose hours or zone cannot be read counts as none.
 */
function shiftOpeningOf(
  db: Db,
  user: { shift_id?: string | null } | null | undefined,
): Opening | null {
  const id = user?.shift_id;
  if (!id) return null;
  const shift = shiftById(db, id);
  if (!shift) return null;
  const valid = IANAZone.isValidZone(shift.time_zone);
  const daysOff = valid ? daysOffOf(db, id, shift.time_zone) : NO_DAYS_OFF;
  const kept = shiftOpenings.get(id);
  if (
    kept &&
    kept.zone === shift.time_zone &&
    kept.raw === shift.hours &&
    kept.name === shift.name &&
    kept.daysOff === daysOff
  )
    return kept.opening;
  const hours = storedBusinessHours(shift.hours);
  const opening =
    hours && valid ? { hours, clock: clockFor(shift.time_zone), shift: shift.name, daysOff } : null;
  if (shiftOpenings.size >= 256) shiftOpenings.clear();
  shiftOpenings.set(id, {
    zone: shift.time_zone,
    raw: shift.hours,
    name: shift.name,
    daysOff,
    opening,
  });
  return opening;
}

/**
 * The hours a user works, to hold their windows to (BT-7): their shift's, or the organisation's
 * when they work in none (or no user is known): the organisation's hours are the safer guess
 * for a shift that cannot be read than no hours at all.
 */
export function openingFor(
  db: Db,
  user: { shift_id?: string | null } | null | undefined,
): Opening | null {
  return shiftOpeningOf(db, user) ?? orgOpeningOf(db);
}

/**
 * The part of a dated window inside business hours (BT-7), or null when too little is. The model
 * judges a weekly cell on one date; between the two daylight-saving changes of the contact's and
 * the organisation's zones (late March, late October, early November) the same cell on another
 * date sits an hour off against the organisation's clock, so every dated window is held to the
 * hours again. Of a window cut in two, the longer open part is kept.
 */
function openPart(open: Opening, start: number, end: number): [number, number] | null {
  const { hours, clock: org } = open;
  const minutes = Math.round((end - start) / MINUTE_MS);
  // Whole windows in hours are nearly all of them: one range check, unless the organisation's
  // own clock changes inside the window (then its wall minutes are not the real ones).
  if (org.offsetAt(start) === org.offsetAt(end - MINUTE_MS)) {
    const first = org.minuteOfWeek(start);
    if (isOpenRange(hours, first, minutes)) return [start, end];
    const run = longestOpenRun(hours, first, minutes);
    return run && (run[1] - run[0]) * MINUTE_MS >= SHORTEST_OPEN_MS
      ? [start + run[0] * MINUTE_MS, start + run[1] * MINUTE_MS]
      : null;
  }
  // Across the organisation's own clock change: minute by minute, on its clock.
  let best: [number, number] | null = null;
  let runStart: number | null = null;
  for (let t = start; t <= end; t += MINUTE_MS) {
    const inHours = t < end && isOpenRange(hours, org.minuteOfWeek(t), 1);
    if (inHours && runStart === null) runStart = t;
    if (!inHours && runStart !== null) {
      if (!best || t - runStart > best[1] - best[0]) best = [runStart, t];
      runStart = null;
    }
  }
  return best && best[1] - best[0] >= SHORTEST_OPEN_MS ? best : null;
}

interface Occurrence<W> {
  window: W;
  start: number;
  end: number;
  stars: number;
  alternatives: { start: number; end: number; stars: number }[] | undefined;
  moved: { start: number; end: number } | null | undefined;
  reason: string | undefined;
}

/**
 * A contact's weekly windows by ISO weekday: a list indexed by weekday (index 1-7), or windows
 * decoded from storage when their weekday is first asked for (`StoredWeek`).
 */
export type WeekdayWindows<W> =
  readonly (readonly W[] | undefined)[] | { on(weekday: number): readonly W[] };

/** Longer than any window lasts past the end of the day it opens in. */
const WINDOW_OVERHANG_MS = 2 * 86_400_000;

/**
 * Occurrences of weekly windows that start within [from, to), in time order, each held to the
 * working hours on its own date when they are given, and kept off their days off (of a window a
 * day off cuts, the longer part left). `byWeekday[d]` holds the windows of ISO weekday d, so a day
 * looks only at its own few.
 */
export function occurrencesBetween<
  W extends Pick<WeeklyWindow, 'weekday' | 'startMin' | 'endMin' | 'stars'>,
>(
  clock: WindowClock,
  zone: string,
  byWeekday: WeekdayWindows<W>,
  from: number,
  to: number,
  dates: readonly { date: string; weekday: number }[] = clock.localDates(zone, from, to),
  open: Opening | null = null,
): Occurrence<W>[] {
  const out: Occurrence<W>[] = [];
  const off = open ? daysOffWithin(open.daysOff, from, to + WINDOW_OVERHANG_MS) : [];
  for (const { date, weekday } of dates) {
    for (const w of 'on' in byWeekday ? byWeekday.on(weekday) : (byWeekday[weekday] ?? [])) {
      let start = clock.instant(zone, date, w.startMin);
      if (start < from || start >= to) continue;
      let end = clock.instant(zone, date, w.endMin);
      // A window wholly inside the hour the clocks skip does not happen that day.
      if (end <= start) continue;
      if (open) {
        const part = openPart(open, start, end);
        if (!part) continue;
        [start, end] = part;
      }
      if (off.length > 0) {
        const part = partOffDaysOff(off, start, end, SHORTEST_OPEN_MS);
        if (!part) continue;
        [start, end] = part;
      }
      // Every field from the start, the planner's caches too: one object shape in its hot loops.
      out.push({
        window: w,
        start,
        end,
        stars: w.stars,
        alternatives: undefined,
        moved: undefined,
        reason: undefined,
      });
    }
  }
  return out.sort(byStart);
}

function byStart(a: { start: number }, b: { start: number }): number {
  return a.start - b.start;
}
