import type { PlannerRow } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { TeamCoverage } from '../../shared/teamContract';
import type { Db } from '../db/openDatabase';
import { loggedWorkOf } from '../db/repos/activities';
import { currentWindow } from '../../shared/slotStates';

/** A window 3 stars or more is a good one (TM-2). */
const GOOD_STARS = 3;

/** Longer than any window lasts past the end of the day it opens in. */
export const WINDOW_OVERHANG_MS = 12 * 3_600_000;

/** Calls and emails logged in a time range, per channel and person, oldest first. */
export type LoggedWork = Record<Channel, Map<string, number[]>>;

export function loadLoggedWork(
  db: Db,
  ownerIds: readonly string[],
  from: number,
  to: number,
): LoggedWork {
  const out: LoggedWork = { call: new Map(), email: new Map() };
  for (const a of loggedWorkOf(db, ownerIds, from, to)) {
    const byPerson = a.kind === 'email' ? out.email : out.call;
    const list = byPerson.get(a.person_id);
    if (list) list.push(a.started_at);
    else byPerson.set(a.person_id, [a.started_at]);
  }
  return out;
}

/**
 * When a person was worked inside one of their windows on a channel, as of `now`: the first call
 * (on the email channel, email) logged inside any of the windows. A call at 09:30 in a 09:00–10:00
 * window still works the row after that window has passed and the row shows the next one.
 */
function workedInside(
  work: LoggedWork,
  personId: string,
  channel: Channel,
  windows: readonly { start: number; end: number }[],
  now: number,
): number | null {
  const times = work[channel].get(personId);
  if (!times) return null;
  for (const t of times) {
    if (t > now) break;
    for (const w of windows) if (t >= w.start && t < w.end) return t;
  }
  return null;
}

/**
 * A plan row worked inside the window it shows or one of the day's others, except the windows
 * other rows of the person's channel show (`shownElsewhere`: an ended window keeps its own row
 * beside the next one's, and one call must not work both).
 */
export function workedAt(
  row: PlannerRow,
  work: LoggedWork,
  now: number,
  shownElsewhere: ReadonlySet<number> = new Set(),
): number | null {
  if (row.start === null || row.end === null || !work[row.channel].has(row.personId)) return null;
  return workedInside(
    work,
    row.personId,
    row.channel,
    [
      { start: row.start, end: row.end },
      ...row.alternatives.filter((w) => !shownElsewhere.has(w.start)),
    ],
    now,
  );
}

/** A person's channel on a rep's plan (a person's channel may have two rows). */
interface PersonChannel {
  /** Its first row in display order: the one whose windows coverage counts. */
  row: PlannerRow;
  /** The window starts its rows show: one, or several in display order, or none. */
  starts: number | number[] | undefined;
}

/**
 * The people's channels of a rep's rows, in the order their first rows come, with the window
 * starts the rows show. Looked up by the person's id as read from the database, not by a
 * "person|channel" string built per row: a rep's day has thousands of rows.
 */
interface ShownStarts {
  inOrder: PersonChannel[];
  byPerson: Record<Channel, Map<string, PersonChannel>>;
}

export function shownStarts(rows: readonly PlannerRow[]): ShownStarts {
  const shown: ShownStarts = { inOrder: [], byPerson: { call: new Map(), email: new Map() } };
  for (const row of rows) {
    if (row.start === null && row.alternatives.length === 0) continue;
    const byPerson = shown.byPerson[row.channel];
    const entry = byPerson.get(row.personId);
    if (entry === undefined) {
      const created = { row, starts: row.start ?? undefined };
      byPerson.set(row.personId, created);
      shown.inOrder.push(created);
    } else if (row.start === null || row.start === entry.starts) continue;
    else if (entry.starts === undefined) entry.starts = row.start;
    else if (typeof entry.starts === 'number') entry.starts = [entry.starts, row.start];
    else if (!entry.starts.includes(row.start)) entry.starts.push(row.start);
  }
  return shown;
}

function isShown(starts: number | number[] | undefined, start: number): boolean {
  return typeof starts === 'number' ? starts === start : (starts?.includes(start) ?? false);
}

/**
 * The window starts that other rows of a row's person's channel show (undefined: none). A window
 * that ended keeps its row beside the next window's; each window belongs to one row only.
 */
export function shownElsewhere(
  row: PlannerRow,
  shown: ShownStarts,
): ReadonlySet<number> | undefined {
  const starts = shown.byPerson[row.channel].get(row.personId)?.starts;
  return typeof starts === 'object' ? new Set(starts.filter((s) => s !== row.start)) : undefined;
}

/** A window of a person's day on one channel. */
export interface DayWindow {
  start: number;
  end: number;
  stars: number;
}

/** The rep's mark on a person's channel for the day, and when it was made. */
export interface DayMark {
  action: string;
  at: number;
}

/** Counts coverage one window at a time; `result` gives TM-2's numbers. */
export class CoverageCount {
  private windows = 0;
  private good = 0;
  private worked = 0;
  private missed = 0;

  addWindow(stars: number, worked: boolean, missed: boolean): void {
    this.windows++;
    if (stars >= GOOD_STARS) this.good++;
    if (worked) this.worked++;
    else if (missed) this.missed++;
  }

  result(): TeamCoverage {
    return {
      windows: this.windows,
      goodWindows: this.good,
      worked: this.worked,
      missed: this.missed,
      shareWorked: this.windows === 0 ? 0 : this.worked / this.windows,
    };
  }
}

