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
  const { worked, missed, each } = counted(windows, calls, now, mark);
  return { worked, missed, each };
}

/** As `count`, with everything the count says, and the counted window's start (hours). */
function counted(
  windows: ReturnType<typeof w>[],
  calls: number[],
  now: number,
  mark?: DayMark,
  expected = true,
) {
  const coverage = new CoverageCount();
  const each: (TeamBlockWork | null)[] = [];
  let at: number | null = null;
  countDayWindows(
    coverage,
    windows,
    calls.map((h) => ({ start: h * HOUR, end: h * HOUR })),
    mark,
    now * HOUR,
    DAY,
    expected,
    (win, work, _aside, isCounted) => {
      each.push(work);
      if (isCounted) at = win.start / HOUR;
    },
  );
  const { worked, missed, outside, windows: n, shareWorked } = coverage.result();
  return { worked, missed, each, outside, windows: n, shareWorked, counted: at };
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

  it('works no window with a call made before it: the person was reached outside their windows', () => {
    const day = counted([w(12, 14), w(14, 15)], [9.5], 23);
    expect(day).toMatchObject({
      worked: 0,
      missed: 0,
      outside: 1,
      shareWorked: 0,
      each: [logged(9.5, false), logged(9.5, false)],
    });
  });

  it('counts a person once, however many of their windows were worked', () => {
    expect(counted([w(9, 10), w(12, 14)], [9.5, 12.5], 23)).toMatchObject({
      windows: 1,
      worked: 1,
      missed: 0,
      shareWorked: 1,
    });
  });

  it('counts a person worked in a later window as worked: the earlier window passed, not missed', () => {
    const day = counted([w(9, 10), w(12, 14)], [12.5], 23);
    expect(day).toMatchObject({
      windows: 1,
      worked: 1,
      missed: 0,
      counted: 12,
      each: [logged(12.5, false), logged(12.5, true)],
    });
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
    // Marked done before the window: not worked in it, not missed, reached outside it.
    expect(counted([w(12, 14)], [], 23, mark)).toMatchObject({ worked: 0, missed: 0, outside: 1 });
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

describe('the window a person is counted by (TM-2)', () => {
  it('counts the window the plan shows: the open one, else the next, else the last to end', () => {
    const day = [w(9, 10, 3), w(12, 14, 4)];
    expect(counted(day, [], 8)).toMatchObject({ counted: 9, missed: 0 });
    expect(counted(day, [], 9.5)).toMatchObject({ counted: 9, missed: 0 });
    // The 09:00 window passed: the person is not missed while their 12:00 window is to come.
    expect(counted(day, [], 11)).toMatchObject({ counted: 12, missed: 0, shareWorked: 0 });
    expect(counted(day, [], 15)).toMatchObject({ counted: 12, windows: 1, missed: 1 });
  });

  it('never counts a window under 2 stars, and a person with only such windows not at all', () => {
    // Called in the ½★ evening hour after the 3★ morning passed: reached outside the window.
    expect(counted([w(9, 10, 3), w(18, 19, 0.5)], [18.5], 23)).toMatchObject({
      counted: 9,
      worked: 0,
      outside: 1,
    });
    expect(counted([w(9, 10, 1.5), w(18, 19, 0.5)], [], 23)).toMatchObject({
      windows: 0,
      missed: 0,
      counted: null,
    });
  });

  it('counts nothing on a channel the rep does not work', () => {
    expect(counted([w(9, 10, 5)], [], 23, undefined, false)).toMatchObject({
      windows: 0,
      missed: 0,
      counted: null,
    });
  });

  it('shares worked of the windows due: a person still to come is left out', () => {
    const coverage = new CoverageCount();
    const add = (windows: ReturnType<typeof w>[], calls: number[]) =>
      countDayWindows(
        coverage,
        windows,
        calls.map((h) => ({ start: h * HOUR, end: h * HOUR })),
        null,
        12 * HOUR,
        DAY,
        true,
      );
    add([w(9, 10)], [9.5]); // worked
    add([w(9, 10)], []); // missed
    add([w(14, 15)], []); // to come
    expect(coverage.result()).toEqual({
      windows: 3,
      goodWindows: 3,
      worked: 1,
      outside: 0,
      missed: 1,
      justEnded: 0,
      booked: 0,
      shareWorked: 0.5,
    });
  });
});

describe('a call works the window it overlaps, not only the one it started in (TM-2)', () => {
  // Sunday 25 October 2026 in Berlin: 03:00 CEST falls back to 02:00 CET (01:00 UTC), so the
  // day has 25 hours and a 01:00–04:00 window lasts 4. Hand-computed in UTC:
  const dayFrom = Date.UTC(2026, 9, 24, 22, 0); // 00:00 CEST
  const dayTo = Date.UTC(2026, 9, 25, 23, 0); // 00:00 CET on the 26th, 25 hours on
  const window = {
    start: Date.UTC(2026, 9, 24, 23, 0),
    end: Date.UTC(2026, 9, 25, 3, 0),
    stars: 5,
  };
  const at = (h: number, m: number, day = 25) => Date.UTC(2026, 9, day, h, m);
  const MIN = 60_000;
  const after = Date.UTC(2026, 9, 26, 9, 0);

  /** One person's window and one call (start, minutes), counted after the day. */
  function one(start: number, minutes: number) {
    const coverage = new CoverageCount();
    const each: (TeamBlockWork | null)[] = [];
    countDayWindows(
      coverage,
      [window],
      [{ start, end: start + minutes * MIN }],
      null,
      after,
      { from: dayFrom, to: dayTo },
      true,
      (_w, work) => each.push(work),
    );
    const { worked, outside, missed } = coverage.result();
    return { worked, outside, missed, work: each[0] };
  }

  it('the window runs 4 hours across the clock change', () => {
    expect(window.end - window.start).toBe(4 * 3_600_000);
  });

  it('counts a call from 00:54 to 01:01 CEST as worked in the 01:00 window, said at its end', () => {
    expect(one(at(22, 54, 24), 7)).toEqual({
      worked: 1,
      outside: 0,
      missed: 0,
      work: { at: at(23, 1, 24), by: 'logged', inWindow: true },
    });
  });

  it('counts a call that ended as the window opened as outside it', () => {
    expect(one(at(22, 53, 24), 7)).toMatchObject({ worked: 0, outside: 1 });
  });

  it('counts a call from 02:50 CEST to 02:10 CET, across the change, and one from 03:58 CET to 04:03 as worked', () => {
    expect(one(at(0, 50), 20)).toMatchObject({ worked: 1, work: { at: at(1, 10) } });
    expect(one(at(2, 58), 5)).toMatchObject({ worked: 1, work: { at: at(3, 3), inWindow: true } });
  });

  it('counts a call that began as the window closed, at 04:00 CET, as outside it', () => {
    expect(one(at(3, 0), 5)).toMatchObject({ worked: 0, outside: 1 });
  });

  it('counts an attempt with no length (no answer) in the window as worked, as the rep worked it', () => {
    expect(one(at(1, 30), 0)).toMatchObject({ worked: 1, work: { at: at(1, 30) } });
  });
});

describe('an unanswered attempt works its window, but reaches no one (TM-1, TM-2)', () => {
  /** One person's channel at `now` (hours), with calls `[hour, tried]`: `tried` went unanswered. */
  function tries(
    windows: ReturnType<typeof w>[],
    calls: [number, boolean][],
    now: number,
    mark?: DayMark,
  ) {
    const coverage = new CoverageCount();
    const each: (TeamBlockWork | null)[] = [];
    let at: number | null = null;
    countDayWindows(
      coverage,
      windows,
      calls.map(([h, tried]) => ({ start: h * HOUR, end: h * HOUR, tried })),
      mark,
      now * HOUR,
      DAY,
      true,
      (win, work, _aside, isCounted) => {
        each.push(work);
        if (isCounted) at = win.start / HOUR;
      },
    );
    return { ...coverage.result(), each, counted: at };
  }

  it('leaves the later windows of a person tried in an earlier one to try again, not already worked', () => {
    const day = [w(9, 10), w(12, 14), w(15, 16)];
    expect(tries(day, [[9.5, true]], 13).each).toEqual([logged(9.5, true), null, null]);
    // Answered, the same call leaves them already worked.
    expect(tries(day, [[9.5, false]], 13).each).toEqual([
      logged(9.5, true),
      logged(9.5, false),
      logged(9.5, false),
    ]);
  });

  it('counts a person tried before any window of theirs as still to reach: open, then missed', () => {
    const day = [w(12, 14, 4)];
    // Nothing reached them: the window is to come, not "reached outside it" before it opened.
    expect(tries(day, [[8, true]], 11)).toMatchObject({
      each: [null],
      outside: 0,
      missed: 0,
      shareWorked: 0,
    });
    expect(tries(day, [[8, true]], 15)).toMatchObject({ each: [null], outside: 0, missed: 1 });
    // Tried again inside it: worked.
    expect(
      tries(
        day,
        [
          [8, true],
          [12.5, true],
        ],
        15,
      ),
    ).toMatchObject({ worked: 1, missed: 0 });
  });

  it('takes a later answer as reaching the person: the windows after it already worked', () => {
    const day = [w(9, 10), w(12, 14), w(15, 16)];
    expect(
      tries(
        day,
        [
          [9.5, true],
          [11, false],
        ],
        13,
      ).each,
    ).toEqual([logged(9.5, true), logged(11, false), logged(11, false)]);
  });

  it('takes a Done made after an attempt as the rep reaching the person', () => {
    const mark = { action: 'done', at: 11 * HOUR };
    expect(tries([w(9, 10), w(12, 14)], [[9.5, true]], 13, mark).each).toEqual([
      logged(9.5, true),
      { at: 11 * HOUR, by: 'done', inWindow: false },
    ]);
  });
});

describe('a call that began before midnight and ran into the day (TM-2)', () => {
  // Sunday 25 October 2026 in Berlin, the 25-hour day: 00:00 CEST is 22:00 UTC on the 24th.
  const dayFrom = Date.UTC(2026, 9, 24, 22, 0);
  const dayTo = Date.UTC(2026, 9, 25, 23, 0);
  const window = { start: dayFrom, end: Date.UTC(2026, 9, 25, 0, 0), stars: 4 }; // 00:00–01:00 CEST
  it('works the 00:00 window with a call from 23:50 to 00:20, the night the clocks go back', () => {
    const coverage = new CoverageCount();
    const each: (TeamBlockWork | null)[] = [];
    const start = dayFrom - 10 * 60_000;
    countDayWindows(
      coverage,
      [window],
      [{ start, end: start + 30 * 60_000 }],
      null,
      Date.UTC(2026, 9, 25, 12, 0),
      { from: dayFrom, to: dayTo },
      true,
      (_w, work) => each.push(work),
    );
    expect(coverage.result()).toMatchObject({ worked: 1, missed: 0 });
    expect(each).toEqual([{ at: dayFrom + 20 * 60_000, by: 'logged', inWindow: true }]);
  });
});
