import { DateTime } from 'luxon';
import type { PlannerRow } from '../../shared/contract';
import type { TeamBlock, TeamDay, TeamLane } from '../../shared/teamContract';
import type { UnshownWindow } from './teamCoverage';
import type { RepDay, TeamSchedule } from './teamSchedule';

const HOUR = 3_600_000;
/**
 * A lane draws at most this many blocks: 12 reps with 60 windows each are all drawn; a rep with
 * thousands of people shows the best-rated and the rest as counts per hour (`density`).
 */
export const MAX_BLOCKS_PER_LANE = 150;
/** The screen lists this many clashes and hot contacts at most (with the totals). */
const MAX_LISTED = 200;

/** The Team page's answer: lanes on a shared axis, capped for the screen. */
export function teamDayView(schedule: TeamSchedule): TeamDay {
  const axis = axisOf(schedule);
  const hours = Math.max(1, Math.round((axis.to - axis.from) / HOUR));
  return {
    date: schedule.date,
    now: schedule.now,
    manager: {
      id: schedule.manager.id,
      name: schedule.manager.name,
      timeZone: schedule.manager.time_zone,
    },
    axis,
    reps: schedule.reps.map((r) => laneOf(r, axis.from, hours)),
    clashes: schedule.clashes.slice(0, MAX_LISTED),
    clashTotal: schedule.clashes.length,
    unplannedHot: schedule.unplannedHot.slice(0, MAX_LISTED),
    unplannedHotTotal: schedule.unplannedHot.length,
    hotVisitors: schedule.hotVisitors,
    byHour: schedule.byHour,
  };
}

/**
 * Whole hours of the manager's zone around every window shown; the manager's 08:00–18:00 when
 * there is none. A follow-the-sun team's reps' days together span at most two.
 */
function axisOf(schedule: TeamSchedule): { from: number; to: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const r of schedule.reps) {
    const span = spanOf(r.rows, r.unshown);
    if (span.min < min) min = span.min;
    if (span.max > max) max = span.max;
  }
  const zone = schedule.manager.time_zone;
  if (min === Infinity) {
    const day = DateTime.fromMillis(schedule.day.from, { zone });
    return { from: day.set({ hour: 8 }).toMillis(), to: day.set({ hour: 18 }).toMillis() };
  }
  const from = DateTime.fromMillis(min, { zone }).startOf('hour').toMillis();
  const to =
    DateTime.fromMillis(max - 1, { zone })
      .startOf('hour')
      .toMillis() + HOUR;
  return { from, to: Math.min(to, from + 48 * HOUR) };
}

/**
 * A lane's drawing, kept with the rows it was drawn from: a warm team view hands the same rows
 * back until one of them changes state, and choosing the blocks sorts thousands of them.
 */
const drawn = new WeakMap<
  readonly PlannerRow[],
  {
    axisFrom: number;
    hours: number;
    workedAt: readonly (number | null)[];
    unshown: readonly UnshownWindow[];
    lane: Drawing;
  }
>();
type Drawing = Pick<TeamLane, 'blocks' | 'hiddenBlocks' | 'density'>;

/** The first start and the last end of a rep's windows, kept with the rows. */
const spans = new WeakMap<
  readonly PlannerRow[],
  { unshown: readonly UnshownWindow[]; min: number; max: number }
>();
function spanOf(
  rows: readonly PlannerRow[],
  unshown: readonly UnshownWindow[],
): { min: number; max: number } {
  let span = spans.get(rows);
  if (span?.unshown !== unshown) {
    span = { unshown, min: Infinity, max: -Infinity };
    for (const w of [...rows, ...unshown]) {
      if (w.start === null || w.end === null) continue;
      if (w.start < span.min) span.min = w.start;
      if (w.end > span.max) span.max = w.end;
    }
    spans.set(rows, span);
  }
  return span;
}

function laneOf(r: RepDay, axisFrom: number, hours: number): TeamLane {
  let kept = drawn.get(r.rows);
  if (
    kept?.axisFrom !== axisFrom ||
    kept.hours !== hours ||
    kept.workedAt !== r.workedAt ||
    kept.unshown !== r.unshown
  ) {
    kept = {
      axisFrom,
      hours,
      workedAt: r.workedAt,
      unshown: r.unshown,
      lane: draw(r, axisFrom, hours),
    };
    drawn.set(r.rows, kept);
  }
  return {
    repId: r.rep.id,
    name: r.rep.name,
    email: r.rep.email,
    timeZone: r.rep.time_zone,
    team: r.rep.team,
    date: r.plan.date,
    coverage: r.coverage,
    ...kept.lane,
    workingHours: r.workingHours.map(([start, end]) => ({ start, end })),
  };
}

/** A block to draw: a row with a window, or a window of the day no row shows at the moment. */
interface Drawable {
  row: PlannerRow;
  action: PlannerRow['action'];
  start: number;
  end: number;
  stars: number;
  /** The row's reason and action are its own window's: an unshown window has its own. */
  reason: string | null;
  workedAt: number | null;
}

function draw(r: RepDay, axisFrom: number, hours: number): Drawing {
  const density = new Array<number>(hours).fill(0);
  const all: Drawable[] = [];
  r.rows.forEach((row, i) => {
    if (row.start === null || row.end === null) return;
    all.push({
      row,
      start: row.start,
      end: row.end,
      stars: row.stars ?? 0,
      action: row.action,
      reason: row.reason,
      workedAt: r.workedAt[i] ?? null,
    });
  });
  // Every window coverage counts: a missed one stays on the lane when the plan has moved on.
  for (const w of r.unshown) all.push({ ...w, reason: null });
  for (const w of all) {
    const first = Math.max(0, Math.floor((w.start - axisFrom) / HOUR));
    const last = Math.min(hours, Math.ceil((w.end - axisFrom) / HOUR));
    for (let h = first; h < last; h++) density[h] = (density[h] ?? 0) + 1;
  }
  let shown = all;
  if (all.length > MAX_BLOCKS_PER_LANE) {
    // The best-rated, by half stars from five down; the earliest first where the cut falls.
    const byStars: Drawable[][] = Array.from({ length: 11 }, () => []);
    for (const w of all) byStars[Math.max(0, Math.min(10, Math.round(w.stars * 2)))]?.push(w);
    shown = [];
    for (let s = 10; s >= 0 && shown.length < MAX_BLOCKS_PER_LANE; s--) {
      const bucket = byStars[s] ?? [];
      if (shown.length + bucket.length > MAX_BLOCKS_PER_LANE)
        bucket.sort((a, b) => a.start - b.start);
      for (const w of bucket) {
        if (shown.length === MAX_BLOCKS_PER_LANE) break;
        shown.push(w);
      }
    }
  }
  const blocks = shown.map(({ row, action, start, end, stars, reason, workedAt }): TeamBlock => ({
    personId: row.personId,
    name: row.name,
    company: row.company,
    channel: row.channel,
    start,
    end,
    stars,
    reason,
    contactTz: row.contactTz,
    action,
    workedAt,
  }));
  return {
    blocks: blocks.sort((a, b) => a.start - b.start || b.stars - a.stars),
    hiddenBlocks: all.length - blocks.length,
    density,
  };
}
