import { IANAZone } from 'luxon';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const MINUTES_PER_DAY = 1440;
const UNKNOWN = -32768;
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
 * zone's UTC offset once per UTC hour and the answer is reused for every event in that hour:
 * offsets change on whole-hour UTC boundaries in every zone in use today (Lord Howe's 30-minute
 * shift at 15:00/15:30 UTC is the lone exception and misplaces at most half an hour of events on
 * two nights a year). Offsets are looked up a day at a time and only resolved hour by hour on
 * days where they differ, which keeps Luxon out of the per-event loop. With the offset known,
 * local weekday and minute are plain arithmetic on a fixed offset.
 */
export class LocalClock {
  private readonly zone: IANAZone;
  private firstHour = 0;
  private offsets = new Int16Array(0);

  constructor(readonly name: string) {
    this.zone = IANAZone.create(name);
  }

  /** UTC offset in minutes at the hour containing `at`. */
  offsetAt(at: number): number {
    const hour = Math.floor(at / HOUR_MS);
    let index = hour - this.firstHour;
    if (index < 0 || index >= this.offsets.length) {
      this.cover(hour);
      index = hour - this.firstHour;
    }
    let offset = this.offsets[index] ?? UNKNOWN;
    if (offset === UNKNOWN) {
      this.fillDay(hour - (((hour % 24) + 24) % 24));
      offset = this.offsets[index] ?? 0;
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
    for (let h = 0; h < 24; h++) {
      const index = dayStartHour + h - this.firstHour;
      if (index < 0 || index >= this.offsets.length) continue;
      this.offsets[index] = start === end ? start : this.zone.offset((dayStartHour + h) * HOUR_MS);
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
