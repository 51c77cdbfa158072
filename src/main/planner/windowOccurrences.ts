import { DateTime } from 'luxon';
import type { WeeklyWindow } from '../besttime/store/windowsCodec';

/**
 * Turns weekly windows in a contact's local time into instants, with Luxon, memoised per zone,
 * date and minute: a plan of thousands of people reuses a few hundred distinct local times.
 */
export class WindowClock {
  // zone -> local date -> minute -> UTC ms; nested maps keep the hot path free of string building.
  private readonly instants = new Map<string, Map<string, Map<number, number>>>();
  private readonly dates = new Map<string, { date: string; weekday: number }[]>();

  /** UTC ms of a local date's minute; minute 1440 is the next midnight. */
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
      at = DateTime.fromISO(isoDate, { zone })
        .startOf('day')
        .plus({ days: Math.floor(minute / 1440) })
        .set({ hour: Math.floor((minute % 1440) / 60), minute: minute % 60 })
        .toMillis();
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
      // Every field from the start, the planner's caches too: one object shape in its hot loops.
      out.push({
        window: w,
        start,
        end: clock.instant(zone, date, w.endMin),
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
