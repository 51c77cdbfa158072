import type { PlannerRow } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { TeamBlockWork, TeamCoverage } from '../../shared/teamContract';
import { workedAlready } from '../../shared/teamBlockState';
import type { Db } from '../db/openDatabase';
import { loggedWorkOf, loggedWorkOn, scheduledActivitiesOf } from '../db/repos/activities';
import { refusedBookings } from '../db/repos/unsentWorkCounts';
import {
  currentWindow,
  isLowConfidence,
  isStruck,
  nextChange,
  snoozedToStart,
} from '../../shared/slotStates';
import { CALL_LOOKBACK_MS, contactOf } from '../../shared/contactSpan';
import { isUnanswered } from '../../shared/callOutcome';
import { windowWork, type DayMark, type DayWindow, type WorkContact } from './windowWork';

/** A window 3 stars or more is a good one (TM-2). */
const GOOD_STARS = 3;

/** Longer than any window lasts past the end of the day it opens in (`contactSpan.ts`). */
export { WINDOW_OVERHANG_MS } from '../../shared/contactSpan';

/** How far back a rep's calls and emails tell which channels they work. */
const CHANNEL_USE_MS = 28 * 86_400_000;

/** The channels whose windows a rep is expected to work (see `channelsInUse`). */
export type ChannelsInUse = Readonly<Record<Channel, boolean>>;

/**
 * The channels a rep works, read from what they logged in the four weeks up to `until`: a rep
 * who calls but never sends an email is not expected to work email windows (nor a rep who only
 * emails call windows). A rep who logged nothing on either is expected on both: an idle rep
 * reads 0 %, not "–".
 */
export function channelsInUse(db: Db, repId: string, until: number): ChannelsInUse {
  const from = until - CHANNEL_USE_MS;
  const call = loggedWorkOn(db, repId, 'call', from, until);
  const email = loggedWorkOn(db, repId, 'email', from, until);
  return call || email ? { call, email } : { call: true, email: true };
}

/**
 * Calls and emails logged in a time range, per channel and person, oldest first; a call that
 * did not reach the person (no answer, busy, voicemail) marked `tried`.
 */
export type LoggedWork = Record<Channel, Map<string, WorkContact[]>>;

/**
 * The calls and emails that fell in [from, to): those that started in it, and calls that started
 * before it and ran into it (by their length). `windowWork` keeps, of those, the ones in a rep's
 * day or in one of its windows.
 */
export function loadLoggedWork(
  db: Db,
  ownerIds: readonly string[],
  from: number,
  to: number,
): LoggedWork {
  const out: LoggedWork = { call: new Map(), email: new Map() };
  for (const a of loggedWorkOf(db, ownerIds, from - CALL_LOOKBACK_MS, to)) {
    const contact: WorkContact = contactOf(a);
    // Before the range and over before it began: nothing of it is in the range.
    if (contact.start < from && contact.end <= from) continue;
    if (a.kind === 'call' && isUnanswered(a.outcome)) contact.tried = true;
    const byPerson = a.kind === 'email' ? out.email : out.call;
    const list = byPerson.get(a.person_id);
    if (list) list.push(contact);
    else byPerson.set(a.person_id, [contact]);
  }
  return out;
}

/** A person's channel on a rep's plan (a person's channel may have two rows). */
interface PersonChannel {
  /** Its first row in display order: the one whose windows coverage counts. */
  row: PlannerRow;
  /** The window starts its rows show: one, or several in display order, or none. */
  starts: number | number[] | undefined;
  /** How the windows its rows show were worked, by start (set by `coverageOf`; most have none). */
  work?: Map<number, TeamBlockWork>;
  /** The starts of the windows its rows show that the rep's skip or snooze set aside. */
  aside?: Set<number>;
  /** The start of its counted window (`countDayWindows`) when one of its rows shows it. */
  counted?: number;
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

/** How a row's window was worked (see `windowWork`), as `coverageOf` read it; null when not. */
export function rowWork(row: PlannerRow, shown: ShownStarts): TeamBlockWork | null {
  if (row.start === null) return null;
  return shown.byPerson[row.channel].get(row.personId)?.work?.get(row.start) ?? null;
}

/**
 * Whether the rep's mark set a row's window aside (see `countDayWindows`): a skip or snooze made
 * before it ended, so it is neither worked nor missed. A row skipped after its window passed
 * unworked keeps that window missed.
 */
export function rowAside(row: PlannerRow, shown: ShownStarts): boolean {
  if (row.start === null) return false;
  return shown.byPerson[row.channel].get(row.personId)?.aside?.has(row.start) ?? false;
}

/** Whether a row's window is the one its person's channel is counted by (`countDayWindows`). */
export function rowCounted(row: PlannerRow, shown: ShownStarts): boolean {
  if (row.start === null) return false;
  return shown.byPerson[row.channel].get(row.personId)?.counted === row.start;
}

/**
 * What became of a counted window (`countDayWindows`): `ended`, over unworked less than 30
 * minutes ago, is the planner's "just ended", not yet missed nor due.
 */
type Outcome = 'worked' | 'outside' | 'missed' | 'ended' | 'open';

/** Counts coverage one counted window at a time; `result` gives TM-2's numbers. */
export class CoverageCount {
  private windows = 0;
  private good = 0;
  private worked = 0;
  private outside = 0;
  private missed = 0;
  private justEnded = 0;
  private booked = 0;

