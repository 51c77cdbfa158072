import type { PlannerRow } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import { isLowConfidence, nextChange, rowState, shownWindows } from '../../shared/slotStates';
import { reasonOf, reasonsOf, type KeptWords } from '../besttime/store/windowsCodec';
import type { KeptRow, NextWindow, PlanPerson, WindowOccurrence } from './repPlanInputs';
import { occurrencesBetween, WindowClock, type Opening } from './windowOccurrences';

const NO_ALTERNATIVES: PlannerRow['alternatives'] = [];
const DAY_MS = 86_400_000;

// Local-time conversions repeat across plans (same zones, dates and slot minutes): keep them.
export const sharedClock = new WindowClock();

/**
 * The windows each row had when its day was first planned, keyed `personId|channel`, as flat
 * [start, end, start, end, …] lists: what "moved from 14:00" is measured against.
 */
export type FirstSeen = ReadonlyMap<string, readonly number[]>;

/** What every row of one plan shares. */
export interface PlanContext {
  now: number;
  dayEnd: number;
  /** The day is over (`dayEnd` <= `now`): its reasons speak of "that day", not of today. */
  dayOver: boolean;
  /** The rep's zone: the days after this one are the rep's, as their plans are. */
  repTz: string;
  /** A kept past day: its rows are neither cached nor told what comes after the day. */
  kept: boolean;
  firstSeen: FirstSeen | null;
  /** The business hours every dated window is held to, the day's and the one offered after it. */
  open: Opening | null;
  /** The first instant a row changes state, found while the rows are built. */
  refreshAt: number | null;
}

/** One person's channel in a plan: what each of its rows is made of. */
export interface PersonChannel {
  p: PlanPerson;
  channel: Channel;
  today: WindowOccurrence[];
  kept: readonly KeptRow[] | null;
  action: PlannerRow['action'];
  visiting: boolean;
  next: PlannerRow['next'];
  category: PlannerRow['category'];
  /**
   * The window that spoke for the row when the rep snoozed it, if they did: a row snoozed past the
   * day's last window has no window of its own that day, but still says why it was worth a call.
   */
  snoozedFrom: WindowOccurrence | null;
}

/** The row of one window (or of none), the kept one when nothing about it changed. */
export function rowFor(
  plan: PlanContext,
  pc: PersonChannel,
  pick: WindowOccurrence | null,
): PlannerRow {
  const { now } = plan;
  const { p, channel, today, kept, action, visiting, next } = pc;
  const state = rowState(pick, now);
  if (pick) {
    const change = nextChange(pick.start, pick.end, now);
    if (change !== null && (plan.refreshAt === null || change < plan.refreshAt))
      plan.refreshAt = change;
  }
  const nextWindow =
    plan.kept || (pick && hasLaterThan(today, pick)) ? null : firstAfterDay(p, channel, plan);
  const movedFrom =
    pick && plan.firstSeen ? movedOf(plan.firstSeen, p.id, channel, pick, today) : null;
  // Without a window of its own, a row snoozed past the day speaks for the one it was snoozed from.
  const speaks = pick ?? pc.snoozedFrom;
  // A row cached while the day was today words it as today: a day over words its rows again.
  if (kept && speaks === pick && !plan.dayOver)
    for (let i = 0; i < kept.length; i++) {
      const k = kept[i] as KeptRow;
      const row = k.row;
      if (
        k.pick === pick &&
        row.state === state &&
        row.action === action &&
        row.onSiteNow === visiting &&
        row.next === next &&
        row.nextWindow === nextWindow &&
        row.movedFrom === movedFrom
      )
        return row;
    }
  return {
    personId: p.id,
    name: p.name,
    company: p.company,
    email: p.email,
    phone: p.phone,
    contactTz: p.zone,
    dealStage: p.openDealStage,
    category: pc.category,
    onSiteNow: visiting,
    channel,
    state,
    start: pick?.start ?? null,
    end: pick?.end ?? null,
    stars: pick?.window.stars ?? null,
    // A dated window is explained as of its start ("last 7 days ago" on a Monday window means
    // last Monday): its row reads the same all day, whichever midnight of the contact's zone
    // falls before the next re-plan, and as the kept day remembers it. Once the day is over,
    // that Monday is "that day" ("the last one 7 days before that day").
    reason: speaks ? occurrenceReason(speaks, p.zone, plan.dayOver) : null,
    alternatives: alternativesBesides(today, pick),
    lastTouchAt: p.lastTouchAt,
    lastTouch: p.lastTouch,
    action,
    next,
    nextWindow,
    movedFrom,
  };
}

