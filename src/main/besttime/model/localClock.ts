import { IANAZone } from 'luxon';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const MINUTES_PER_DAY = 1440;
const UNKNOWN = -32768;
/** An hour with an offset change inside it; no real offset is this far from UTC. */
const CHANGES_INSIDE = -32767;
/** 1970-01-01 was a Thursday: ISO weekday 4, index 3 from Monday. */
const EPOCH_WEEKDAY_INDEX = 3;

const zoneValidity = new Map<string, boolean>();

export function isValidZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    zoneValidity.set(zone, valid);
  }
  return valid;
}

/**
 * Converts UTC instants to "minute of the week" (Monday 00:00 = 0) in one zone. Luxon gives the
 * zone's UTC offset once per UTC hour and the answer is reused for every event in that hour.
 * Offsets are looked up a day at a time and only resolved hour by hour on days where they differ,
 * which keeps Luxon out of the per-event loop. An hour whose offset changes inside it (a change
 * on the half hour in UTC: St John's, Adelaide, Broken Hill, Lord Howe, and past changes at odd
 * minutes) is marked and asked of Luxon per event; a few hours a year in a few zones. With the
 * offset known, local weekday and minute are plain arithmetic on a fixed offset.
 */
export class LocalClock {
  private readonly zone: IANAZone;
  private firstHour = 0;
  private offsets = new Int16Array(0);

  constructor(readonly name: string) {
    this.zone = IANAZone.create(name);
  }

  /** UTC offset in minutes at `at`. */
  offsetAt(at: number): number {
    const hour = Math.floor(at / HOUR_MS);
    let index = hour - this.firstHour;
    if (index < 0 || index >= this.offsets.length) {
      this.cover(hour);
      index = hour - this.firstHour;
    }
    let offset = this.offsets[index] ?? UNKNOWN;
    if (offset <= CHANGES_INSIDE) {
      if (offset === UNKNOWN) {
        this.fillDay(hour - (((hour % 24) + 24) % 24));
        offset = this.offsets[index] ?? 0;
      }
      if (offset === CHANGES_INSIDE) return this.zone.offset(at);
    }
    return offset;
  }

  minuteOfWeek(at: number): number {
    const local = Math.floor((at + this.offsetAt(at) * MINUTE_MS) / MINUTE_MS);
    const day = Math.floor(local / MINUTES_PER_DAY);
    const weekdayIndex = (((day + EPOCH_WEEKDAY_INDEX) % 7) + 7) % 7;
    return weekdayIndex * MINUTES_PER_DAY + (local - day * MINUTES_PER_DAY);
  }

  private fillDay(dayStartHour: number): void {
    const start = this.zone.offset(dayStartHour * HOUR_MS);
    const end = this.zone.offset((dayStartHour + 24) * HOUR_MS);
    let next = start;
    for (let h = 0; h < 24; h++) {
      const at = (dayStartHour + h) * HOUR_MS;
      const offset = next;
      if (start !== end) next = this.zone.offset(at + HOUR_MS);
      const index = dayStartHour + h - this.firstHour;
      if (index < 0 || index >= this.offsets.length) continue;
      // A change exactly on the next hour leaves this one whole; one before it falls inside.
      const inside = offset !== next && this.zone.offset(at + HOUR_MS - 1) !== offset;
      this.offsets[index] = inside ? CHANGES_INSIDE : offset;
    }
  }

  /** Grows the table to include `hour`, with a year of slack on the growing side. */
  private cover(hour: number): void {
    const slack = 24 * 366;
    const oldEnd = this.firstHour + this.offsets.length;
    const first = this.offsets.length === 0 ? hour - slack : Math.min(this.firstHour, hour - slack);
    const end = this.offsets.length === 0 ? hour + slack : Math.max(oldEnd, hour + slack);
    const grown = new Int16Array(end - first).fill(UNKNOWN);
    if (this.offsets.length > 0) grown.set(this.offsets, this.firstHour - first);
    this.firstHour = first;
    this.offsets = grown;
  }
}

const clocks = new Map<string, LocalClock>();

/** Shared per zone so repeated recomputes reuse what Luxon already answered. */
export function clockFor(zone: string): LocalClock {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = new LocalClock(zone);
    clocks.set(zone, clock);
  }
  return clock;
}