  /** A counted window still open or to come has a call booked in it. */
  addBooked(): void {
    this.booked++;
  }

  addWindow(stars: number, outcome: Outcome): void {
    this.windows++;
    if (stars >= GOOD_STARS) this.good++;
    if (outcome === 'worked') this.worked++;
    else if (outcome === 'outside') this.outside++;
    else if (outcome === 'missed') this.missed++;
    else if (outcome === 'ended') this.justEnded++;
  }

  result(): TeamCoverage {
    const due = this.worked + this.outside + this.missed;
    return {
      windows: this.windows,
      goodWindows: this.good,
      worked: this.worked,
      outside: this.outside,
      missed: this.missed,
      justEnded: this.justEnded,
      booked: this.booked,
      shareWorked: due === 0 ? 0 : this.worked / due,
    };
  }
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

/** How each window of the person's channel being counted was worked (reused). */
const worked: (TeamBlockWork | null)[] = [];

/**
 * The window a person's channel is counted by: the first of 2★ or more a call, email or Done
 * fell inside; else the one the planner's row shows at `now` among those (`shownWindows`: the
 * open one, the best-rated of several, else the next to open, else the one that ended last).
 * -1 when the day has no window of 2★ or more: the planner folds such a row into "Low
 * confidence", and nobody is expected to work it.
 */
function countedIndex(
  windows: readonly DayWindow[],
  work: readonly (TeamBlockWork | null)[],
  now: number,
): number {
  let open = -1;
  let next = -1;
  let ended = -1;
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i] as DayWindow;
    if (isLowConfidence(w.stars)) continue;
    if (work[i]?.inWindow) return i;
    if (w.start <= now && now < w.end) {
      if (open < 0 || w.stars > (windows[open] as DayWindow).stars) open = i;
    } else if (now < w.start) {
      const n = windows[next];
      if (!n || (w.start === n.start && w.stars > n.stars)) next = i;
    } else if (ended < 0 || w.end > (windows[ended] as DayWindow).end) ended = i;
  }
  return open >= 0 ? open : next >= 0 ? next : ended;
}

/**
 * TM-2 for one person's channel: one window counts, the one the rep can be expected to work
 * (`countedIndex`: of 2★ or more, the one worked in, else the one the plan shows), and only on a
 * channel the rep works (`expected`, see `channelsInUse`): a person is one contact a day, so a
 * rep who worked every planned person in a window of theirs reads 100 %, however many windows
 * each had. The counted window is worked when a call (one it overlaps, answered or an attempt:
 * an attempt in the window is the rep working it), email or Done mark fell inside it (see
 * `windowWork`); reached outside it when the person was reached that day but not in it (before,
 * between or after their windows); missed when it is over with neither and not set aside by a
 * skip or a snooze made before it ended, once struck through (`isStruck`, 30 minutes after its
 * end, the planner's rule: before that it "just ended", and is not yet due); else still to come. The day's other windows count for
 * nothing, worked or not, and are never missed. `each`, if given, hears how each window was
 * read, and whether it is the counted one.
 */
export function countDayWindows(
  count: CoverageCount,
  windows: readonly DayWindow[],
  times: readonly WorkContact[] | undefined,
  mark: DayMark | null | undefined,
  now: number,
  /** The rep's day: calls logged in it, or inside a window that runs past it, reach the person. */
  day: { from: number; to: number },
  /** The rep works this channel: its windows are counted. */
  expected: boolean,
  each?: (w: DayWindow, work: TeamBlockWork | null, aside: boolean, counted: boolean) => void,
): void {
  windowWork(windows, times, mark, now, day, worked);
  // Set aside by a snooze: the windows before the one it moved the row to, as the planner reads
  // it (dayPlan): a window named, every window of the day (null: the next day's), else the one
  // current when the rep snoozed.
  const snoozedPast =
    mark?.action !== 'snoozed'
      ? -Infinity
      : typeof mark.snoozeTo === 'number'
        ? snoozedToStart(windows, mark.snoozeTo, mark.at) - 1
        : mark.snoozeTo === null
          ? Infinity
          : (currentWindow(windows, mark.at)?.start ?? -Infinity);
  const counted = expected ? countedIndex(windows, worked, now) : -1;
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i] as DayWindow;
    const work = worked[i] ?? null;
    const inWindow = work?.inWindow ?? false;
    const already = workedAlready(work, w.end);
    const aside = !inWindow && !already && setAside(w, mark, snoozedPast);
    if (i === counted)
      count.addWindow(
        w.stars,
        inWindow
          ? 'worked'
          : work
            ? 'outside'
            : aside || now < w.end
              ? 'open'
              : isStruck(w.end, now)
                ? 'missed'
                : 'ended',
      );
    each?.(w, work, aside, i === counted);
  }
}

