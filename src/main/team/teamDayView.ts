import { DateTime } from 'luxon';
import type { PlannerRow } from '../../shared/contract';
import type {
  TeamBlock,
  TeamBlockWork,
  TeamClash,
  TeamClashLine,
  TeamDay,
  TeamLane,
} from '../../shared/teamContract';
import { STRIKE_AFTER_MS } from '../../shared/slotStates';
import {
  teamBlockRank,
  teamBlockShown,
  teamBlockState,
  type TeamBlockFilter,
} from '../../shared/teamBlockState';
import { joinChannels } from './clashChannels';
import { clashEntries } from './clashEntries';
import type { UnshownWindow } from './teamCoverage';
import type { RepDay, TeamSchedule } from './teamSchedule';

const HOUR = 3_600_000;
/**
 * A lane draws at most this many blocks: 12 reps with 60 windows each are all drawn; a rep with
 * thousands of people shows those the board ranks first (`teamBlockRank`: the windows the rep
 * worked or set aside, then those the coverage counts, then the rest, the best-rated of each) and
 * the rest as counts per hour (`density`).
 */
export const MAX_BLOCKS_PER_LANE = 150;
/** Half stars from 0 to 5: 11 steps. */
const HALF_STARS = 11;
/** A lane's windows by rank (`teamBlockRank`, 0 to 5) and half stars: 66 buckets. */
const BUCKETS = 6 * HALF_STARS;
/** The screen lists this many clashes and hot contacts at most (with the totals). */
const MAX_LISTED = 200;

/** The Team page's answer, less what the core adds: the lanes' week figures and the marks' note. */
type TeamDayView = Omit<TeamDay, 'marksUnshared' | 'reps'> & {
  reps: Omit<TeamLane, 'work' | 'tasksCarried'>[];
};

/** No filter: every window of the day is a lane's to draw or count. */
const ALL_WINDOWS: TeamBlockFilter = { minStars: 0, hidePassed: false };

/**
 * The Team page's answer: lanes on a shared axis, capped for the screen. The page's filters
 * choose the windows a lane draws from: the page knows the windows a full lane does not draw
 * only as counts, so a filter applied there left them in "N more not shown" and in the strip.
 */
export function teamDayView(
  schedule: TeamSchedule,
  filter: TeamBlockFilter = ALL_WINDOWS,
): TeamDayView {
  const axis = axisOf(schedule);
  const hours = Math.max(1, Math.round((axis.to - axis.from) / HOUR));
  const grouped = clashesByAccount(schedule.clashes);
  return {
    date: schedule.date,
    now: schedule.now,
    manager: {
      id: schedule.manager.id,
      name: schedule.manager.name,
      timeZone: schedule.manager.time_zone,
    },
    axis,
    reps: schedule.reps.map((r) => laneOf(r, axis.from, hours, schedule.now, filter)),
    clashes: grouped.slice(0, MAX_LISTED),
    clashTotal: grouped.length,
    clashEntries: clashEntries(schedule.clashes).length,
    unplannedHot: schedule.unplannedHot.slice(0, MAX_LISTED),
    unplannedHotTotal: schedule.unplannedHot.length,
    hotVisitors: schedule.hotVisitors,
    byHour: schedule.byHour,
  };
}

/** People a clash line names; the rest are counted (`TeamClashLine.more`). */
const NAMED_PER_CLASH = 6;

/** The last clashes grouped, with the pairs they were grouped from: a warm view hands them back. */
let lastGrouped: { from: readonly TeamClash[]; grouped: TeamClashLine[] } | null = null;

/**
 * The screen's clashes: one per account (or person) and channel over a stretch of time, naming
 * everyone planned there. Five reps' people at one account in one hour were ten pairs, the
 * account-hour read five times over; a manager reads one line with everyone in it. The same
 * people clashing on calls and on emails at overlapping times are one line naming both channels
 * (`joinChannels`). The pairs (`findClashes`) stay as they are for the `team` command. In start
 * order.
 */