/**
 * The ended window a person's channel keeps its row for, once a window under 2★ has ended after
 * one of 2★ or more (`shownWindows` gives the one that ended last): the sure one, the last of
 * them to end. It is the window the Team page counts (`countedIndex`: never one under 2★), worked
 * or missed, so the rep reads as missed what their manager reads, whether the app was open when
 * it ended or started an hour later; a ½★ hour after a 5★ morning took its row and hid the miss.
 * The unsure hour keeps a row of its own while nothing open or to come needs the place: a row the
 * rep saw under "Low confidence" stays where they saw it. A window a contact worked (`worked`)
 * is set before this and is sure: it stays.
 */
export function sureEndedFirst<W extends { end: number; stars: number }>(
  pool: readonly W[],
  now: number,
  shown: { current: W | null; ended: W | null },
): void {
  const unsure = shown.ended;
  if (!unsure || !isLowConfidence(unsure.stars)) return;
  let sure: W | null = null;
  for (const o of pool)
    if (!isLowConfidence(o.stars) && o.end <= now && (!sure || o.end > sure.end)) sure = o;
  if (!sure) return;
  shown.ended = sure;
  shown.current ??= unsure;
}

/**
 * A dated window's reason, as of its start, worded once: the day's row and the kept day (which
 * words every window of the day, a Team page's 280,000) ask for the same text. `zone` is its
 * person's, the one the occurrence was placed in. Read once its day is over (`dayOver`), it is
 * worded each time: only a past day's rows ask, and the same occurrence may have been worded as
 * today's before midnight.
 */
function occurrenceReason(o: WindowOccurrence, zone: string, dayOver = false): string {
  if (dayOver) return reasonOf(o.window, o.start, zone, true);
  o.reason ??= reasonOf(o.window, o.start, zone);
  return o.reason;
}

/**
 * A dated window's reason as its day reads it and as it reads once the day is over, worded at
 * once (only "the last one …" differs): a kept day keeps both for every window of the day.
 */
export function occurrenceWords(o: WindowOccurrence, zone: string): KeptWords {
  const words = reasonsOf(o.window, o.start, zone);
  o.reason ??= words.day;
  return words;
}

/** Whether the kept rows are exactly these (then the cache needs no new list). */
export function sameRows(
  kept: readonly KeptRow[] | null,
  a: PlannerRow | null,
  b: PlannerRow | null,
): boolean {
  if (!kept || kept.length !== (a ? 1 : 0) + (b ? 1 : 0)) return false;
  return (!a || keeps(kept, a)) && (!b || keeps(kept, b));
}

function keeps(kept: readonly KeptRow[], row: PlannerRow): boolean {
  for (let i = 0; i < kept.length; i++) if (kept[i]?.row === row) return true;
  return false;
}

/**
 * Where a window was when the day was first planned (`moved`), worked out once per occurrence:
 * the first-seen windows of a person do not change once seen, and a re-plan of the same day
 * picks the same occurrences again.
 */
function movedOf(
  firstSeen: FirstSeen,
  personId: string,
  channel: Channel,
  pick: WindowOccurrence,
  today: readonly WindowOccurrence[],
): { start: number; end: number } | null {
  if (pick.moved !== undefined) return pick.moved;
  const seen = firstSeen.get(`${personId}|${channel}`);
  // Not seen yet: this plan is the first, and records it; nothing has moved.
  if (!seen) return null;
  pick.moved = moved(seen, pick, today);
  return pick.moved;
}

