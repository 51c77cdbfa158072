import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { PlannerRow } from '../../../src/shared/contract';
import type { TeamBlockWork } from '../../../src/shared/teamContract';
import { shownWindows } from '../../../src/shared/slotStates';
import { creditedWindows } from '../../../src/shared/contactSpan';
import {
  withReached,
  workedEndedWindow,
  type ContactTimes,
} from '../../../src/main/planner/reachedRows';
import { countDayWindows, CoverageCount } from '../../../src/main/team/teamCoverage';

/**
 * One rule for which window a call works, read by the planner's rows and by the Team page: each
 * case below is a person's call windows on one day and the calls that day; the planner's row (the
 * window it shows once the day's windows have ended, and whether its call is "in window") must be
 * the Team page's counted window and its reading.
 */
const ZONE = 'Europe/Berlin';
const at = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();

interface Win {
  start: number;
  end: number;
  stars: number;
}
interface Call {
  start: number;
  end: number;
  tried?: 'no_answer';
}

/** The planner's row of the person's call channel at `now`, as planDay picks and withReached marks it. */
function plannerRow(windows: Win[], calls: Call[], now: number): PlannerRow {
  const list = calls.map((c) => ({ start: c.start, end: c.end, tried: c.tried ?? null }));
  const shown = shownWindows(windows, now);
  const worked = workedEndedWindow(windows, list, now);
  if (worked) shown.ended = worked;
  const pick = shown.current ?? shown.ended;
  if (!pick) throw new Error('no window shown');
  const row = {
    personId: 'p1',
    channel: 'call',
    start: pick.start,
    end: pick.end,
    stars: pick.stars,
    alternatives: windows.filter((w) => w !== pick),
    action: null,
  } as unknown as PlannerRow;
  const times: ContactTimes = { call: new Map([['p1', list]]), email: new Map() };
  return withReached([row], times)[0] as PlannerRow;
}

/** The Team page's reading of the same day: the counted window and how it was worked. */
function teamCounted(
  windows: Win[],
  calls: Call[],
  now: number,
  day: { from: number; to: number },
): { start: number | null; work: TeamBlockWork | null; worked: number } {
  const coverage = new CoverageCount();
  let start: number | null = null;
  let work: TeamBlockWork | null = null;
  const contacts = calls.map((c) => ({ start: c.start, end: c.end, tried: c.tried !== undefined }));
  countDayWindows(coverage, windows, contacts, null, now, day, true, (w, wk, _aside, counted) => {
    if (counted) {
      start = w.start;
      work = wk;
    }
  });
  return { start, work, worked: coverage.result().worked };
}

function agree(windows: Win[], calls: Call[], now: number, day: { from: number; to: number }) {
  const row = plannerRow(windows, calls, now);
  const team = teamCounted(windows, calls, now, day);
  expect(row.start).toBe(team.start);
  expect(row.reached?.inWindow ?? false).toBe(team.work?.inWindow ?? false);
  return { row, team };
}

