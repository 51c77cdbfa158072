import { describe, expect, it } from 'vitest';
import type { TeamBlockWork } from '../../../src/shared/teamContract';
import { countDayWindows, CoverageCount } from '../../../src/main/team/teamCoverage';
import type { DayMark } from '../../../src/main/team/windowWork';

const HOUR = 3_600_000;
const DAY = { from: 0, to: 24 * HOUR };
const w = (from: number, to: number, stars = 3) => ({ start: from * HOUR, end: to * HOUR, stars });

/** One person's channel counted at `now` (hours): the coverage and how each window was worked. */
function count(
  windows: ReturnType<typeof w>[],
  calls: number[],
  now: number,
  mark?: DayMark,
): { worked: number; missed: number; each: (TeamBlockWork | null)[] } {
  const coverage = new CoverageCount();
  const each: (TeamBlockWork | null)[] = [];
  countDayWindows(
    coverage,
    windows,
    calls.map((h) => h * HOUR),
    mark,
    now * HOUR,
    DAY,
    (_w, work) => each.push(work),
  );
  const { worked, missed } = coverage.result();
  return { worked, missed, each };
}

const logged = (h: number, inWindow: boolean): TeamBlockWork => ({
  at: h * HOUR,
  by: 'logged',
  inWindow,
});

describe("a person's call counts for the window it was made in (TM-2)", () => {
  it('counts one call as one window worked, however many windows the person has that day', () => {
    const day = count([w(9, 10), w(12, 14), w(15, 16)], [9.5], 23);
    // The later windows needed no call of their own: neither worked nor missed.
    expect(day).toEqual({
      worked: 1,
      missed: 0,
      each: [logged(9.5, true), logged(9.5, false), logged(9.5, false)],
    });
  });

  it('works no window with a call made before it, and misses none after it', () => {
    const day = count([w(12, 14), w(14, 15)], [9.5], 23);
    expect(day).toEqual({ worked: 0, missed: 0, each: [logged(9.5, false), logged(9.5, false)] });
  });

  it('counts two calls in two windows as two windows worked', () => {
    expect(count([w(9, 10), w(12, 14)], [9.5, 12.5], 23)).toMatchObject({ worked: 2, missed: 0 });
  });

  it('misses a window that ended before the call, and keeps the call for the tooltip', () => {
    const day = count([w(9, 10), w(12, 14)], [12.5], 23);
    expect(day).toEqual({ worked: 1, missed: 1, each: [logged(12.5, false), logged(12.5, true)] });
  });

  it('gives a call inside two overlapping windows to the better-rated only', () => {
    const day = count([w(9, 12, 5), w(9.5, 10, 2)], [9.75], 23);
    expect(day).toEqual({
      worked: 1,
      missed: 0,
      each: [logged(9.75, true), logged(9.75, false)],
    });
  });

  it('takes a call logged in the app and its Done mark as one contact', () => {
    // Logging a call marks the row done at the moment it is logged (the call started before).
    const mark = { action: 'done', at: 9.6 * HOUR };
    const day = count([w(9, 12, 5), w(9.5, 10, 2)], [9.5], 23, mark);
    expect(day).toMatchObject({ worked: 1, missed: 0 });
    // Done with nothing logged: the mark works the window it was made in, as a call would.
    expect(count([w(9, 10), w(12, 14)], [], 23, mark).each).toEqual([
      { at: 9.6 * HOUR, by: 'done', inWindow: true },
      { at: 9.6 * HOUR, by: 'done', inWindow: false },
    ]);
    // Marked done before the window: not worked in it, not missed.
    expect(count([w(12, 14)], [], 23, mark)).toMatchObject({ worked: 0, missed: 0 });
  });

  it("takes no call of the evening before the rep's day, nor one not made yet", () => {
    expect(count([w(9, 10)], [-2], 23)).toMatchObject({ worked: 0, missed: 1 });
    expect(count([w(9, 10), w(12, 14)], [9.5], 9.25)).toEqual({
      worked: 0,
      missed: 0,
      each: [null, null],
    });
  });
});
