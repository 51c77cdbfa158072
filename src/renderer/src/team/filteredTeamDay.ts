import type { TeamBlock, TeamDay } from '@shared/teamContract';
import { teamBlockShown, teamBlockState, type TeamBlockFilter } from '@shared/teamBlockState';

/** The lanes as the page's filters leave them, and how many windows the filters took from each. */
export interface FilteredTeamDay {
  day: TeamDay;
  /** By rep: the lane's drawn windows the filters leave out (absent: none). */
  filteredOut: ReadonlyMap<string, number>;
}

const NONE: ReadonlyMap<string, number> = new Map();
const HOUR = 3_600_000;

/**
 * The lanes with only the blocks the page's filters leave in. Those left out are counted apart
 * from those the board's limit did not draw (`hiddenBlocks`, the core's): "36 more not shown"
 * counted both, so a lane with 3★ or more picked said windows were missing that the CSV it pointed
 * to leaves out too. The day itself when nothing is filtered: the board places a lane's blocks
 * again only when its lane changes.
 */
export function filteredTeamDay(
  day: TeamDay,
  filter: TeamBlockFilter,
  now: number,
): FilteredTeamDay {
  if (filter.minStars === 0 && !filter.hidePassed) return { day, filteredOut: NONE };
  const filteredOut = new Map<string, number>();
  const reps = day.reps.map((lane) => {
    const blocks: TeamBlock[] = [];
    const left: TeamBlock[] = [];
    for (const b of lane.blocks)
      (teamBlockShown(b, teamBlockState(b, now), filter) ? blocks : left).push(b);
    if (left.length === 0) return lane;
    filteredOut.set(lane.repId, left.length);
    return { ...lane, blocks, density: densityWithout(lane.density, left, day.axis.from) };
  });
  return { day: { ...day, reps }, filteredOut };
}

/**
 * The lane's hourly strip without the windows the filters left out, each taken from the hours the
 * core counted it in (teamDayView's `draw`: every axis hour it overlaps). A window the strip kept
 * counting under a filter showed a lane as busy in hours where nothing was drawn, and kept the
 * lane from saying where its windows are (laneAway). The windows the core does not draw are known
 * only by these counts, so they stay in, as they stay in the lane's "more not shown".
 */
function densityWithout(
  density: readonly number[],
  left: readonly TeamBlock[],
  axisFrom: number,
): number[] {
  const out = [...density];
  for (const b of left) {
    const first = Math.max(0, Math.floor((b.start - axisFrom) / HOUR));
    const last = Math.min(out.length, Math.ceil((b.end - axisFrom) / HOUR));
    for (let h = first; h < last; h++) out[h] = Math.max(0, (out[h] ?? 0) - 1);
  }
  return out;
}