/**
 * When the rep reached a person on a channel that day, as of `now`: the first call (on the email
 * channel, email) logged inside one of the day's windows, or the mark "done", whichever came
 * first. Null when neither.
 */
function reachedAt(
  windows: readonly DayWindow[],
  times: readonly number[] | undefined,
  mark: DayMark | null | undefined,
  now: number,
): number | null {
  let reached = mark?.action === 'done' ? mark.at : Infinity;
  if (times)
    for (const t of times) {
      if (t > now || t >= reached) break;
      if (windows.some((w) => t >= w.start && t < w.end)) {
        reached = t;
        break;
      }
    }
  return reached === Infinity ? null : reached;
}

/**
 * Whether the rep set a window aside with a mark: a skip sets aside every window not over when it
 * was made; a snooze the ones not over up to the window that spoke for the row then (the planner
 * moves the row past it). A window over before the mark was missed already and stays missed.
 */
function setAside(w: DayWindow, mark: DayMark | null | undefined, snoozedPast: number): boolean {
  if (!mark || w.end <= mark.at) return false;
  if (mark.action === 'skipped') return true;
  return mark.action === 'snoozed' && w.start <= snoozedPast;
}

/**
 * TM-2 for one person's channel: every window of their day counts once, whatever rows the plan
 * shows at `now` (it keeps only the window that ended last), so the numbers only move when a
 * window ends or the rep acts. A window is worked when the rep reached the person in it or before
 * it (`reachedAt`: a later window needs no call of its own); missed when it is over, not worked
 * and not set aside by a skip or a snooze. A missed window stays missed when a later one is worked.
 * `each`, if given, hears how each window was counted.
 */
export function countDayWindows(
  count: CoverageCount,
  windows: readonly DayWindow[],
  times: readonly number[] | undefined,
  mark: DayMark | null | undefined,
  now: number,
  each?: (w: DayWindow, workedAt: number | null, aside: boolean) => void,
): void {
  const reached = reachedAt(windows, times, mark, now);
  const snoozedPast =
    mark?.action === 'snoozed' ? (currentWindow(windows, mark.at)?.start ?? -Infinity) : -Infinity;
  for (const w of windows) {
    const worked = reached !== null && reached < w.end;
    const aside = !worked && setAside(w, mark, snoozedPast);
    count.addWindow(w.stars, worked, !worked && !aside && now >= w.end);
    each?.(w, worked ? reached : null, aside);
  }
}

/** A window of the day no row shows at `now`: one that ended before the window a row shows, or one after it. */
export interface UnshownWindow extends DayWindow {
  /** A row of the same person and channel, for the name and the contact's zone. */
  row: PlannerRow;
  /** The rep's mark when it set this window aside (skipped, snoozed), else null. */
  action: PlannerRow['action'];
  /** When the rep reached the person in or before the window, if they did. */
  workedAt: number | null;
}

/**
 * TM-2 for one rep's rows: each person's channel counted by `countDayWindows` over all the day's
 * windows (a row's own and its alternatives); and the windows no row shows at `now`, so the lane
 * draws every window it counts: a missed 09:00 window stays in sight after the plan moved on.
 */
export function coverageOf(
  shown: ShownStarts,
  marks: ReadonlyMap<string, DayMark>,
  work: LoggedWork,
  now: number,
): { coverage: TeamCoverage; unshown: UnshownWindow[]; changesAt: number } {
  const count = new CoverageCount();
  const unshown: UnshownWindow[] = [];
  // A window no row shows can end (and be missed) while the plan stays as it is.
  let changesAt = Infinity;
  // One listener and one list of windows for every person's channel, set before each is counted.
  const windows: DayWindow[] = [];
  let row: PlannerRow | undefined;
  let mark: DayMark | undefined;
  let starts: number | number[] | undefined;
  const each = (w: DayWindow, workedAt: number | null, aside: boolean): void => {
    if (isShown(starts, w.start) || !row) return;
    if (w.end > now && w.end < changesAt) changesAt = w.end;
    const action = aside && mark ? (mark.action as PlannerRow['action']) : null;
    unshown.push({ start: w.start, end: w.end, stars: w.stars, row, action, workedAt });
  };
  for (const entry of shown.inOrder) {
    const r = entry.row;
    row = r;
    starts = entry.starts;
    windows.length = 0;
    for (const w of r.alternatives) windows.push(w);
    if (r.start !== null && r.end !== null)
      insertByStart(windows, { start: r.start, end: r.end, stars: r.stars ?? 0 });
    // A rep marks few rows: most people's channels have no mark to look up.
    mark = marks.size === 0 ? undefined : marks.get(`${r.personId}|${r.channel}`);
    countDayWindows(count, windows, work[r.channel].get(r.personId), mark, now, each);
  }
  return { coverage: count.result(), unshown, changesAt };
}

/**
 * Puts a window among the alternatives in start order, after those that start with it, as a
 * stable sort of the row's windows would: the planner lists alternatives in time order already.
 */
function insertByStart(windows: DayWindow[], w: DayWindow): void {
  windows.push(w);
  let i = windows.length - 1;
  for (; i > 0 && (windows[i - 1] as DayWindow).start > w.start; i--)
    windows[i] = windows[i - 1] as DayWindow;
  windows[i] = w;
  // Alternatives out of order (not the planner's): sort them all as before.
  for (let j = 1; j < windows.length; j++)
    if ((windows[j - 1] as DayWindow).start > (windows[j] as DayWindow).start) {
      windows.sort((a, b) => a.start - b.start);
      return;
    }
}
