import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import { MAX_BLOCKS_PER_LANE } from '../../src/main/team/teamDayView';
import type { TeamLane } from '../../src/shared/teamContract';
import { berlin, teamOrgDb, type TeamOrg } from '../fixtures/teamOrg';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// A lane draws 150 windows and knows the rest only as counts. The page's Stars and "Hide passed"
// filters used to be applied to the 150 drawn alone: a rep with hundreds of 1★ windows showed
// none of their 3★ ones beyond the 150, "N more not shown" counted windows the filter hides, and
// the hourly strip counted them too. The core now chooses the 150 among the windows the filters
// leave in.

const HOUR = 3_600_000;
let dir: TempDir | null = null;
let org: TeamOrg;
let core: Core;

async function teamOf(now: number): Promise<void> {
  dir = makeTempDir('cw-team-filters-');
  org = await teamOrgDb(dir);
  core = createCore(org.db, () => now);
  await core.handlers.setCurrentUser({ userId: 'm1' });
}
afterEach(async () => {
  await org.db.close();
  dir?.remove();
  dir = null;
});

/** `n` people of Rita's, each with one call window on `weekday` in Berlin. */
function people(
  prefix: string,
  n: number,
  weekday: number,
  from: string,
  to: string,
  stars: number,
) {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  for (const id of ids) {
    org.person(id, 'r1');
    org.window(id, 'call', weekday, from, to, stars);
  }
  return ids;
}

async function rita(filter: { minStars?: 0 | 2 | 3; hidePassed?: boolean } = {}): Promise<{
  lane: TeamLane;
  axisFrom: number;
}> {
  const day = await core.handlers.getTeamDay({ channel: 'call', ...filter });
  const lane = day.reps.find((r) => r.repId === 'r1');
  if (!lane) throw new Error("no lane of Rita's");
  return { lane, axisFrom: day.axis.from };
}

/** The lane's strip at a Berlin wall-clock hour. */
const strip = (at: { lane: TeamLane; axisFrom: number }, berlinIso: string): number | undefined =>
  at.lane.density[Math.floor((berlin(berlinIso) - at.axisFrom) / HOUR)];

/** The windows of Rita's the page's CSV holds with these filters: "all in a CSV". */
async function inCsv(filter: { minStars?: 0 | 2 | 3; hidePassed?: boolean }): Promise<number> {
  const file = await core.handlers.exportTeamDay({
    format: 'csv',
    repId: 'r1',
    channel: 'call',
    ...filter,
  });
  return file.content.trim().split('\r\n').length - 1;
}

describe('the Stars filter chooses the windows a full lane draws (TM-1)', () => {
  it('draws the 3★ windows ranked beyond the first 150, and counts only 3★ ones as not shown', async () => {
    // Monday 23 November 2026, 10:00 in Berlin. Rita worked 160 people's 1★ windows at 08:00
    // (ranked first: what the rep did), 155 people have a 3★ window to come, 40 a 1★ one.
    await teamOf(berlin('2026-11-23T10:00'));
    const worked = people('w', 160, 1, '08:00', '09:00', 1);
    for (const id of worked) org.activity(id, 'r1', 'call', '2026-11-23T08:30');
    people('g', 100, 1, '11:00', '12:00', 3);
    people('h', 55, 1, '14:00', '15:00', 3);
    people('l', 40, 1, '16:00', '17:00', 1);

    const any = await rita();
    expect(any.lane.blocks).toHaveLength(MAX_BLOCKS_PER_LANE);
    // Without a filter the 150 are the worked 1★ windows: no 3★ one is drawn.
    expect(any.lane.blocks.filter((b) => b.stars >= 3)).toHaveLength(0);
    expect(any.lane.hiddenBlocks).toBe(355 - 150);
    expect(strip(any, '2026-11-23T08:00')).toBe(160);

    const three = await rita({ minStars: 3 });
    expect(three.lane.blocks).toHaveLength(MAX_BLOCKS_PER_LANE);
    expect(three.lane.blocks.every((b) => b.stars >= 3)).toBe(true);
    // 155 windows of 3★ or more: 150 drawn, 5 more not shown, 200 hidden by the filter.
    expect(three.lane.hiddenBlocks).toBe(5);
    expect(three.lane.blocks.length + three.lane.hiddenBlocks).toBe(await inCsv({ minStars: 3 }));
    // The strip counts the 3★ windows alone, drawn or not.
    expect(strip(three, '2026-11-23T08:00')).toBe(0);
    expect(strip(three, '2026-11-23T11:00')).toBe(100);
    expect(strip(three, '2026-11-23T14:00')).toBe(55);
    expect(strip(three, '2026-11-23T16:00')).toBe(0);
    // The coverage is the day's, whatever the page draws; "hidden by filters" counts the rest.
    expect(three.lane.coverage).toEqual(any.lane.coverage);
    expect(three.lane.filteredOut).toBe(200);
    expect(any.lane.filteredOut).toBe(0);
  });
});

describe('"Hide passed" chooses the windows a full lane draws, across the autumn change (TM-1)', () => {
  it('on Sunday 25 October 2026 in Berlin (25 hours) draws what is still to come and counts it per hour', async () => {
    // 10:00 CET (09:00 UTC), the clocks went back at 03:00 CEST. Rita works every hour.
    await teamOf(berlin('2026-10-25T10:00'));
    org.shift('all', 'Europe/Berlin', 'Mon-Sun 00:00-24:00', ['r1']);
    // 1★ windows (never counted: they pass): 160 at 01:00 CEST, before the change; 30 ended at
    // 09:30 CET; 20 from 10:15 CET (an hour earlier by the summer's offset: passed, had the
    // offset not changed); 160 in the afternoon.
    people('e', 160, 7, '01:00', '02:00', 1);
    people('p', 30, 7, '08:30', '09:30', 1);
    people('n', 20, 7, '10:15', '10:45', 1);
    people('u', 160, 7, '15:00', '16:00', 1);

    const all = await rita();
    expect(all.lane.blocks).toHaveLength(MAX_BLOCKS_PER_LANE);
    // By rank alike, the earliest are drawn: the night's, every one passed.
    expect(all.lane.blocks.every((b) => b.end <= berlin('2026-10-25T02:00'))).toBe(true);
    expect(all.lane.hiddenBlocks).toBe(370 - 150);

    const toCome = await rita({ hidePassed: true });
    expect(toCome.lane.blocks).toHaveLength(MAX_BLOCKS_PER_LANE);
    expect(toCome.lane.blocks.every((b) => b.end > berlin('2026-10-25T10:00'))).toBe(true);
    expect(toCome.lane.blocks.filter((b) => b.start === berlin('2026-10-25T10:15'))).toHaveLength(
      20,
    );
    expect(toCome.lane.hiddenBlocks).toBe(30);
    expect(toCome.lane.blocks.length + toCome.lane.hiddenBlocks).toBe(
      await inCsv({ hidePassed: true }),
    );
    // The axis starts at 01:00 CEST: 10:00 CET is its eleventh hour, not its tenth.
    expect((berlin('2026-10-25T10:00') - toCome.axisFrom) / HOUR).toBe(10);
    expect(toCome.lane.density[10]).toBe(20);
    expect(strip(toCome, '2026-10-25T01:00')).toBe(0);
    expect(strip(toCome, '2026-10-25T09:00')).toBe(0);
    expect(strip(toCome, '2026-10-25T15:00')).toBe(160);
    expect(toCome.lane.empty).toBeNull();
    expect(toCome.lane.filteredOut).toBe(190);
  });
});
