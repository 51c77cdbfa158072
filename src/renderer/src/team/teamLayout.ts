import { DateTime } from 'luxon';
import type { TeamBlock } from '@shared/teamContract';
import { teamBlockRank } from '@shared/teamBlockState';

/** Blocks drawn on top of each other in a lane at most: more go into the hour's "+N". */
export const MAX_TRACKS = 4;
const HOUR = 3_600_000;

export interface Placed {
  block: TeamBlock;
  track: number;
}

/**
 * The lane's blocks in tracks: those that matter most first (`teamBlockRank`), then the best-rated, then
 * the earliest, each in the first track it fits without overlapping another; what fits in none is
 * counted per hour it starts in. An hour with more windows than tracks draws the ones worked,
 * reached or missed, not a passed half-star window the coverage ignores.
 */
export function placeBlocks(
  blocks: readonly TeamBlock[],
  axisFrom: number,
  maxTracks = MAX_TRACKS,
): { placed: Placed[]; overflow: Map<number, TeamBlock[]> } {
  const order = [...blocks].sort(
    (a, b) => teamBlockRank(a) - teamBlockRank(b) || b.stars - a.stars || a.start - b.start,
  );
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

/**
 * Hour marks of the axis in the manager's zone. An axis runs over up to two of the manager's days
 * (a follow-the-sun team), so the first mark of each new day names its weekday ("Tue 00:00"):
 * 14:00 on Monday must not read as Tuesday's (the axis's corner names the day it starts on). A new
 * day is found by its date, not by a 00:00 mark: a zone that changes its clocks at midnight has
 * no 00:00 that day.
 */
export function hourTicks(
  axis: { from: number; to: number },
  zone: string,
): { at: number; label: string; newDay: boolean }[] {
  const hours = Math.round((axis.to - axis.from) / HOUR);
  const out: { at: number; label: string; newDay: boolean }[] = [];
  let lastDay = DateTime.fromMillis(axis.from, { zone }).toISODate() ?? '';
  for (let h = 0; h <= hours; h++) {
    const at = axis.from + h * HOUR;
    const local = DateTime.fromMillis(at, { zone }).setLocale('en');
    const day = local.toISODate() ?? '';
    const newDay = day !== lastDay;
    out.push({ at, label: local.toFormat(newDay ? 'ccc HH:mm' : 'HH:mm'), newDay });
    lastDay = day;
  }
  return out;
}

/** The day an instant falls on in the manager's zone, as the axis's corner names it: "Tue 24 Nov". */
export function axisDayAt(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).setLocale('en').toFormat('ccc d LLL');
}

/** How far before the point it opens on the board starts: the hour before is in sight. */
const OPENING_LEAD = HOUR;

/**
 * Where the board opens on a day whose current time is not on it (another day, or today outside
 * its windows): an hour before the first rep starts work that day (their shaded hours, those of
 * the day their lane shows), as a manager looks at a day from its morning; on a day nobody works
 * (a weekend), an hour before its first window. "That day" is the date shown, in the manager's
 * zone, and the working hours that run into it: a Sydney rep's Tuesday starts at 22:30 on Monday
 * in Berlin, and is at work at Tuesday's midnight. The windows of a follow-the-sun axis start on
 * the evening before, hours before anyone near the manager works: they do not open the board
 * unless nobody works. In pixels from the axis's start.
 */
export function openingOn(
  day: {
    date: string;
    axis: { from: number; to: number };
    reps: readonly {
      workingHours: readonly { start: number; end: number }[];
      blocks: readonly { start: number }[];
    }[];
  },
  zone: string,
): number {
  const from = DateTime.fromISO(day.date, { zone }).startOf('day').toMillis();
  const to = DateTime.fromISO(day.date, { zone }).plus({ days: 1 }).startOf('day').toMillis();
  const onDay = (at: number, first: number | null): boolean =>
    at >= from && at < to && (first === null || at < first);
  let work: number | null = null;
  let firstWindow: number | null = null;
  for (const r of day.reps) {
    for (const w of r.workingHours)
      if (w.start < to && w.end > from && (work === null || w.start < work)) work = w.start;
    for (const b of r.blocks) if (onDay(b.start, firstWindow)) firstWindow = b.start;
  }
  const at = work ?? firstWindow ?? day.axis.from;
  return xOf(at - OPENING_LEAD, day.axis);
}
