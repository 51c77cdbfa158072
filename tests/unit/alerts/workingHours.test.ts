import { describe, expect, it } from 'vitest';
import {
  deliveryTime,
  formatWorkingHours,
  isWorkingTime,
  parseWorkingHours,
} from '../../../src/main/alerts/workingHours';
import { parseBusinessHours } from '../../../src/main/besttime/model/businessHours';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('working hours and held alerts', () => {
  const berlin = parseWorkingHours('Mon-Fri 08:00-20:00', 'Europe/Berlin');

  it('delivers at once inside working hours', () => {
    expect(deliveryTime(berlin, at('2026-11-23T09:00:00Z'))).toBe(at('2026-11-23T09:00:00Z'));
    expect(isWorkingTime(berlin, at('2026-11-23T18:59:59Z'))).toBe(true);
    expect(isWorkingTime(berlin, at('2026-11-23T19:00:00Z'))).toBe(false);
  });

  it('holds an evening alert until 08:00 local the next working day', () => {
    expect(iso(deliveryTime(berlin, at('2026-11-23T20:30:00Z')))).toBe('2026-11-24T07:00:00.000Z');
    expect(iso(deliveryTime(berlin, at('2026-11-24T05:00:00Z')))).toBe('2026-11-24T07:00:00.000Z');
  });

  it('holds a Friday evening alert over the weekend', () => {
    expect(iso(deliveryTime(berlin, at('2026-11-27T19:30:00Z')))).toBe('2026-11-30T07:00:00.000Z');
  });

  it('starts Monday at 08:00 local after the spring daylight-saving change (Berlin)', () => {
    // Clocks go forward on Sunday 29 March 2026: 08:00 on Monday is 06:00 UTC, not 07:00.
    expect(iso(deliveryTime(berlin, at('2026-03-27T20:00:00Z')))).toBe('2026-03-30T06:00:00.000Z');
    expect(isWorkingTime(berlin, at('2026-03-30T06:00:00Z'))).toBe(true);
    expect(isWorkingTime(berlin, at('2026-03-30T05:59:00Z'))).toBe(false);
  });

  it('starts Monday at 08:00 local after the autumn daylight-saving change (Berlin)', () => {
    // Clocks go back on Sunday 25 October 2026: 08:00 on Monday is 07:00 UTC again.
    expect(iso(deliveryTime(berlin, at('2026-10-23T18:30:00Z')))).toBe('2026-10-26T07:00:00.000Z');
    // Friday 19:30 CEST is still working time the week before.
    expect(isWorkingTime(berlin, at('2026-10-23T17:30:00Z'))).toBe(true);
  });

  it("holds across New York's change, in the rep's own zone", () => {
    const ny = parseWorkingHours('Mon-Fri 09:00-17:00', 'America/New_York');
    // Clocks go forward on Sunday 8 March 2026: 09:00 EDT on Monday is 13:00 UTC.
    expect(iso(deliveryTime(ny, at('2026-03-06T23:00:00Z')))).toBe('2026-03-09T13:00:00.000Z');
    expect(iso(deliveryTime(ny, at('2026-03-02T23:00:00Z')))).toBe('2026-03-03T14:00:00.000Z');
  });

  it('reads hours that span the change night in local time', () => {
    // 01:00-04:00 on the night the clocks skip 02:00-03:00: two hours long that night.
    const night = parseWorkingHours('Sun 01:00-04:00', 'Europe/Berlin');
    expect(isWorkingTime(night, at('2026-03-29T00:30:00Z'))).toBe(true); // 01:30 CET
    expect(isWorkingTime(night, at('2026-03-29T01:30:00Z'))).toBe(true); // 03:30 CEST
    expect(isWorkingTime(night, at('2026-03-29T02:00:00Z'))).toBe(false); // 04:00 CEST
  });

  it('takes hours that run to midnight and on into the next day', () => {
    const late = parseWorkingHours('Mon 22:00-24:00; Tue 00:00-02:00', 'UTC');
    expect(isWorkingTime(late, at('2026-11-23T23:59:00Z'))).toBe(true);
    expect(isWorkingTime(late, at('2026-11-24T01:00:00Z'))).toBe(true);
    expect(iso(deliveryTime(late, at('2026-11-24T03:00:00Z')))).toBe('2026-11-30T22:00:00.000Z');
  });

  it('holds a week ahead in a zone whose midnight is skipped (Santiago, 6 September 2026)', () => {
    // That Sunday starts at 01:00; the Sunday after starts at midnight again.
    const santiago = parseWorkingHours('Sun 00:00-00:10', 'America/Santiago');
    expect(iso(deliveryTime(santiago, at('2026-09-06T13:00:00Z')))).toBe(
      '2026-09-13T03:00:00.000Z',
    );
    // 00:15 on the next Sunday: its period is over, the one a week later is next.
    expect(iso(deliveryTime(santiago, at('2026-09-13T03:15:00Z')))).toBe(
      '2026-09-20T03:00:00.000Z',
    );
  });

  it('never holds for ever: hours with no open minute deliver at once', () => {
    const closed = { hours: { days: [[], [], [], [], [], [], []] }, zone: 'Europe/Berlin' };
    expect(deliveryTime(closed, at('2026-11-23T03:00:00Z'))).toBe(at('2026-11-23T03:00:00Z'));
  });

  it('writes hours back in the spec syntax', () => {
    expect(formatWorkingHours(parseBusinessHours('Mon-Fri 08:00-20:00'))).toBe(
      'Mon-Fri 08:00-20:00',
    );
    expect(formatWorkingHours(parseBusinessHours('Mon-Fri 00:00-24:00; Sun 21:00-24:00'))).toBe(
      'Mon-Fri 00:00-24:00; Sun 21:00-24:00',
    );
    expect(formatWorkingHours(parseBusinessHours('Mon,Wed 09:00-12:00,13:00-17:00'))).toBe(
      'Mon 09:00-12:00,13:00-17:00; Wed 09:00-12:00,13:00-17:00',
    );
  });

  it('refuses a spec it cannot read, saying what is wrong', () => {
    expect(() => parseWorkingHours('Mon-Fri 8-20', 'UTC')).toThrow(/bad time/);
  });
});
