import { DateTime } from 'luxon';
import { DEMO_ORG } from './demoOrganisation';

/**
 * The demo organisation's Zoho holidays: the next public holiday of its Berlin office (a business
 * holiday, for everyone on the organisation's hours) and the next one of its American offices (a
 * holiday of each of their shifts), each on a weekday after the day the demo is written, so the
 * plan it opens on is an ordinary day and a holiday is a few clicks of "Next day" away when one is
 * near (US Thanksgiving, three days after the tests' Monday in November). Real dates, by the rules
 * that make them: nothing to update each year.
 */

export interface DemoHoliday {
  id: string;
  /** The calendar day, YYYY-MM-DD, in the zone of the hours it closes. */
  date: string;
  name: string;
  shiftId: string | null;
}

/** The demo's shifts in the United States (demoOrganisation.ts): São Paulo keeps Brazil's days. */
const US_SHIFTS = ['s-ny', 's-chi', 's-la'] as const;

type Rule = readonly [name: string, date: (year: number) => DateTime];

const day = (year: number, month: number, d: number): DateTime => DateTime.utc(year, month, d);

/** The n-th `weekday` (1 = Monday) of a month; n = -1 for the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): DateTime {
  if (n < 0) {
    const last = day(year, month, 1).endOf('month').startOf('day');
    return last.minus({ days: (last.weekday - weekday + 7) % 7 });
  }
  const first = day(year, month, 1);
  return first.plus({ days: ((weekday - first.weekday + 7) % 7) + (n - 1) * 7 });
}

/** Easter Sunday of the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher). */
function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  return day(year, month, date);
}

const easter = (offset: number) => (year: number) => easterSunday(year).plus({ days: offset });

/** Berlin's public holidays: Germany's nationwide ones and Berlin's own Women's Day. */
const BERLIN: readonly Rule[] = [
  ["New Year's Day", (y) => day(y, 1, 1)],
  ["International Women's Day", (y) => day(y, 3, 8)],
  ['Good Friday', easter(-2)],
  ['Easter Monday', easter(1)],
  ['Labour Day', (y) => day(y, 5, 1)],
  ['Ascension Day', easter(39)],
  ['Whit Monday', easter(50)],
  ['German Unity Day', (y) => day(y, 10, 3)],
  ['Christmas Day', (y) => day(y, 12, 25)],
  ['Boxing Day', (y) => day(y, 12, 26)],
];

/** The federal holidays most American employers close on. */
const UNITED_STATES: readonly Rule[] = [
  ["New Year's Day", (y) => day(y, 1, 1)],
  ['Martin Luther King Jr. Day', (y) => nthWeekday(y, 1, 1, 3)],
  ["Presidents' Day", (y) => nthWeekday(y, 2, 1, 3)],
  ['Memorial Day', (y) => nthWeekday(y, 5, 1, -1)],
  ['Juneteenth', (y) => day(y, 6, 19)],
  ['Independence Day', (y) => day(y, 7, 4)],
  ['Labor Day', (y) => nthWeekday(y, 9, 1, 1)],
  ['Thanksgiving Day', (y) => nthWeekday(y, 11, 4, 4)],
  ['Christmas Day', (y) => day(y, 12, 25)],
];

/** A US holiday on a Saturday is taken on the Friday before, on a Sunday on the Monday after. */
function observedInUs(date: DateTime): DateTime {
  if (date.weekday === 6) return date.minus({ days: 1 });
  if (date.weekday === 7) return date.plus({ days: 1 });
  return date;
}

/** The first holiday of `rules` on a weekday after `after` (YYYY-MM-DD). */
function nextHoliday(
  rules: readonly Rule[],
  after: string,
  observe: (date: DateTime) => DateTime,
): { date: string; name: string } | null {
  const year = Number(after.slice(0, 4));
  const dates: { date: string; name: string }[] = [];
  for (const y of [year, year + 1])
    for (const [name, date] of rules) {
      const taken = observe(date(y));
      if (taken.weekday <= 5) dates.push({ date: taken.toISODate() ?? '', name });
    }
  return dates.filter((d) => d.date > after).sort((a, b) => (a.date < b.date ? -1 : 1))[0] ?? null;
}

/**
 * The holidays the demo written at `now` keeps: after the organisation's day of `now`, which is
 * never before the American offices' day.
 */
export function demoHolidays(now: number): DemoHoliday[] {
  const today = DateTime.fromMillis(now, { zone: DEMO_ORG.timeZone }).toISODate() ?? '';
  const out: DemoHoliday[] = [];
  const office = nextHoliday(BERLIN, today, (d) => d);
  if (office) out.push({ id: `demo-${office.date}`, ...office, shiftId: null });
  const us = nextHoliday(UNITED_STATES, today, observedInUs);
  if (us)
    for (const shiftId of US_SHIFTS) out.push({ id: `demo-${us.date}-${shiftId}`, ...us, shiftId });
  return out;
}
