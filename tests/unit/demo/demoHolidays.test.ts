import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { demoHolidays } from '../../../src/main/demo/demoHolidays';

const berlin = (local: string): number =>
  DateTime.fromISO(local, { zone: 'Europe/Berlin' }).toMillis();

/** The demo's holidays as `date name` for the office (null) and for each American shift. */
function written(local: string): { office: string[]; shifts: Record<string, string> } {
  const out = { office: [] as string[], shifts: {} as Record<string, string> };
  for (const h of demoHolidays(berlin(local))) {
    if (h.shiftId === null) out.office.push(`${h.date} ${h.name}`);
    else out.shifts[h.shiftId] = `${h.date} ${h.name}`;
  }
  return out;
}

describe("the demo organisation's holidays (Zoho's holidays)", () => {
  it("keeps Berlin's next public holiday for the office and the next US one for the American offices' shifts", () => {
    expect(written('2026-11-23T10:00')).toEqual({
      office: ['2026-12-25 Christmas Day'],
      shifts: {
        's-ny': '2026-11-26 Thanksgiving Day',
        's-chi': '2026-11-26 Thanksgiving Day',
        's-la': '2026-11-26 Thanksgiving Day',
      },
    });
  });

  it('never takes the day the demo is written, even late at night, nor a holiday passed', () => {
    // Thanksgiving itself, and the first minutes of it in Berlin (still Wednesday in New York).
    for (const local of ['2026-11-26T10:00', '2026-11-26T00:10'])
      expect(written(local).shifts['s-ny']).toBe('2026-12-25 Christmas Day');
    expect(written('2026-11-25T23:50').shifts['s-ny']).toBe('2026-11-26 Thanksgiving Day');
  });

  it('follows Easter and the weekday rules from year to year', () => {
    // Easter Sunday 2027 is 28 March: Good Friday on the 26th, Ascension on 6 May.
    expect(written('2027-03-10T09:00').office).toEqual(['2027-03-26 Good Friday']);
    expect(written('2027-04-01T09:00').office).toEqual(['2027-05-06 Ascension Day']);
    // Berlin's own Women's Day; Martin Luther King Jr. Day is the third Monday of January.
    expect(written('2027-03-01T09:00').office).toEqual(["2027-03-08 International Women's Day"]);
    expect(written('2027-01-05T09:00').shifts['s-chi']).toBe(
      '2027-01-18 Martin Luther King Jr. Day',
    );
    // Memorial Day, the last Monday of May.
    expect(written('2027-05-01T09:00').shifts['s-la']).toBe('2027-05-31 Memorial Day');
  });

  it('takes a US holiday on a weekend on the weekday American offices close, and skips a German one', () => {
    // 4 July 2026 is a Saturday: the offices close on Friday the 3rd.
    expect(written('2026-06-22T09:00').shifts['s-ny']).toBe('2026-07-03 Independence Day');
    // 3 October 2026 is a Saturday too: nothing to close in Berlin until Christmas.
    expect(written('2026-09-01T09:00').office).toEqual(['2026-12-25 Christmas Day']);
    // New Year's Day 2028 is a Saturday: taken on Friday 31 December 2027.
    expect(written('2027-12-28T09:00').shifts['s-ny']).toBe("2027-12-31 New Year's Day");
  });
});
