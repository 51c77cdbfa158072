import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { TeamBlock, TeamDay, TeamLane } from '../../../src/shared/teamContract';
import { filteredTeamDay } from '../../../src/renderer/src/team/filteredTeamDay';
import { laneAway } from '../../../src/renderer/src/team/laneAway';
import { spanOnDay } from '../../../src/renderer/src/team/spanOnDay';

const HOUR = 3_600_000;
const at = (iso: string): number => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const NOW = at('2026-11-23T10:00');

let n = 0;
const block = (stars: number, start: number, counted = true): TeamBlock => ({
  personId: `p${++n}`,
  name: `Person ${n}`,
  company: null,
  channel: 'call',
  start,
  end: start + HOUR,
  stars,
  reason: null,
  contactTz: 'Europe/Berlin',
  action: null,
  worked: null,
  setAside: false,
  counted,
});

/** A lane with the fields the filters read; the rest of a lane does not enter into them. */
const lane = (
  repId: string,
  blocks: TeamBlock[],
  hiddenBlocks: number,
  filteredOut = 0,
): TeamLane =>
  ({ repId, name: repId, blocks, hiddenBlocks, filteredOut, density: [] }) as unknown as TeamLane;
const dayOf = (...reps: TeamLane[]): TeamDay =>
  ({
    axis: { from: at('2026-11-23T00:00'), to: at('2026-11-24T00:00') },
    reps,
  }) as unknown as TeamDay;

describe('the Team board under its filters', () => {
  const later = at('2026-11-23T14:00');
  const stars = [1, 2, 3, 4, 5].map((s) => block(s, later));

  it('keeps "more not shown" to the windows the limit cut, and counts what the stars hide apart', () => {
    const { day, filteredOut } = filteredTeamDay(
      dayOf(lane('anna', stars, 36)),
      { minStars: 3, hidePassed: false },
      NOW,
    );
    const anna = day.reps[0];
    expect(anna?.blocks.map((b) => b.stars)).toEqual([3, 4, 5]);
    expect(anna?.hiddenBlocks).toBe(36);
    expect(filteredOut.get('anna')).toBe(2);
  });

  it('counts a window that passed, not counted, as hidden by "Hide passed", not as cut', () => {
    const passed = block(1, at('2026-11-23T08:00'), false);
    const missed = block(4, at('2026-11-23T08:00'), true);
    const { day, filteredOut } = filteredTeamDay(
      dayOf(lane('tom', [passed, missed, ...stars], 0)),
      { minStars: 0, hidePassed: true },
      NOW,
    );
    expect(day.reps[0]?.blocks).toHaveLength(6);
    expect(day.reps[0]?.hiddenBlocks).toBe(0);
    expect(filteredOut.get('tom')).toBe(1);
  });

  it('adds a block that passed since the core filtered the day to the windows the core hid', () => {
    // Asked with "Hide passed" at 08:30: the core hid 40 windows; one drawn then passed at 09:00.
    const passedSince = block(1, at('2026-11-23T08:00'), false);
    const { day, filteredOut } = filteredTeamDay(
      dayOf(lane('tom', [passedSince, ...stars], 12, 40)),
      { minStars: 0, hidePassed: true },
      NOW,
    );
    expect(day.reps[0]?.blocks).toHaveLength(5);
    expect(day.reps[0]?.hiddenBlocks).toBe(12);
    expect(filteredOut.get('tom')).toBe(41);
    // The page's filters off while the core's answer with them is still shown: its count stays.
    const off = filteredTeamDay(day, { minStars: 0, hidePassed: false }, NOW);
    expect(off.filteredOut.get('tom')).toBe(40);
  });

  it('leaves a lane the filters take nothing from as it was, and the day itself with no filter', () => {
    const sure = lane('lars', stars.slice(2), 4);
    const some = dayOf(sure, lane('anna', stars, 36));
    const filtered = filteredTeamDay(some, { minStars: 3, hidePassed: false }, NOW);
    expect(filtered.day.reps[0]).toBe(sure);
    expect(filtered.filteredOut.has('lars')).toBe(false);
    const none = filteredTeamDay(some, { minStars: 0, hidePassed: false }, NOW);
    expect(none.day).toBe(some);
    expect(none.filteredOut.size).toBe(0);
  });
});

