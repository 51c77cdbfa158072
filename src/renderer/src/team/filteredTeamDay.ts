import type { TeamDay } from '@shared/teamContract';
import { teamBlockShown, teamBlockState, type TeamBlockFilter } from '@shared/teamBlockState';

/** The lanes as the page's filters leave them, and how many windows the filters took from each. */
export interface FilteredTeamDay {
  day: TeamDay;
  /** By rep: the lane's drawn windows the filters leave out (absent: none). */
  filteredOut: ReadonlyMap<string, number>;
}

const NONE: ReadonlyMap<string, number> = new Map();

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
    const blocks = lane.blocks.filter((b) => teamBlockShown(b, teamBlockState(b, now), filter));
    if (blocks.length === lane.blocks.length) return lane;
    filteredOut.set(lane.repId, lane.blocks.length - blocks.length);
    return { ...lane, blocks };
  });
  return { day: { ...day, reps }, filteredOut };
}
