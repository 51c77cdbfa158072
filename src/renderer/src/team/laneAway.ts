import type { TeamLane } from '@shared/teamContract';

const HOUR = 3_600_000;

/** A lane's windows on one side of the part of the board in sight, all of them out of it. */
export interface LaneAway {
  side: 'left' | 'right';
  /** The first start and the last end of those windows (UTC ms). */
  start: number;
  end: number;
  /** How many; null when some of them are windows the lane does not draw, counted only per hour. */
  count: number | null;
}

/**
 * Where a lane's windows are when none is in sight: a rep in Sydney works 23:00–07:00 on a
 * Berlin board that opens at 08:00, and their lane read as a day with nothing in it (audit49 #4).
 * Nothing when a window (drawn, or counted in the lane's hourly strip) is in sight, or the lane
 * has none. `seen` is the part of the axis in sight, in UTC ms; the strip's hours are the axis's.
 */
export function laneAway(
  lane: Pick<TeamLane, 'blocks' | 'hiddenBlocks' | 'density'>,
  axisFrom: number,
  seen: { from: number; to: number },
): LaneAway[] {
  const sides = {
    left: { start: Infinity, end: -Infinity, drawn: 0, first: Infinity, last: -Infinity },
    right: { start: Infinity, end: -Infinity, drawn: 0, first: Infinity, last: -Infinity },
  };
  for (const b of lane.blocks) {
    if (b.end > seen.from && b.start < seen.to) return [];
    const side = b.end <= seen.from ? sides.left : sides.right;
    side.drawn++;
    side.start = Math.min(side.start, b.start);
    side.end = Math.max(side.end, b.end);
  }
  // The windows the lane does not draw are known by the hours they cover only: an hour in sight
  // with one is no blank lane (its strip shows there), and one out of sight before the first
  // drawn window's hour (or after the last's) widens that side to it.
  for (let h = 0; h < lane.density.length; h++) {
    if (!lane.density[h]) continue;
    const start = axisFrom + h * HOUR;
    const end = start + HOUR;
    if (end > seen.from && start < seen.to) return [];
    const side = end <= seen.from ? sides.left : sides.right;
    side.first = Math.min(side.first, start);
    side.last = Math.max(side.last, end);
  }
  const hourOf = (at: number): number => axisFrom + Math.floor((at - axisFrom) / HOUR) * HOUR;
  const out: LaneAway[] = [];
  for (const side of ['left', 'right'] as const) {
    const s = sides[side];
    if (s.drawn === 0 && s.first === Infinity) continue;
    const other = sides[side === 'left' ? 'right' : 'left'];
    const alone = other.drawn === 0 && other.first === Infinity;
    out.push({
      side,
      start: s.drawn > 0 && s.first >= hourOf(s.start) ? s.start : s.first,
      end: s.drawn > 0 && s.last <= hourOf(s.end - 1) + HOUR ? s.end : s.last,
      count: lane.hiddenBlocks === 0 ? s.drawn : alone ? s.drawn + lane.hiddenBlocks : null,
    });
  }
  return out;
}
