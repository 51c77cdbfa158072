import { z } from 'zod';
import type { Channel } from './signals';

/**
 * The team schedules' part of the contract (TM-1 to TM-3), merged into `contract.ts`: a manager's
 * reps' days side by side, read-only, with coverage, clashes, unplanned hot contacts and exports.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-11-23');
const channel = z.enum(['call', 'email']);

export const teamInputSchemas = {
  /**
   * The signed-in user's team on a day (today by default), on one channel or both. `request`, the
   * asker's number for this request, comes back on the `team-day-progress` it pushes. `minStars`
   * and `hidePassed`, the page's filters (none by default), choose the windows a lane draws and
   * counts per hour (`TeamLane.filteredOut`).
   */
  getTeamDay: z
    .object({
      date: isoDate.optional(),
      channel: channel.optional(),
      request: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      minStars: z.union([z.literal(0), z.literal(2), z.literal(3)]).optional(),
      hidePassed: z.boolean().optional(),
    })
    .strict(),
  /**
   * The signed-in user's team over a week, Monday to Sunday in their zone: the week holding
   * `week` (any date of it), this week by default.
   */
  getTeamWeek: z.object({ week: isoDate.optional() }).strict(),
  /** Each rep's share of windows worked on the working days before that day (sparklines). */
  getTeamTrend: z.object({ date: isoDate.optional(), channel: channel.optional() }).strict(),
  /**
   * The day's schedule of the team, or of one rep of it, as a file: the windows the page shows
   * with its filters (channel, stars, passed windows hidden), each in the state the board reads.
   */
  exportTeamDay: z
    .object({
      date: isoDate.optional(),
      repId: z.string().min(1).max(200).optional(),
      channel: channel.optional(),
      minStars: z.union([z.literal(0), z.literal(2), z.literal(3)]).optional(),
      hidePassed: z.boolean().optional(),
      format: z.enum(['csv', 'ics']),
    })
    .strict(),
} as const;

/**
 * TM-2 for one rep and day, counted over the windows the rep can be expected to work: one per
 * person and channel planned (the counted window: of 2★ or more, the one worked in, else the one
 * the plan shows), on the channels the rep works (those they logged calls or emails on in the
 * last four weeks; both when neither).
 */
export interface TeamCoverage {
  /** Counted windows: one per person and channel with a window of 2★ or more that day. */
  windows: number;
  /** Of those, windows of 3 stars or more. */
  goodWindows: number;
  /**
   * Counted windows a call (an email, on the email channel) was logged in, or the row marked done
   * in: each call, email or mark counts for one window at most (see `TeamBlockWork`).
   */
  worked: number;
  /** Counted windows whose person was reached that day, but not in them (before or after). */
  outside: number;
  /**
   * Counted windows over with nothing reaching the person that day, not skipped or snoozed past
   * before they ended, and struck through (30 minutes after their end, as the planner counts).
   */
  missed: number;
  /**
   * Counted windows that would be missed but ended less than 30 minutes ago: the planner's
   * "just ended", not yet due (not in `shareWorked`).
   */
  justEnded: number;
  /**
   * Counted windows still open or to come with a call booked inside them: one the CRM holds as
   * scheduled, or booked from the planner (Book) and not sent yet; both are read alike.
   */
  booked: number;
  /**
   * worked / (worked + outside + missed): the share worked of the counted windows due so far
   * (windows still to come, skipped or snoozed past left out); 0 when none is due.
   */
  shareWorked: number;
}

/**
 * What reached a block's person on its channel that day (TM-1): the call or email logged that
 * counts for the window, else the day's first (before the window, or after it ended).
 */
export interface TeamBlockWork {
  /** When it happened: a call's end (it may have started before the window), a mark's time. */
  at: number;
  /** A call (an email) logged, or the row marked done with nothing logged before the mark. */
  by: 'logged' | 'done';
  /** It fell inside this window and counts for it: worked in window (one window each at most). */
  inWindow: boolean;
}

/** One planned row with a window, as a block on a rep's lane. */
export interface TeamBlock {
  personId: string;
  name: string;
  company: string | null;
  channel: Channel;
  start: number;
  end: number;
  stars: number;
  reason: string | null;
  contactTz: string;
  /** What the rep did with the row that day (PL-4), if anything. */
  action: 'done' | 'snoozed' | 'skipped' | null;
  /** How the window was worked, or what reached the person before or after it; null: nothing yet. */
  worked: TeamBlockWork | null;
  /**
   * The rep's skip or snooze set this window aside (made before it ended): neither worked nor
   * missed, as the coverage counts it. A skip made after the window passed unworked leaves it missed.
   */
  setAside: boolean;
  /**
   * The window its person's channel is counted by (TM-2: of 2★ or more, the one worked in, else
   * the one the plan shows, on a channel the rep works). Any other is never missed: it passes.
   */
  counted: boolean;
}

