import { DateTime } from 'luxon';

/**
 * The UTC instant of every local hour start over a span of days, per zone, computed once with
 * Luxon. Generating millions of demo events then costs an array read each, and stays exact
 * across daylight-saving changes because every zone's offset changes on an hour boundary.
 */
export class LocalHourGrid {
  private readonly starts: Float64Array;
  readonly weekdays: Uint8Array;

  constructor(
    readonly zone: string,
    now: number,
    readonly daysBack: number,
    readonly daysAhead: number,
  ) {
    const days = daysBack + daysAhead + 1;
    this.starts = new Float64Array(days * 24);
    this.weekdays = new Uint8Array(days);
    const today = DateTime.fromMillis(now, { zone }).startOf('day');
    for (let d = 0; d < days; d++) {
      const day = today.plus({ days: d - daysBack });
      this.weekdays[d] = day.weekday;
      for (let h = 0; h < 24; h++) {
        // A local hour that does not exist (spring forward) resolves to the next real one.
        this.starts[d * 24 + h] = day.set({ hour: h }).toMillis();
      }
    }
  }

  get dayCount(): number {
    return this.weekdays.length;
  }

  /** Index of the day `offset` days from today (negative: past). */
  dayIndex(offset: number): number {
    return offset + this.daysBack;
  }

  instant(dayIndex: number, hour: number, minute: number): number {
    const start = this.starts[dayIndex * 24 + hour];
    if (start === undefined) throw new RangeError(`day ${dayIndex} hour ${hour} is off the grid`);
    return start + minute * 60_000;
  }
}
