import type { TeamBlock, TeamDay } from '@shared/teamContract';
import { teamBlockShown, teamBlockState, type TeamBlockFilter } from '@shared/teamBlockState';

/** The lanes as the page's filters leave them, and how many windows the filters took from each. */
export interface FilteredTeamDay {
  day: TeamDay;
  /** By rep: the lane's windows the filters leave out, drawn or not (absent: none). */
  filteredOut: ReadonlyMap<string, number>;
}

const NONE: ReadonlyMap<string, number> = new Map();
const HOUR = 3_600_000;

/**
 * The lanes with only the blocks the page's filters leave in. The core chose the blocks, the
 * lane's "more not shown" (`hiddenBlocks`) and its strip among the windows the filters left in
 * when it answered (`TeamLane.filteredOut`); here the filters are applied again at the page's
 * clock, so a block that passes while the page stays open leaves with "Hide passed" on without
 * asking again, and a filter changed while the new answer is on its way takes the drawn blocks
 * off at once. The day itself when nothing more is filtered: the board places a lane's blocks
 * again only when its lane changes.
 */
export function filteredTeamDay(
  day: TeamDay,
  filter: TeamBlockFilter,
  now: number,
): FilteredTeamDay {
  const core = byCore(day);
  if (filter.minStars === 0 && !filter.hidePassed) return { day, filteredOut: core };
  const filteredOut = new Map(core);
  const reps = day.reps.map((lane) => {
    const blocks: TeamBlock[] = [];
    const left: TeamBlock[] = [];
    for (const b of lane.blocks)
      (teamBlockShown(b, teamBlockState(b, now), filter) ? blocks : left).push(b);
    if (left.length === 0) return lane;
    filteredOut.set(lane.repId, lane.filteredOut + left.length);
    return { ...lane, blocks, density: densityWithout(lane.density, left, day.axis.from) };
  });
  return { day: { ...day, reps }, filteredOut };
}

/** The windows the core's answer already left out, by rep. */
function byCore(day: TeamDay): ReadonlyMap<string, number> {
  let out: Map<string, number> | null = null;
  for (const lane of day.reps)
    if (lane.filteredOut > 0) (out ??= new Map()).set(lane.repId, lane.filteredOut);
  return out ?? NONE;
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
