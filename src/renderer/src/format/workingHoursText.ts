import { DateTime } from 'luxon';
import { formatDayInYear } from './time';

/** One weekday of the hours a plan is held to, as Settings › Working hours lists it. */
export interface WeekdayHoursText {
  /** "Monday". */
  weekday: string;
  /** The date of the coming occurrence it was read on (YYYY-MM-DD, the hours' zone). */
  date: string;
  /** In the hours' own zone: "08:00–18:00", "09:00–12:00, 13:00–18:00", "all day" or "closed". */
  hours: string;
  /**
   * The same minutes on the rep's clock that day ("02:00–12:00", "16:00–02:00 next day"), or null
   * when the rep's clock reads the same (or the day is closed).
   */
  yours: string | null;
}

const MINUTES_PER_DAY = 1440;

/** A local day's minute as an instant; 1440 is the next midnight, across any clock change. */
function atMinute(day: DateTime, minute: number): DateTime {
  if (minute >= MINUTES_PER_DAY) return day.plus({ days: 1 }).startOf('day');
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60 });
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** An instant on a zone's clock, with how far its date is from the hours' date. */
function onClock(at: DateTime, zone: string, date: string): string {
  const local = at.setZone(zone);
  const days = DateTime.fromISO(local.toISODate() ?? date, { zone: 'UTC' }).diff(
    DateTime.fromISO(date, { zone: 'UTC' }),
    'days',
  ).days;
  const time = local.toFormat('HH:mm');
  if (days === 0) return time;
  if (days === 1) return `${time} next day`;
  if (days === -1) return `${time} day before`;
  return `${time} (${local.toFormat('ccc')})`;
}

/**
 * The week of working hours, Monday first, each weekday read on its coming date (today's weekday
 * today): the rep's clock is placed with Luxon on that date, so between two zones' clock changes
 * (late March, late October, early November) it shows the hour the planner holds windows to then,
 * not the usual one.
 */
export function weekdayHoursText(
  week: readonly (readonly [number, number][])[],
  zone: string,
  repTz: string,
  now: number,
): WeekdayHoursText[] {
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const out: WeekdayHoursText[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const day = today.plus({ days: (weekday - today.weekday + 7) % 7 }).startOf('day');
    const date = day.toISODate() ?? '';
    const intervals = week[weekday - 1] ?? [];
    const name = day.toFormat('cccc');
    if (intervals.length === 0) {
      out.push({ weekday: name, date, hours: 'closed', yours: null });
      continue;
    }
    const whole = intervals.length === 1 && intervals[0]?.[0] === 0 && intervals[0][1] >= MINUTES_PER_DAY;
    const hours = whole
      ? 'all day'
      : intervals.map(([s, e]) => `${clock(s)}–${e >= MINUTES_PER_DAY ? '24:00' : clock(e)}`).join(', ');
    const onClockOf = (z: string): string =>
      intervals
        .map(
          ([st, e]) =>
            `${onClock(atMinute(day, st), z, date)}–${onClock(atMinute(day, e), z, date)}`,
        )
        .join(', ');
    const yours = onClockOf(repTz);
    // The rep's clock reads the hours' own (another name for the same offset): nothing to add.
    out.push({ weekday: name, date, hours, yours: yours === onClockOf(zone) ? null : yours });
  }
  return out;
}

/** A holiday as Settings › Working hours lists it. */
export interface HolidayText {
  /** "Friday 25 December" (with its year when not this one's), the date of the hours' zone. */
  day: string;
  name: string;
  /**
   * When the rep's clock does not start and end it at its own midnight (a New York rep on Berlin's
   * holidays): the day off on the rep's clock, "Thu 24 Dec 18:00 – Fri 25 Dec 18:00"; else null.
   */
  yours: string | null;
}

export function holidayText(
  holiday: { date: string; name: string; from: number; to: number },
  zone: string,
  repTz: string,
  now: number,
): HolidayText {
  const from = DateTime.fromMillis(holiday.from, { zone: repTz });
  const to = DateTime.fromMillis(holiday.to, { zone: repTz });
  const midnights =
    from.toFormat('HH:mm') === '00:00' &&
    to.toFormat('HH:mm') === '00:00' &&
    from.toISODate() === holiday.date;
  return {
    day: formatDayInYear(holiday.date, zone, now),
    name: holiday.name,
    yours: midnights
      ? null
      : `${from.toFormat('ccc d LLL HH:mm')} – ${to.toFormat('ccc d LLL HH:mm')}`,
  };
}