export function clashesByAccount(pairs: readonly TeamClash[]): TeamClashLine[] {
  if (lastGrouped?.from === pairs) return lastGrouped.grouped;
  const keyOf = (c: TeamClash): string =>
    `${c.channel}|${c.account === null ? `person|${c.people[0]?.personId ?? ''}` : `account|${c.account}`}`;
  const open = new Map<string, TeamClash>();
  const byChannel: TeamClash[] = [];
  // Pairs come in start order: a pair that starts before the open stretch ends joins it.
  for (const c of pairs) {
    const key = keyOf(c);
    const last = open.get(key);
    if (last && c.start < last.end) {
      last.end = Math.max(last.end, c.end);
      for (const p of c.people)
        if (!last.people.some((q) => q.personId === p.personId && q.repId === p.repId))
          last.people.push(p);
      continue;
    }
    const copy: TeamClash = { ...c, people: [...c.people] };
    open.set(key, copy);
    byChannel.push(copy);
  }
  // Joined before six are named: only lines of the very same people become one.
  const out = joinChannels(byChannel);
  for (const c of out) {
    c.people.sort((a, b) => cmp(a.repId, b.repId) || cmp(a.name, b.name));
    // A line names a few and counts the rest: an account with hundreds of people planned in one
    // stretch read as hundreds of names (and a first paint of the Team page over its second).
    if (c.people.length > NAMED_PER_CLASH) {
      c.more = c.people.length - NAMED_PER_CLASH;
      c.people.length = NAMED_PER_CLASH;
    }
  }
  lastGrouped = { from: pairs, grouped: out };
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
 * A lane's drawings, kept with the rows they were drawn from, one per filter: a warm team view
 * hands the same rows back until one of them changes state, and choosing the blocks sorts
 * thousands of them.
 */
const drawn = new WeakMap<
  readonly PlannerRow[],
  {
    axisFrom: number;
    hours: number;
    worked: readonly (TeamBlockWork | null)[];
    unshown: readonly UnshownWindow[];
    byFilter: Map<string, Drawing>;
  }
>();
type Drawing = Pick<TeamLane, 'blocks' | 'hiddenBlocks' | 'filteredOut' | 'density'> & {
  /** Every start, end and strike of the windows `countsChangeAt` follows, in time order. */
  countChanges: Float64Array;
  /** Windows of the lane, filtered or not: a lane with none says why. */
  windows: number;
  /**
   * The instants between which the drawing holds: with "Hide passed", until the next window
   * ends (it may then pass) and since the last one did; always, without.
   */
  heldFrom: number;
  heldUntil: number;
};

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
    for (const w of rows) {
      if (w.start === null || w.end === null) continue;
      if (w.start < span.min) span.min = w.start;
      if (w.end > span.max) span.max = w.end;
    }
    for (const w of unshown) {
      if (w.start < span.min) span.min = w.start;
      if (w.end > span.max) span.max = w.end;
    }
    spans.set(rows, span);
  }
  return span;
}

function laneOf(
  r: RepDay,
  axisFrom: number,
  hours: number,
  now: number,
  filter: TeamBlockFilter,
): Omit<TeamLane, 'work' | 'tasksCarried'> {
  let kept = drawn.get(r.rows);
  if (
    kept?.axisFrom !== axisFrom ||
    kept.hours !== hours ||
    kept.worked !== r.worked ||
    kept.unshown !== r.unshown
  ) {
    kept = { axisFrom, hours, worked: r.worked, unshown: r.unshown, byFilter: new Map() };
    drawn.set(r.rows, kept);
  }
  const key = `${filter.minStars}|${filter.hidePassed}`;
  let lane = kept.byFilter.get(key);
  if (!lane || now < lane.heldFrom || now >= lane.heldUntil) {
    lane = draw(r, axisFrom, hours, filter, now);
    kept.byFilter.set(key, lane);
  }
  return {
    repId: r.rep.id,
    name: r.rep.name,
    email: r.rep.email,
    timeZone: r.rep.time_zone,
    team: r.rep.team,
    date: r.plan.date,
    dayOff: r.plan.holiday ? { name: r.plan.holiday, shift: r.plan.shift } : null,
    coverage: r.coverage,
    uncounted: (['call', 'email'] as const).filter((c) => !r.inUse[c]),
    blocks: lane.blocks,
    hiddenBlocks: lane.hiddenBlocks,
    filteredOut: lane.filteredOut,
    density: lane.density,
    countsChangeAt: firstAfter(lane.countChanges, now),
    workingHours: r.workingHours.map(([start, end]) => ({ start, end })),
    empty:
      lane.windows > 0
        ? null
        : r.plan.closed
          ? 'closed'
          : r.plan.owned === 0
            ? 'no-people'
            : 'no-windows',
  };
}