describe('the planner credits a call to the window the Team page does (PL-1, TM-2)', () => {
  const monday = { from: at('2026-12-07T00:00'), to: at('2026-12-08T00:00') };
  const evening = at('2026-12-07T17:40');
  // Elias Stewart's Monday in the demo: 13:00–14:00 0.5★, 14:00–15:00 5★, 15:00–16:00 0.5★.
  const elias: Win[] = [
    { start: at('2026-12-07T13:00'), end: at('2026-12-07T14:00'), stars: 0.5 },
    { start: at('2026-12-07T14:00'), end: at('2026-12-07T15:00'), stars: 5 },
    { start: at('2026-12-07T15:00'), end: at('2026-12-07T16:00'), stars: 0.5 },
  ];

  it('shows a call inside the best window on that window, worked, after a later one ended', () => {
    // Answered 14:28–14:39; at 17:40 every window has ended, the 0.5★ 15:00 one last.
    const call = { start: at('2026-12-07T14:28'), end: at('2026-12-07T14:39') };
    const { row, team } = agree(elias, [call], evening, monday);
    expect(row).toMatchObject({ start: at('2026-12-07T14:00'), stars: 5 });
    expect(row.reached).toEqual({ at: call.end, inWindow: true });
    expect(team.worked).toBe(1);
  });

  it('credits a call after the best window to the later window it fell in', () => {
    const windows: Win[] = [
      { start: at('2026-12-07T10:00'), end: at('2026-12-07T11:00'), stars: 5 },
      { start: at('2026-12-07T14:00'), end: at('2026-12-07T15:00'), stars: 3 },
    ];
    const call = { start: at('2026-12-07T14:20'), end: at('2026-12-07T14:31') };
    const { row } = agree(windows, [call], evening, monday);
    expect(row).toMatchObject({ start: at('2026-12-07T14:00'), stars: 3 });
    expect(row.reached).toEqual({ at: call.end, inWindow: true });
    // While the later window is still open the row is on it already, worked.
    const open = agree(windows, [call], at('2026-12-07T14:45'), monday).row;
    expect(open.reached).toEqual({ at: call.end, inWindow: true });
  });

  it('credits a call across two windows to one of them (the better-rated), not both', () => {
    // 14:55–15:06 runs into the 0.5★ hour after the 5★ one.
    const call = { start: at('2026-12-07T14:55'), end: at('2026-12-07T15:06') };
    const { row } = agree(elias, [call], evening, monday);
    expect(row).toMatchObject({ start: at('2026-12-07T14:00'), reached: { inWindow: true } });
    // At 15:30 the plan shows the 5★ hour that ended and the 0.5★ one open: only the first worked.
    const list = [{ ...call, tried: null }];
    const times: ContactTimes = { call: new Map([['p1', list]]), email: new Map() };
    const base = { personId: 'p1', channel: 'call', action: null } as const;
    const rows = withReached(
      elias.slice(1).map(
        (w) =>
          ({
            ...base,
            start: w.start,
            end: w.end,
            stars: w.stars,
            alternatives: elias.filter((o) => o !== w),
          }) as unknown as PlannerRow,
      ),
      times,
    );
    expect(rows.map((r) => r.reached)).toEqual([
      { at: call.end, inWindow: true },
      { at: call.end, inWindow: false },
    ]);
  });

  it('keeps an answered call in the window an earlier unanswered attempt took on the Team page', () => {
    const tried = {
      start: at('2026-12-07T14:05'),
      end: at('2026-12-07T14:06'),
      tried: 'no_answer' as const,
    };
    const call = { start: at('2026-12-07T14:30'), end: at('2026-12-07T14:40') };
    const row = plannerRow(elias, [tried, call], evening);
    expect(row).toMatchObject({
      start: at('2026-12-07T14:00'),
      reached: { at: call.end, inWindow: true },
    });
    expect(row.tried).toBeUndefined();
  });

  it('credits across the autumn daylight-saving change (Berlin, Sunday 25 October 2026)', () => {
    const sunday = { from: at('2026-10-25T00:00'), to: at('2026-10-26T00:00') };
    expect(sunday.to - sunday.from).toBe(25 * 3_600_000);
    // 01:00–02:00 CEST 4★, then the repeated hour 02:00 CEST–02:00 CET 0.5★, then 02:00–03:00
    // CET 0.5★: a call from 01:55 CEST to 02:10 CEST runs from the first window into the second.
    const first = at('2026-10-25T01:00');
    const change = DateTime.fromISO('2026-10-25T00:00Z').toMillis(); // 02:00 CEST = 01:00 CET
    const windows: Win[] = [
      { start: first, end: change, stars: 4 },
      { start: change, end: change + 3_600_000, stars: 0.5 },
      { start: change + 3_600_000, end: change + 2 * 3_600_000, stars: 0.5 },
    ];
    const call = { start: change - 5 * 60_000, end: change + 10 * 60_000 };
    const { row } = agree(windows, [call], at('2026-10-25T12:00'), sunday);
    expect(row).toMatchObject({ start: first, reached: { at: call.end, inWindow: true } });
    // The same call read in the 0.5★ hours only (no 4★ window): the first of them works it.
    const low = windows.slice(1);
    expect(creditedWindows([call], low)).toEqual([0]);
  });
});
