import { DateTime } from 'luxon';
import type { TeamBlock } from '@shared/teamContract';

/** Blocks drawn on top of each other in a lane at most: more go into the hour's "+N". */
export const MAX_TRACKS = 4;
const HOUR = 3_600_000;

export interface Placed {
  block: TeamBlock;
  track: number;
}

/**
 * The lane's blocks in tracks: the best-rated first (then the earliest), each in the first track
 * it fits without overlapping another; what fits in none is counted per hour it starts in.
 */
export function placeBlocks(
  blocks: readonly TeamBlock[],
  axisFrom: number,
  maxTracks = MAX_TRACKS,
): { placed: Placed[]; overflow: Map<number, TeamBlock[]> } {
  const order = [...blocks].sort((a, b) => b.stars - a.stars || a.start - b.start);
  const tracks: [number, number][][] = Array.from({ length: maxTracks }, () => []);
  const placed: Placed[] = [];
  const overflow = new Map<number, TeamBlock[]>();
  for (const block of order) {
    const track = tracks.findIndex((taken) =>
      taken.every(([s, e]) => block.end <= s || e <= block.start),
    );
    if (track >= 0) {
      tracks[track]?.push([block.start, block.end]);
      placed.push({ block, track });
      continue;
    }
    const hour = Math.floor((block.start - axisFrom) / HOUR);
    const list = overflow.get(hour);
    if (list) list.push(block);
    else overflow.set(hour, [block]);
  }
  return { placed, overflow };
}

/**
 * Pixels an hour takes on the axis: a one-hour window is wide enough to read a name and stars
 * on; a follow-the-sun team's day (up to two of the manager's) scrolls sideways instead.
 */
export const HOUR_PX = 72;

/** Where an instant sits on the axis, in pixels from its start (clamped to it). */
export function xOf(at: number, axis: { from: number; to: number }): number {
  const px = ((at - axis.from) / HOUR) * HOUR_PX;
  return Math.min(axisWidth(axis), Math.max(0, px));
}

export function axisWidth(axis: { from: number; to: number }): number {
  return Math.max(1, ((axis.to - axis.from) / HOUR) * HOUR_PX);
}

/** Hour marks of the axis in the manager's zone. */
export function hourTicks(
  axis: { from: number; to: number },
  zone: string,
): { at: number; label: string }[] {
  const hours = Math.round((axis.to - axis.from) / HOUR);
  const out: { at: number; label: string }[] = [];
  for (let h = 0; h <= hours; h++) {
    const at = axis.from + h * HOUR;
    out.push({ at, label: DateTime.fromMillis(at, { zone }).toFormat('HH:mm') });
  }
  return out;
}
