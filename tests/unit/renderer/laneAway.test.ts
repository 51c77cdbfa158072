import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { TeamBlock } from '../../../src/shared/teamContract';
import { laneAway } from '../../../src/renderer/src/team/laneAway';
import { spanOnDay } from '../../../src/renderer/src/team/spanOnDay';

const HOUR = 3_600_000;
const BERLIN = 'Europe/Berlin';
const SYDNEY = 'Australia/Sydney';
const at = (iso: string, zone: string): number => DateTime.fromISO(iso, { zone }).toMillis();

let n = 0;
const block = (start: number, end: number): TeamBlock => ({
  personId: `p${++n}`,
  name: `Person ${n}`,
  company: null,
  channel: 'call',
  start,
  end,
  stars: 4,
  reason: null,
  contactTz: SYDNEY,
  action: null,
  worked: null,
  setAside: false,
  counted: true,
});

/**
 * A lane as the core sends it: its blocks, the windows it does not draw (`hidden`, at the hours
 * given) and the strip of every window per hour from the axis's start (as `teamDayView` counts).
 */
function lane(
  axisFrom: number,
  blocks: TeamBlock[],
  hidden: { start: number; end: number }[] = [],
): { blocks: TeamBlock[]; hiddenBlocks: number; density: number[] } {
  const density = new Array<number>(48).fill(0);
  for (const w of [...blocks, ...hidden])
    for (
      let h = Math.floor((w.start - axisFrom) / HOUR);
      h < Math.ceil((w.end - axisFrom) / HOUR);
      h++
    )
      density[h] = (density[h] ?? 0) + 1;
  return { blocks, hiddenBlocks: hidden.length, density };
}

/**
 * A Sydney rep's day on a Berlin manager's board, seen from 08:00 to 20:00 Berlin: their windows,
 * 08:00–16:00 in Sydney, and where the lane says they are, in Berlin's words.
 */
function sydneyDay(date: string): string[] {
  const axisFrom = at(`${date}T00:00`, BERLIN) - 12 * HOUR;
  const windows = [8, 10, 14].map((h) =>
    block(
      at(`${date}T${String(h).padStart(2, '0')}:00`, SYDNEY),
      at(`${date}T${h + 2}:00`, SYDNEY),
    ),
  );
  const seen = { from: at(`${date}T08:00`, BERLIN), to: at(`${date}T20:00`, BERLIN) };
  return laneAway(lane(axisFrom, windows), axisFrom, seen).map(
    (a) => `${a.side} ${a.count} ${spanOnDay(a.start, a.end, BERLIN, date)}`,
  );
}

describe('a Team lane whose windows are all out of sight says where they are (audit49 #4)', () => {
  it("names a Sydney rep's windows earlier in Berlin's day, in the hours they fall on there", () => {
    expect(sydneyDay('2026-11-23')).toEqual(['left 3 Sun 22:00–Mon 06:00']);
  });

  it('moves them by the hour each clock changes, the two zones changing in opposite directions', () => {
    // Berlin goes to summer time on 29 March, Sydney back to standard time on 5 April: ten hours
    // apart, then nine, then eight.
    expect(sydneyDay('2026-03-27')).toEqual(['left 3 Thu 22:00–Fri 06:00']);
    expect(sydneyDay('2026-03-30')).toEqual(['left 3 Sun 23:00–Mon 07:00']);
    expect(sydneyDay('2026-04-06')).toEqual(['left 3 00:00–08:00']);
    // Sydney to summer time on 4 October, Berlin back on 25 October: nine hours, then ten.
    expect(sydneyDay('2026-10-23')).toEqual(['left 3 Thu 23:00–Fri 07:00']);
    expect(sydneyDay('2026-10-26')).toEqual(['left 3 Sun 22:00–Mon 06:00']);
  });

  it('says nothing when one window is in sight, or the lane has none', () => {
    const from = at('2026-11-23T00:00', BERLIN);
    const seen = { from: at('2026-11-23T08:00', BERLIN), to: at('2026-11-23T12:00', BERLIN) };
    const early = block(at('2026-11-23T06:00', BERLIN), at('2026-11-23T07:00', BERLIN));
    const inSight = block(at('2026-11-23T11:30', BERLIN), at('2026-11-23T12:30', BERLIN));
    expect(laneAway(lane(from, [early, inSight]), from, seen)).toEqual([]);
    expect(laneAway(lane(from, []), from, seen)).toEqual([]);
    // A window the lane does not draw, in sight: its hour on the strip shows it.
    const hidden = { start: seen.from + HOUR, end: seen.from + 2 * HOUR };
    expect(laneAway(lane(from, [early], [hidden]), from, seen)).toEqual([]);
  });

  it('counts the windows it does not draw when they are all on one side, and widens the span to their hours', () => {
    const from = at('2026-11-23T00:00', BERLIN);
    const seen = { from: at('2026-11-23T08:00', BERLIN), to: at('2026-11-23T12:00', BERLIN) };
    const drawn = block(at('2026-11-23T14:30', BERLIN), at('2026-11-23T15:30', BERLIN));
    const later = { start: at('2026-11-23T17:30', BERLIN), end: at('2026-11-23T18:30', BERLIN) };
    const [right, ...rest] = laneAway(lane(from, [drawn], [later]), from, seen);
    expect(rest).toEqual([]);
    expect(right?.side).toBe('right');
    expect(right?.count).toBe(2);
    // Known by the hour only: to the end of 18:00's hour, and from the drawn window's 14:30.
    expect(spanOnDay(right?.start ?? 0, right?.end ?? 0, BERLIN, '2026-11-23')).toBe('14:30–19:00');
  });

  it('names each side apart when windows lie on both, a count only where it is known', () => {
    const from = at('2026-11-23T00:00', BERLIN);
    const seen = { from: at('2026-11-23T10:00', BERLIN), to: at('2026-11-23T12:00', BERLIN) };
    const morning = block(at('2026-11-23T08:00', BERLIN), at('2026-11-23T09:00', BERLIN));
    const evening = block(at('2026-11-23T16:00', BERLIN), at('2026-11-23T17:00', BERLIN));
    expect(
      laneAway(lane(from, [morning, evening]), from, seen).map((a) => [a.side, a.count]),
    ).toEqual([
      ['left', 1],
      ['right', 1],
    ]);
    const hidden = { start: evening.start, end: evening.end };
    expect(
      laneAway(lane(from, [morning, evening], [hidden]), from, seen).map((a) => [a.side, a.count]),
    ).toEqual([
      ['left', null],
      ['right', null],
    ]);
  });
});