/**
 * Whether the day has a window after `pick` that Snooze can offer instead of the next day's: any
 * later one after a window under 2★, a later sure one (2★ or more) after a sure one, as a rep
 * snoozing a good window expects the next good one (audit 50, finding 14).
 */
function hasLaterThan(sorted: readonly WindowOccurrence[], pick: WindowOccurrence): boolean {
  const sure = !isLowConfidence(pick.stars);
  for (let i = sorted.length - 1; i >= 0; i--) {
    const o = sorted[i] as WindowOccurrence;
    if (o.start <= pick.start) return false;
    if (!sure || !isLowConfidence(o.stars)) return true;
  }
  return false;
}

/**
 * The channel's window on the first of the rep's days after this one that has any, within a week,
 * worked out once per person and day: what a row with no later window today offers instead of
 * snoozing into nothing. Dated, held to business hours and chosen as that day's plan does it
 * (`shownWindows`: not an unsure hour before a sure window), so the offer is the row that day's
 * plan lists.
 */
function firstAfterDay(p: PlanPerson, channel: Channel, plan: PlanContext): NextWindow | null {
  const occurrences = p.dayOccurrences;
  const byWeekday = p.windows[channel];
  if (!occurrences || !byWeekday) return null;
  const after = occurrences.after;
  const known = after[channel];
  if (known !== undefined) return known;
  let found: NextWindow | null = null;
  const { dayEnd, repTz, open } = plan;
  for (const { date } of sharedClock.localDates(repTz, dayEnd, dayEnd + 7 * DAY_MS)) {
    // The rep's day, as that day's plan takes it: windows starting from its midnight to the next.
    const from = sharedClock.instant(repTz, date, 0);
    const to = sharedClock.instant(repTz, date, 1440);
    const day = occurrencesBetween(
      sharedClock,
      p.zone,
      byWeekday,
      from,
      to,
      sharedClock.localDates(p.zone, from, to),
      open,
    );
    // Seen from before the day starts, as the plan of a later day is.
    const shown = shownWindows(day, from - 1).current;
    if (shown) {
      found = { start: shown.start, end: shown.end, stars: shown.stars };
      break;
    }
  }
  after[channel] = found;
  return found;
}

/**
 * Where a window was when the day was first planned, if it is not there now: of the first-seen
 * windows that no longer exist, the one it overlaps, else the one that started nearest to it.
 * A window that is simply new today (nothing vanished) did not move.
 */
function moved(
  seen: readonly number[],
  pick: WindowOccurrence,
  today: readonly WindowOccurrence[],
): { start: number; end: number } | null {
  for (let i = 0; i + 1 < seen.length; i += 2)
    if (seen[i] === pick.start && seen[i + 1] === pick.end) return null;
  let best: { start: number; end: number } | null = null;
  let bestScore = Infinity;
  for (let i = 0; i + 1 < seen.length; i += 2) {
    const start = seen[i] as number;
    const end = seen[i + 1] as number;
    if (today.some((o) => o.start === start && o.end === end)) continue;
    const overlaps = start < pick.end && end > pick.start;
    const score = overlaps ? -1 : Math.abs(start - pick.start);
    if (score < bestScore) {
      best = { start, end };
      bestScore = score;
    }
  }
  return best;
}

/**
 * The day's other windows on a channel. Kept on the occurrence that speaks for the row: a re-plan
 * of the same day picks the same few occurrences again, so the arrays are built once per day.
 */
function alternativesBesides(
  today: WindowOccurrence[],
  pick: WindowOccurrence | null,
): PlannerRow['alternatives'] {
  if (today.length <= (pick ? 1 : 0)) return NO_ALTERNATIVES;
  if (pick?.alternatives) return pick.alternatives;
  const out: PlannerRow['alternatives'] = [];
  for (const o of today) if (o !== pick) out.push({ start: o.start, end: o.end, stars: o.stars });
  if (pick) pick.alternatives = out;
  return out;
}