/**
 * A lane's blocks, hours and hidden counts. A lane counts tens of thousands of windows and draws
 * 150: the windows are read where they are (the rows, then the windows no row shows), and only
 * the ones drawn become blocks. The 150 are chosen among the windows the filter leaves in, and
 * the strip counts those alone; `countsChangeAt` follows every window, as the coverage counts
 * them all.
 */
function draw(
  r: RepDay,
  axisFrom: number,
  hours: number,
  filter: TeamBlockFilter,
  now: number,
): Drawing {
  const density = new Array<number>(hours).fill(0);
  const { rows, unshown } = r;
  // Index i < rows.length is a row, else a window no row shows; -1 marks a row with no window.
  const total = rows.length + unshown.length;
  const bucketOf = new Int8Array(total);
  const inBucket = new Array<number>(BUCKETS).fill(0);
  const countChanges: number[] = [];
  let all = 0;
  let filteredOut = 0;
  let heldFrom = -Infinity;
  let heldUntil = Infinity;
  for (let i = 0; i < total; i++) {
    let start: number;
    let end: number;
    let stars: number;
    let rank: number;
    let open: boolean;
    let inView: boolean;
    if (i < rows.length) {
      const row = rows[i] as PlannerRow;
      if (row.start === null || row.end === null) {
        bucketOf[i] = -1;
        continue;
      }
      start = row.start;
      end = row.end;
      stars = row.stars ?? 0;
      const work = { worked: r.worked[i] ?? null, setAside: r.aside[i] ?? false };
      const counted = r.counted[i] ?? false;
      rank = teamBlockRank({ ...work, counted, stars });
      open = counted && work.worked === null && !work.setAside;
      inView = shownBy(filter, now, { start, end, stars, action: row.action, counted, ...work });
    } else {
      const w = unshown[i - rows.length] as UnshownWindow;
      start = w.start;
      end = w.end;
      stars = w.stars;
      rank = teamBlockRank({
        worked: w.worked,
        setAside: w.action !== null,
        counted: w.counted,
        stars,
      });
      open = w.counted && w.worked === null && w.action === null;
      inView = shownBy(filter, now, { ...w, setAside: w.action !== null });
    }
    // Drawn or not, filtered or not: a lane's counts cover the windows it leaves off too.
    if (open) countChanges.push(start, end, end + STRIKE_AFTER_MS);
    all++;
    if (filter.hidePassed) {
      if (end <= now) heldFrom = Math.max(heldFrom, end);
      else heldUntil = Math.min(heldUntil, end);
    }
    if (!inView) {
      bucketOf[i] = -1;
      filteredOut++;
      continue;
    }
    const first = Math.max(0, Math.floor((start - axisFrom) / HOUR));
    const last = Math.min(hours, Math.ceil((end - axisFrom) / HOUR));
    for (let h = first; h < last; h++) density[h] = (density[h] ?? 0) + 1;
    // By the board's rank, then by half stars from five down.
    const bucket = rank * HALF_STARS + (10 - Math.max(0, Math.min(10, Math.round(stars * 2))));
    bucketOf[i] = bucket;
    inBucket[bucket] = (inBucket[bucket] ?? 0) + 1;
  }
  // The blocks the board ranks first (`teamBlockRank`: what the rep did, then what the coverage
  // counts, then the rest), the best-rated of each; the earliest first where the cut falls. By
  // stars alone, a rep's worked 2★ windows were left off for 3★ ones nobody touched.
  const inFilter = all - filteredOut;
  let cut = -1;
  let fromCut = 0;
  if (inFilter > MAX_BLOCKS_PER_LANE) {
    let above = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const n = inBucket[b] ?? 0;
      if (above + n >= MAX_BLOCKS_PER_LANE) {
        cut = b;
        fromCut = MAX_BLOCKS_PER_LANE - above;
        break;
      }
      above += n;
    }
  }
  const shown: number[] = [];
  if (cut < 0) {
    for (let i = 0; i < total; i++) if ((bucketOf[i] as number) >= 0) shown.push(i);
  } else {
    const byBucket: number[][] = Array.from({ length: cut + 1 }, () => []);
    for (let i = 0; i < total; i++) {
      const bucket = bucketOf[i] as number;
      if (bucket >= 0 && bucket <= cut) byBucket[bucket]?.push(i);
    }
    const startOf = (i: number): number =>
      i < rows.length
        ? ((rows[i] as PlannerRow).start as number)
        : (unshown[i - rows.length] as UnshownWindow).start;
    for (let b = 0; b <= cut; b++) {
      const bucket = byBucket[b] ?? [];
      if (b === cut) {
        if (bucket.length > fromCut) bucket.sort((x, y) => startOf(x) - startOf(y));
        for (let k = 0; k < fromCut; k++) shown.push(bucket[k] as number);
      } else for (const i of bucket) shown.push(i);
    }
  }
  const blocks = shown.map((i): TeamBlock => {
    if (i < rows.length) {
      const row = rows[i] as PlannerRow;
      return blockOf(row, row.start as number, row.end as number, row.stars ?? 0, {
        reason: row.reason,
        action: row.action,
        worked: r.worked[i] ?? null,
        setAside: r.aside[i] ?? false,
        counted: r.counted[i] ?? false,
      });
    }
    const w = unshown[i - rows.length] as UnshownWindow;
    // A window no row shows has its own mark and work; the row's reason is another window's.
    return blockOf(w.row, w.start, w.end, w.stars, {
      reason: null,
      action: w.action,
      worked: w.worked,
      // Such a window carries the rep's mark only when the mark set it aside.
      setAside: w.action !== null,
      counted: w.counted,
    });
  });
  return {
    blocks: blocks.sort((a, b) => a.start - b.start || b.stars - a.stars),
    hiddenBlocks: inFilter - blocks.length,
    filteredOut,
    density,
    countChanges: Float64Array.from(countChanges).sort(),
    windows: all,
    heldFrom,
    heldUntil,
  };
}

