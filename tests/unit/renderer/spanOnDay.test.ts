import { describe, expect, it, vi } from 'vitest';
import { DateTime } from 'luxon';
import { spanOnDay } from '../../../src/renderer/src/team/spanOnDay';

const berlin = (iso: string): number => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const span = (from: string, to: string, date: string): string =>
  spanOnDay(berlin(from), berlin(to), 'Europe/Berlin', date);

describe("the Team page's times of a span, on the day shown", () => {
  it('writes the clock alone on the day shown, and names the day of another', () => {
    expect(span('2026-11-24T09:00', '2026-11-24T10:00', '2026-11-24')).toBe('09:00–10:00');
    expect(span('2026-11-23T17:00', '2026-11-23T18:00', '2026-11-24')).toBe('Mon 17:00–18:00');
    expect(span('2026-11-24T23:30', '2026-11-25T00:30', '2026-11-24')).toBe('23:30–Wed 00:30');
  });

  it('reads calendar days across a daylight-saving change, not 24-hour spans', () => {
    // Sunday 25 October 2026 has 25 hours in Berlin: 23:30 is still Sunday.
    expect(span('2026-10-25T23:00', '2026-10-25T23:30', '2026-10-25')).toBe('23:00–23:30');
    // Sunday 29 March 2026 has 23: 00:30 is Monday, though under 24 hours from midnight.
    expect(span('2026-03-29T23:30', '2026-03-30T00:30', '2026-03-29')).toBe('23:30–Mon 00:30');
    expect(span('2026-03-28T22:00', '2026-03-28T23:00', '2026-03-29')).toBe('Sat 22:00–23:00');
  });

  it("writes a window shared by many blocks once: the board's 1,800 labels cost a few dozen", () => {
    const made = vi.spyOn(DateTime, 'fromMillis');
    try {
      const labels = Array.from({ length: 200 }, (_, i) =>
        span(
          `2026-11-26T${i % 2 ? '09' : '10'}:00`,
          `2026-11-26T${i % 2 ? '10' : '11'}:00`,
          '2026-11-26',
        ),
      );
      expect(new Set(labels)).toEqual(new Set(['09:00–10:00', '10:00–11:00']));
      // Two windows, two instants each; the test's own berlin() makes none with fromMillis.
      expect(made).toHaveBeenCalledTimes(4);
    } finally {
      made.mockRestore();
    }
  });
});
