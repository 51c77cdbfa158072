import { DateTime, IANAZone } from 'luxon';
import type { WeeklyWindow } from '../besttime/store/windowsCodec';

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

interface Occurrence<W> {
  window: W;
  start: number;
  end: number;
  stars: number;
  alternatives: { start: number; end: number; stars: number }[] | undefined;
  moved: { start: number; end: number } | null | undefined;
}

/**
 * Occurrences of weekly windows that start within [from, to), in time order. `byWeekday[d]`
 * holds the windows of ISO weekday d, so a day looks only at its own few.
 */
export function occurrencesBetween<
  W extends Pick<WeeklyWindow, 'weekday' | 'startMin' | 'endMin' | 'stars'>,
>(
  clock: WindowClock,
  zone: string,
  byWeekday: readonly (readonly W[] | undefined)[],
  from: number,
  to: number,
  dates: readonly { date: string; weekday: number }[] = clock.localDates(zone, from, to),
): Occurrence<W>[] {
  const out: Occurrence<W>[] = [];
  for (const { date, weekday } of dates) {
    for (const w of byWeekday[weekday] ?? []) {
      const start = clock.instant(zone, date, w.startMin);
      if (start < from || start >= to) continue;
      const end = clock.instant(zone, date, w.endMin);
      // A window wholly inside the hour the clocks skip does not happen that day.
      if (end <= start) continue;
      // Every field from the start, the planner's caches too: one object shape in its hot loops.
      out.push({
        window: w,
        start,
        end,
        stars: w.stars,
        alternatives: undefined,
        moved: undefined,
      });
    }
  }
  return out.sort(byStart);
}

function byStart(a: { start: number }, b: { start: number }): number {
  return a.start - b.start;
}