export interface TeamLane {
  repId: string;
  name: string;
  email: string;
  timeZone: string;
  team: string | null;
  /** The rep's day (in their zone) the rows are of. */
  date: string;
  /**
   * The holiday the rep is off for on their day (Zoho's holidays: their shift's, else the
   * organisation's), with the shift it is of (null: a business holiday); null on a working day.
   */
  dayOff: { name: string; shift: string | null } | null;
  coverage: TeamCoverage;
  /**
   * The Team week's cell of this rep and date (calls made, not done and scheduled, tasks due, done
   * and overdue), counted by the week's own code on the rep's clock: the figures a manager drilled
   * down from, which `coverage` (windows) does not measure.
   */
  work: TeamWeekCell;
  /**
   * On the rep's today only: the rep's open tasks due before it, which their planner carries
   * onto today's plan ("Tasks: 3 due · 2 overdue"); not in `work`, which counts each task on its
   * own date. 0 on any other day. The week's row has the same count (`TeamWeekRow.tasksCarried`).
   */
  tasksCarried: number;
  /** Channels the rep logged nothing on in four weeks while working the other: not counted. */
  uncounted: Channel[];
  /** The blocks drawn: all of them, or the best-rated when the rep has too many to draw. */
  blocks: TeamBlock[];
  /**
   * Windows the filters leave in but the lane does not draw (a rep with thousands of people):
   * counted in `density`.
   */
  hiddenBlocks: number;
  /**
   * Windows the filters asked for (`minStars`, `hidePassed` at `now`) leave out, drawn or not:
   * neither drawn nor in `hiddenBlocks` or `density`. 0 with no filter.
   */
  filteredOut: number;
  /**
   * The first instant after the day's `now` at which a window `coverage` counts and nothing has
   * settled (not worked, reached or set aside), drawn or not, opens, ends or is struck through
   * (30 minutes after its end): from then `coverage` lags the clock. Null when none is left to.
   */
  countsChangeAt: number | null;
  /** Windows open in each hour of the axis, drawn or not, of those the filters leave in. */
  density: number[];
  /** When the rep works: their shift's hours, else the organisation's, as their planner holds windows. */
  workingHours: { start: number; end: number }[];
  /**
   * Why the lane has no window, or null when it has some: the day is not one the rep works
   * (`closed`), the rep owns no leads or contacts (`no-people`), or none of their people has a
   * window that day (on the channel shown).
   */
  empty: 'closed' | 'no-people' | 'no-windows' | null;
}

/** Two reps planned at overlapping times for the same person, or for two people at one account. */
export interface TeamClash {
  /** The account (or lead company) both people belong to; null when it is one person. */
  account: string | null;
  channel: Channel;
  /** The rows, each with its rep: two (the `team` command's pairs), or everyone over the stretch (grouping for the screen). */
  people: { personId: string; name: string; repId: string }[];
  /** When both windows are open. */
  start: number;
  end: number;
}

/**
 * A line of the Team page's clashes: one account (or person) over a stretch of time, naming
 * everyone planned there. A call clash and an email clash of the same reps over overlapping times
 * are one line naming both channels.
 */
export interface TeamClashLine extends Omit<TeamClash, 'channel' | 'people'> {
  /**
   * Each channel's stretch, calls first, then by start: one, or a call and an email stretch (or
   * more) of the same reps that overlap. `start`–`end` spans them all.
   */
  channels: { channel: Channel; start: number; end: number }[];
  /**
   * Everyone planned there over the stretch, each with their rep; on a line of both channels, a
   * person planned on one alone names it (`only`).
   */
  people: { personId: string; name: string; repId: string; only?: Channel }[];
  /** People planned there beyond those named (the screen names six). */
  more?: number;
}

/** A hot contact with no plan (TM-2): on the website today, high score or a late-stage deal. */
export interface UnplannedHot {
  personId: string;
  name: string;
  company: string | null;
  ownerId: string | null;
  ownerName: string | null;
  visitorScore: number | null;
  dealStage: string | null;
  lastVisitAt: number;
  why: string;
}

/** TM-3: one hour of the manager's day. */
export interface TeamHour {
  /** "HH:00" in the manager's zone. */
  hour: string;
  start: number;
  windowsOpen: number;
  repsWorking: number;
}

