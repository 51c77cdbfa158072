import { DateTime } from 'luxon';

/** A wall-clock time the zone's clocks jump over on that day (the night summer time starts). */
export interface SkippedTime {
  /** As typed: "02:30". */
  typed: string;
  /** The day, "28 Mar 2027". */
  day: string;
  /** The last minute before the jump and the first after it: "02:00", "03:00". */
  from: string;
  to: string;
}

/**
 * The instant a rep means by a day and a time on their clock, in `zone`; or, for a time the
 * clocks skip, what was skipped. Luxon answers a skipped time with a valid instant an hour on
 * (02:30 becomes 03:30), which would silently store a time the rep did not type: every field
 * that reads a typed time goes through here and says so instead.
 */
export function wallClockAt(
  day: { year: number; month: number; day: number },
  hour: number,
  minute: number,
  zone: string,
): { at: number } | { skipped: SkippedTime } | null {
  const at = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute },
    { zone },
  );
  if (!at.isValid) return null;
  if (at.hour === hour && at.minute === minute && at.day === day.day) return { at: at.toMillis() };
  // The jump is between the instant Luxon chose and as much before it as the clocks moved.
  const jump = at.offset - at.minus({ days: 1 }).offset;
  let before = at.toMillis() - Math.max(jump, 60) * 60_000;
  let after = at.toMillis();
  const offsetAt = (t: number): number => DateTime.fromMillis(t, { zone }).offset;
  const first = offsetAt(before);
  while (after - before > 60_000) {
    const mid = before + Math.floor((after - before) / 120_000) * 60_000;
    if (offsetAt(mid) === first) before = mid;
    else after = mid;
  }
  const clock = (t: number, offset: number): string =>
    DateTime.fromMillis(t + offset * 60_000, { zone: 'UTC' }).toFormat('HH:mm');
  return {
    skipped: {
      typed: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
      day: at.toFormat('d LLL yyyy'),
      // The instant of the jump, on the clock before it and after it.
      from: clock(after, first),
      to: clock(after, offsetAt(after)),
    },
  };
}

/** What a field says of a skipped time: "02:30 does not exist on 28 Mar 2027 in Berlin: …". */
export function skippedTimeMessage(s: SkippedTime, place: string): string {
  return `${s.typed} does not exist on ${s.day} in ${place}: the clocks go forward from ${s.from} to ${s.to}. Choose a time before ${s.from} or from ${s.to}.`;
}
