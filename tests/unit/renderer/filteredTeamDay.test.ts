import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { TeamBlock, TeamDay, TeamLane } from '../../../src/shared/teamContract';
import { filteredTeamDay } from '../../../src/renderer/src/team/filteredTeamDay';

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
const lane = (repId: string, blocks: TeamBlock[], hiddenBlocks: number): TeamLane =>
  ({ repId, name: repId, blocks, hiddenBlocks }) as unknown as TeamLane;
const dayOf = (...reps: TeamLane[]): TeamDay => ({ reps }) as unknown as TeamDay;

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