export interface TeamDay {
  /** The manager's day, in their zone. */
  date: string;
  now: number;
  manager: { id: string; name: string; timeZone: string };
  /** The shared time axis: whole hours in the manager's zone around every rep's windows. */
  axis: { from: number; to: number };
  reps: TeamLane[];
  clashes: TeamClashLine[];
  /** Clash lines in all: more than `clashes.length` when the list was cut for the screen. */
  clashTotal: number;
  /**
   * The clashes one per person and time, as the `team` command's `clashes` lists them (a clash
   * of two people at one account is two): the page says both, so the two can be matched.
   */
  clashEntries: number;
  unplannedHot: UnplannedHot[];
  unplannedHotTotal: number;
  /** Hot visitors of the day so far the team could plan (owned by it or by no one), planned or not. */
  hotVisitors: number;
  byHour: TeamHour[];
  /**
   * Why the reps' marks (done, snoozed, skipped) made on their own computers cannot show here,
   * or null: they are shared through the CRM (or all made on this one, as in the demo).
   */
  marksUnshared: string | null;
}

export interface TeamTrend {
  /** Per rep, oldest first: the share worked on each of the working days before the day shown. */
  reps: { repId: string; days: { date: string; windows: number; shareWorked: number }[] }[];
}

export interface TeamExport {
  fileName: string;
  mimeType: string;
  content: string;
}

/** A day of the manager's week: the calendar date, [from, to) midnight to midnight in their zone. */
interface TeamWeekDay {
  date: string;
  from: number;
  to: number;
  /** Before the manager's today: done against planned. */
  past: boolean;
  today: boolean;
}

/**
 * What a rep had and did on one date of the week, in the rep's own zone (as the day view shows
 * every lane's date): read from the stored activities and alerts, no plan made.
 */
export interface TeamWeekCell {
  date: string;
  /** The rep works some hours that date (their shift's, else the organisation's, less days off). */
  working: boolean;
  /** The holiday the rep is off for, if that is why they do not work. */
  dayOff: string | null;
  /** Calls still scheduled that date (the CRM's and booked here): overdue once their time passed. */
  callsScheduled: number;
  /** Of `callsScheduled`, those whose time had passed when the week was read: not done. */
  callsOverdue: number;
  /** Of those, calls booked in this app (Book) not yet taken back from the CRM. */
  booked: number;
  /**
   * Tasks due that date (a date, whatever the rep's zone), cancelled left out, completed or not:
   * one closed another day still counts here. One with a time only (no due date: the CRM's stands
   * at its last change, the demo's at its due time) is due on the rep's date of that time
   * (`taskDueDay`), as the rep's plan has it.
   */
  tasks: number;
  /** Of `tasks`, those completed (whenever they were); the others are open, overdue once past. */
  tasksDone: number;
  /** Of the open tasks, those due before the rep's own today when the week was read. */
  tasksOverdue: number;
  /** Calls logged that date (a missed inbound call is not one the rep made). */
  callsMade: number;
  /** Emails the rep sent that date. */
  emailsSent: number;
  /** Hot-visitor alerts raised that date about the rep's people (one per visit, whoever got it). */
  alerts: number;
}

/** A week cell's counts, each a number that adds up over days and reps. */
const WEEK_COUNTS = [
  'callsScheduled',
  'callsOverdue',
  'booked',
  'tasks',
  'tasksDone',
  'tasksOverdue',
  'callsMade',
  'emailsSent',
  'alerts',
] as const satisfies readonly (keyof TeamWeekCell)[];

/** A date of the week with nothing counted yet. */
export function emptyWeekCell(date: string, working: boolean, dayOff: string | null): TeamWeekCell {
  const cell = { date, working, dayOff } as TeamWeekCell;
  for (const k of WEEK_COUNTS) cell[k] = 0;
  return cell;
}

/** The sum of cells (a rep's week, a day of the team): working if any of them is. */
export function sumWeekCells(cells: readonly TeamWeekCell[], date = ''): TeamWeekCell {
  const total = emptyWeekCell(
    date,
    cells.some((c) => c.working),
    null,
  );
  for (const c of cells) for (const k of WEEK_COUNTS) total[k] += c[k];
  return total;
}

interface TeamWeekRow {
  repId: string;
  name: string;
  timeZone: string;
  team: string | null;
  /** Monday to Sunday. */
  cells: TeamWeekCell[];
  /**
   * When the rep's today (on their own clock) is a date of the week: the open tasks due before
   * it, which their plan of today carries as overdue and the Team day of it counts as the lane's
   * `tasksCarried`; not in that date's cell, which counts each task on its own date. Else null.
   */
  tasksCarried: { date: string; n: number } | null;
}

export interface TeamWeek {
  /** The Monday of the week, in the manager's zone. */
  week: string;
  now: number;
  manager: { id: string; name: string; timeZone: string };
  days: TeamWeekDay[];
  reps: TeamWeekRow[];
}

export interface TeamMethodOutputs {
  getTeamDay: TeamDay;
  getTeamWeek: TeamWeek;
  getTeamTrend: TeamTrend;
  exportTeamDay: TeamExport;
}
