import type { PlannerRow } from '../../shared/contract';
import {
  teamBlockShown,
  teamBlockState,
  type TeamBlockFilter,
  type TeamBlockState,
} from '../../shared/teamBlockState';
import type { CalendarWindow } from './teamCalendar';
import type { TeamCsvLine } from './teamCsv';
import type { RepDay } from './teamSchedule';

/** A window the Team page draws, in the state its block reads at `now`. */
interface ShownWindow extends CalendarWindow {
  state: TeamBlockState;
}

/**
 * The windows the Team page shows of each rep's day at `now` (TM-1), as its lanes draw them: the
 * rows' windows and the day's other windows no row shows, each in the state its block reads
 * (`teamBlockState`: a window worked in is "worked", not the planner's "now"), those the page's
 * filters leave in. The screen's cap (`MAX_BLOCKS_PER_LANE`) is not applied: the blocks it
 * counts per hour are on the page too. Rep by rep in team order, each rep's in time order, the
 * better-rated first at one time, as the board lists them.
 */
export function shownWindows(
  reps: readonly RepDay[],
  now: number,
  filter: TeamBlockFilter,
): ShownWindow[] {
  const out: ShownWindow[] = [];
  for (const r of reps) {
    const own: ShownWindow[] = [];
    const add = (
      row: PlannerRow,
      w: { start: number; end: number; stars: number },
      block: { action: PlannerRow['action']; worked: RepDay['worked'][number] } & {
        setAside: boolean;
        counted: boolean;
        reason: string | null;
      },
    ): void => {
      const state = teamBlockState({ ...w, ...block }, now);
      if (!teamBlockShown(w, state, filter)) return;
      own.push({ rep: r.rep, date: r.plan.date, row, ...w, reason: block.reason, state });
    };
    r.rows.forEach((row, i) => {
      if (row.start === null || row.end === null) return;
      add(
        row,
        { start: row.start, end: row.end, stars: row.stars ?? 0 },
        {
          action: row.action,
          worked: r.worked[i] ?? null,
          setAside: r.aside[i] ?? false,
          counted: r.counted[i] ?? false,
          reason: row.reason,
        },
      );
    });
    // As the lane draws them: such a window carries the rep's mark only when it set it aside.
    for (const w of r.unshown)
      add(w.row, w, {
        action: w.action,
        worked: w.worked,
        setAside: w.action !== null,
        counted: w.counted,
        reason: null,
      });
    own.sort((a, b) => a.start - b.start || b.stars - a.stars);
    out.push(...own);
  }
  return out;
}

/**
 * The page's CSV lines: each window shown, in its block's state, the team's in the order they
 * open (by instant; at one instant in team order, the better-rated first). A spreadsheet's sort
 * of the local times as text misorders the hour a clock change repeats (02:15+01:00 before
 * 02:45+02:00, half an hour earlier); sorted by the UTC column teamCsv adds, it keeps this order.
 */
export function* shownCsvLines(windows: readonly ShownWindow[]): Generator<TeamCsvLine> {
  // Array.prototype.sort is stable: ties keep shownWindows' team and star order.
  for (const w of [...windows].sort((a, b) => a.start - b.start))
    yield {
      rep: w.rep,
      person: w.row.name,
      channel: w.row.channel,
      state: w.state,
      start: w.start,
      end: w.end,
      stars: w.stars,
    };
}

/**
 * The page's calendar: the windows shown that are still to work, in window now or to come (not
 * worked, reached, set aside or over): a calendar to work from, not a record of the day.
 */
export function stillToWork(windows: readonly ShownWindow[]): ShownWindow[] {
  return windows.filter((w) => w.state === 'now' || w.state === 'upcoming');
}