/** Whether the page's filter leaves a window in, in the state its block reads at `now`. */
function shownBy(
  filter: TeamBlockFilter,
  now: number,
  w: {
    start: number;
    end: number;
    stars: number;
    action: PlannerRow['action'];
    worked: TeamBlockWork | null;
    setAside: boolean;
    counted: boolean;
  },
): boolean {
  if (w.stars < filter.minStars) return false;
  // The state is read only for "Hide passed": a lane holds tens of thousands of windows.
  return !filter.hidePassed || teamBlockShown(w, teamBlockState(w, now), filter);
}

/** The first of `sorted` after `now`, or null: a binary search, a full lane holds thousands. */
function firstAfter(sorted: Float64Array, now: number): number | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= now) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? (sorted[lo] as number) : null;
}

function blockOf(
  row: PlannerRow,
  start: number,
  end: number,
  stars: number,
  own: Pick<TeamBlock, 'reason' | 'action' | 'worked' | 'setAside' | 'counted'>,
): TeamBlock {
  return {
    personId: row.personId,
    name: row.name,
    company: row.company,
    channel: row.channel,
    start,
    end,
    stars,
    reason: own.reason,
    contactTz: row.contactTz,
    action: own.action,
    worked: own.worked,
    setAside: own.setAside,
    counted: own.counted,
  };
}