/**
 * A lane as the core sends it on an axis from `axisFrom`: its strip counts every window per hour
 * it overlaps (teamDayView's `draw`), drawn or not (`hidden`).
 */
function stripLane(
  axisFrom: number,
  blocks: TeamBlock[],
  hidden: { start: number; end: number }[] = [],
): TeamLane {
  const density = new Array<number>(30).fill(0);
  for (const w of [...blocks, ...hidden])
    for (
      let h = Math.floor((w.start - axisFrom) / HOUR);
      h < Math.ceil((w.end - axisFrom) / HOUR);
      h++
    )
      density[h] = (density[h] ?? 0) + 1;
  return {
    repId: 'anna',
    name: 'Anna',
    blocks,
    hiddenBlocks: hidden.length,
    density,
  } as unknown as TeamLane;
}

describe("the Team lane's hourly strip under the filters", () => {
  // Sunday 25 October 2026: Berlin's clocks go back at 03:00, the day has 25 hours and its
  // afternoon hours sit one further along the axis than on any other day.
  const axisFrom = at('2026-10-25T00:00');
  const dayOf25 = (lane: TeamLane): TeamDay =>
    ({ axis: { from: axisFrom, to: axisFrom + 25 * HOUR }, reps: [lane] }) as unknown as TeamDay;
  /** The strip's hours with windows open, on Berlin's clock, with how many. */
  const strip = (lane: TeamLane | undefined): string[] =>
    (lane?.density ?? []).flatMap((count, h) =>
      count
        ? [
            `${DateTime.fromMillis(axisFrom + h * HOUR, { zone: 'Europe/Berlin' }).toFormat('HH:mm')} ${count}`,
          ]
        : [],
    );
  const weak = block(1, at('2026-10-25T11:00'));
  const weakAtTwo = block(1, at('2026-10-25T02:30'));
  const strong = block(4, at('2026-10-25T16:00'));
  const undrawn = { start: at('2026-10-25T18:00'), end: at('2026-10-25T19:00') };

  it('counts only the windows the stars filter leaves in, the undrawn ones still, on a 25-hour day', () => {
    const lane = stripLane(axisFrom, [weakAtTwo, weak, strong], [undrawn]);
    // 02:30 on the second 02:00 (winter time) runs into 03:00.
    expect(strip(lane)).toEqual(['02:00 1', '03:00 1', '11:00 1', '16:00 1', '18:00 1']);
    const shown = filteredTeamDay(dayOf25(lane), { minStars: 2, hidePassed: false }, NOW);
    expect(strip(shown.day.reps[0])).toEqual(['16:00 1', '18:00 1']);
  });

  it('lets a lane whose shown windows are all out of sight say where they are, a hidden one in sight no longer in the way', () => {
    const lane = stripLane(axisFrom, [weak, strong]);
    const seen = { from: at('2026-10-25T10:00'), to: at('2026-10-25T13:00') };
    const { day } = filteredTeamDay(dayOf25(lane), { minStars: 2, hidePassed: false }, NOW);
    const [says, ...more] = laneAway(day.reps[0] as TeamLane, axisFrom, seen);
    expect(more).toEqual([]);
    expect(says?.side).toBe('right');
    expect(says?.count).toBe(1);
    expect(spanOnDay(says?.start ?? 0, says?.end ?? 0, 'Europe/Berlin', '2026-10-25')).toBe(
      '16:00–17:00',
    );
  });

  it('takes a window that passed from the strip once "Hide passed" hides it', () => {
    const morning = block(1, at('2026-10-25T08:00'), false);
    const lane = stripLane(axisFrom, [morning, strong]);
    const { day } = filteredTeamDay(
      dayOf25(lane),
      { minStars: 0, hidePassed: true },
      at('2026-10-25T12:00'),
    );
    expect(strip(day.reps[0])).toEqual(['16:00 1']);
  });
});
