import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { occurrencesBetween, WindowClock } from '../../../src/main/planner/windowOccurrences';

interface Window {
  weekday: number;
  startMin: number;
  endMin: number;
  stars: number;
}

/** The occurrences on one local date, as the contact's wall clock shows them. */
function shown(zone: string, isoDate: string, windows: Omit<Window, 'weekday' | 'stars'>[]) {
  const day = DateTime.fromISO(isoDate, { zone });
  const byWeekday: Window[][] = [];
  byWeekday[day.weekday] = windows.map((w) => ({ ...w, weekday: day.weekday, stars: 3 }));
  const from = day.startOf('day').toMillis();
  const to = day.plus({ days: 1 }).startOf('day').toMillis();
  const wall = (at: number) => DateTime.fromMillis(at, { zone }).toFormat('HH:mm');
  return occurrencesBetween(new WindowClock(), zone, byWeekday, from, to).map((o) => ({
    shown: `${wall(o.start)}-${wall(o.end)}`,
    minutes: (o.end - o.start) / 60_000,
  }));
}

const h = (hour: number, minute = 0) => hour * 60 + minute;

describe('window occurrences across daylight-saving changes', () => {
  it('leaves out a window the spring-forward day does not have, and keeps the part of one that it has', () => {
    expect(
      shown('America/New_York', '2024-03-10', [
        { startMin: h(2), endMin: h(3) },
        { startMin: h(2, 15), endMin: h(2, 45) },
        { startMin: h(1, 30), endMin: h(2, 30) },
        { startMin: h(2, 30), endMin: h(4) },
        { startMin: h(9), endMin: h(10) },
      ]),
    ).toEqual([
      { shown: '01:30-03:00', minutes: 30 },
      { shown: '03:00-04:00', minutes: 60 },
      { shown: '09:00-10:00', minutes: 60 },
    ]);
  });

  it('does the same where the skipped hour is midnight (Santiago)', () => {
    expect(
      shown('America/Santiago', '2024-09-08', [
        { startMin: h(0), endMin: h(1) },
        { startMin: h(0), endMin: h(2) },
      ]),
    ).toEqual([{ shown: '01:00-02:00', minutes: 60 }]);
    // The evening before ends at the jump, a whole hour long.
    expect(shown('America/Santiago', '2024-09-07', [{ startMin: h(23), endMin: h(24) }])).toEqual([
      { shown: '23:00-01:00', minutes: 60 },
    ]);
  });

  it('keeps an ordinary day and the fall-back day as the wall clock reads them', () => {
    expect(shown('America/New_York', '2024-03-11', [{ startMin: h(2), endMin: h(3) }])).toEqual([
      { shown: '02:00-03:00', minutes: 60 },
    ]);
    // 01:00-02:00 happens twice on the fall-back day: the window starts at the first.
    expect(shown('America/New_York', '2024-11-03', [{ startMin: h(1), endMin: h(2) }])).toEqual([
      { shown: '01:00-02:00', minutes: 120 },
    ]);
  });
});