/** Each person's scheduled calls in a rep's day, start times in order, from the CRM or booked here. */
export type ScheduledCalls = ReadonlyMap<string, readonly number[]>;

/** The rep's scheduled calls in [from, to) by person (see `ScheduledCalls`). */
export function scheduledCallsOf(db: Db, repId: string, from: number, to: number): ScheduledCalls {
  const byPerson = new Map<string, number[]>();
  // A booking Zoho refused exists nowhere but here: not booked work.
  const refused = refusedBookings(db);
  for (const a of scheduledActivitiesOf(db, repId, from, to)) {
    if (a.kind !== 'call' || a.status !== 'scheduled' || refused.has(a.id)) continue;
    const list = byPerson.get(a.person_id);
    if (list) list.push(a.started_at);
    else byPerson.set(a.person_id, [a.started_at]);
  }
  for (const list of byPerson.values()) list.sort((a, b) => a - b);
  return byPerson;
}

/**
 * Whether the person has a call booked inside the window: any of their scheduled calls of the
 * day, not only the planner's `next`, which stays on an earlier task or call once its time passed.
 */
function bookedIn(row: PlannerRow, w: DayWindow, calls: ScheduledCalls): boolean {
  if (row.channel !== 'call') return false;
  return calls.get(row.personId)?.some((at) => at >= w.start && at < w.end) ?? false;
}

/** A window of the day no row shows at `now`: one that ended before the window a row shows, or one after it. */
export interface UnshownWindow extends DayWindow {
  /** A row of the same person and channel, for the name and the contact's zone. */
  row: PlannerRow;
  /** The rep's mark when it set this window aside (skipped, snoozed), else null. */
  action: PlannerRow['action'];
  /** How the window was worked (see `windowWork`), null when nothing reached the person yet. */
  worked: TeamBlockWork | null;
  /** The window its person's channel is counted by (see `countDayWindows`). */
  counted: boolean;
}

/**
 * TM-2 for one rep's rows: each person's channel counted by `countDayWindows` over all the day's
 * windows (a row's own and its alternatives), one of them counted on the channels in `inUse`;
 * how the windows the rows show were worked, set aside and counted (kept on `shown`, see
 * `rowWork`); and the windows no row shows at `now`, so the lane draws every window of the day:
 * a missed 09:00 window stays in sight after the plan moved on. `drawn`, if given,
 * hears every window the lane draws, each person's channel's in start order, with whether the
 * rep's mark set it aside.
 */
export function coverageOf(
  shown: ShownStarts,
  marks: ReadonlyMap<string, DayMark>,
  work: LoggedWork,
  now: number,
  day: { from: number; to: number },
  inUse: ChannelsInUse,
  calls: ScheduledCalls,
  drawn?: (row: PlannerRow, w: DayWindow, aside: boolean) => void,
): { coverage: TeamCoverage; unshown: UnshownWindow[]; changesAt: number } {
  const count = new CoverageCount();
  const unshown: UnshownWindow[] = [];
  // A window no row shows can end (and be missed 30 minutes later) while the plan stays as it is.
  let changesAt = Infinity;
  // One listener and one list of windows for every person's channel, set before each is counted.
  const windows: DayWindow[] = [];
  let row: PlannerRow | undefined;
  let mark: DayMark | undefined;
  let entry: PersonChannel | undefined;
  const each = (
    w: DayWindow,
    worked: TeamBlockWork | null,
    aside: boolean,
    counted: boolean,
  ): void => {
    if (!row || !entry) return;
    drawn?.(row, w, aside);
    if (counted && !worked && !aside && now < w.end && bookedIn(row, w, calls)) count.addBooked();
    if (isShown(entry.starts, w.start)) {
      if (worked) (entry.work ??= new Map()).set(w.start, worked);
      if (aside) (entry.aside ??= new Set()).add(w.start);
      if (counted) entry.counted = w.start;
      return;
    }
    // Which window counts moves on as one opens or ends, and one that ended is missed once struck.
    const edge = nextChange(w.start, w.end, now);
    if (edge !== null && edge < changesAt) changesAt = edge;
    const action = aside && mark ? (mark.action as PlannerRow['action']) : null;
    unshown.push({ start: w.start, end: w.end, stars: w.stars, row, action, worked, counted });
  };
  for (const e of shown.inOrder) {
    entry = e;
    const r = e.row;
    row = r;
    e.work = undefined;
    e.aside = undefined;
    e.counted = undefined;
    windows.length = 0;
    for (const w of r.alternatives) windows.push(w);
    if (r.start !== null && r.end !== null)
      insertByStart(windows, { start: r.start, end: r.end, stars: r.stars ?? 0 });
    // A rep marks few rows: most people's channels have no mark to look up.
    mark = marks.size === 0 ? undefined : marks.get(`${r.personId}|${r.channel}`);
    const times = work[r.channel].get(r.personId);
    countDayWindows(count, windows, times, mark, now, day, inUse[r.channel], each);
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
