import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { deliveryTime, parseWorkingHours } from '../../../src/main/alerts/workingHours';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();
/** A whole local day of `zone` as a day off, as the planner places a holiday. */
const dayOff = (date: string, zone: string) => {
  const day = DateTime.fromISO(date, { zone }).startOf('day');
  return { from: day.toMillis(), to: day.plus({ days: 1 }).startOf('day').toMillis() };
};

describe('held alerts and days off', () => {
  const berlin = parseWorkingHours('Mon-Fri 08:00-20:00', 'Europe/Berlin');

  it('holds an alert on a day off to the next working day, as over a weekend', () => {
    // Monday 30 March 2026, the day after Berlin's clocks went forward, is a day off.
    const hours = { ...berlin, daysOff: [dayOff('2026-03-30', 'Europe/Berlin')] };
    // Friday evening: not Monday 08:00 CEST, but Tuesday's.
    expect(iso(deliveryTime(hours, at('2026-03-27T20:00:00Z')))).toBe('2026-03-31T06:00:00.000Z');
    // On the day off itself, at 10:00 CEST.
    expect(iso(deliveryTime(hours, at('2026-03-30T08:00:00Z')))).toBe('2026-03-31T06:00:00.000Z');
    // The evening before it is still working time.
    expect(deliveryTime(hours, at('2026-03-27T18:00:00Z'))).toBe(at('2026-03-27T18:00:00Z'));
  });

  it('looks past a fortnight of days off', () => {
    const daysOff = [];
    for (
      let d = DateTime.fromISO('2026-12-21');
      d.toISODate() !== '2027-01-04';
      d = d.plus({ days: 1 })
    )
      daysOff.push(dayOff(d.toISODate() ?? '', 'Europe/Berlin'));
    const hours = { ...berlin, daysOff };
    expect(iso(deliveryTime(hours, at('2026-12-18T19:30:00Z')))).toBe('2027-01-04T07:00:00.000Z');
  });

  it("takes a day off placed in another zone than the hours' for the instants it covers", () => {
    // A rep's own Berlin hours, and a holiday of their Tokyo shift: Tokyo's Tuesday 8 December
    // runs from Monday 16:00 to Tuesday 16:00 in Berlin.
    const hours = { ...berlin, daysOff: [dayOff('2026-12-08', 'Asia/Tokyo')] };
    expect(deliveryTime(hours, at('2026-12-07T14:30:00Z'))).toBe(at('2026-12-07T14:30:00Z'));
    expect(iso(deliveryTime(hours, at('2026-12-07T15:30:00Z')))).toBe('2026-12-08T15:00:00.000Z');
  });
});
