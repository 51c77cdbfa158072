import { DateTime } from 'luxon';
import { type SkippedTime, wallClockAt } from './wallClock';

/**
 * Where "Move to…" offers to put a task, as instants (UTC ms), in the rep's zone: an hour from
 * now (minutes kept, seconds dropped), and tomorrow at 09:00 on the rep's clock, whatever the
 * clock does overnight (the night a zone goes to summer time, 09:00 is an hour sooner in UTC).
 */
export function taskMovePicks(
  now: number,
  zone: string,
): { laterToday: number; tomorrow9: number } {
  const here = DateTime.fromMillis(now, { zone });
  return {
    laterToday: here.plus({ hours: 1 }).startOf('minute').toMillis(),
    tomorrow9: here
      .plus({ days: 1 })
      .set({ hour: 9, minute: 0, second: 0, millisecond: 0 })
      .toMillis(),
  };
}

/** An instant as a `datetime-local` input's value in the rep's zone ("2026-03-29T09:00"). */
export function localInputValue(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** A `datetime-local` input's value, read in the rep's zone; null when it is no time. */
export function fromLocalInput(value: string, zone: string): number | null {
  const read = readLocalInput(value, zone);
  return read && 'at' in read ? read.at : null;
}

/** As `fromLocalInput`, with the time the clocks skip that day named rather than moved on. */
export function readLocalInput(
  value: string,
  zone: string,
): { at: number } | { skipped: SkippedTime } | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!parts) return null;
  const [year, month, day, hour, minute] = parts.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59) return null;
  return wallClockAt({ year, month, day }, hour, minute, zone);
}
