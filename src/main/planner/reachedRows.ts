import { DateTime } from 'luxon';
import type { PlannerRow } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { Db } from '../db/openDatabase';
import { loggedWorkOf } from '../db/repos/activities';
import type { WindowOccurrence } from './repPlanInputs';
import {
  CALL_LOOKBACK_MS,
  contactOf,
  countsForDay,
  creditedWindows,
  fellIn,
  WINDOW_OVERHANG_MS,
  type Contact,
} from '../../shared/contactSpan';
import { isLowConfidence } from '../../shared/slotStates';
import { isUnanswered, type UnansweredOutcome } from '../../shared/callOutcome';

/** A call (an email) with the person that day: `tried` a call that did not reach them. */
interface DayContact extends Contact {
  /** No answer, busy or voicemail: an attempt, the person still to be reached. */
  tried: UnansweredOutcome | null;
}

export type ContactTimes = Record<Channel, Map<string, DayContact[]>> & {
  /**
   * Contacts after the day's end, up to `WINDOW_OVERHANG_MS` past it: the day's only where they
   * fell in one of its windows on the channel (`countsForDay`, read through `dayContacts`).
   */
  after?: { day: { from: number; to: number } } & Record<Channel, Map<string, DayContact[]>>;
};

/**
 * The rep's contacts with each person on each channel on `date` (the rep's day) up to `now`, in
 * order of their start: what the rep logged in the app, and what reached the CRM another way (a
 * call from the phone system, an email sent from the CRM), counted as the Team page counts them
 * (`loggedWorkOf`: the rep's completed calls but missed inbound ones, their sent emails), each
 * from its start to its end. Which are the day's is the Team page's rule (`countsForDay`): a call
 * that began before the day's midnight and ran into the day is the day's (a 23:50–00:20 call works
 * a 00:00–01:00 window), one over by midnight is not; one after the day's end is kept aside
 * (`after`), the day's only in a window running past its end (a call at 00:20 in a 23:00–01:00
 * window), which `dayContacts` tells with the person's windows. Null when there are none. Read
 * once per plan shown: the windows reached rows keep (`reachedFirstPlanned`) and the rows'
 * contacts (`withReached`) both come from it.
 */
export function contactTimes(
  db: Db,
  repId: string,
  repTz: string,
  date: string,
  now: number,
): ContactTimes | null {
  const span = daySpan(repTz, date, now);
  if (!span) return null;
  const { from, end, to } = span;
  const times: ContactTimes = { call: new Map(), email: new Map() };
  let after: ContactTimes['after'];
  for (const a of loggedWorkOf(db, [repId], from - CALL_LOOKBACK_MS, to)) {
    const c = contactOf(a);
    if (overBefore(c, from)) continue;
    const late = c.start >= end;
    if (late) after ??= { day: { from, to: end }, call: new Map(), email: new Map() };
    const into = late && after ? after : times;
    const byPerson = a.kind === 'email' ? into.email : into.call;
    const contact: DayContact = {
      start: c.start,
      end: Math.min(c.end, now),
      tried: a.kind === 'call' && isUnanswered(a.outcome) ? a.outcome : null,
    };
    const list = byPerson.get(a.person_id);
    if (list) list.push(contact);
    else byPerson.set(a.person_id, [contact]);
  }
  if (after) times.after = after;
  return times.call.size === 0 && times.email.size === 0 && !after ? null : times;
}

/**
 * The rep's day `date` as `contactTimes` reads it: its start and end, and the end of what is read
 * (the overhang after the day, never past now). Null when the day is not a date or has not begun.
 */
function daySpan(
  repTz: string,
  date: string,
  now: number,
): { from: number; end: number; to: number } | null {
  const day = DateTime.fromISO(date, { zone: repTz });
  const from = day.toMillis();
  const end = day.plus({ days: 1 }).toMillis();
  const to = Math.min(end + WINDOW_OVERHANG_MS, now + 1);
  return !day.isValid || from >= to ? null : { from, end, to };
}

/** The evening before, over before midnight: nothing of it is in the day. */
const overBefore = (c: Contact, dayStart: number): boolean =>
  c.start < dayStart && c.end <= dayStart;

/**
 * The reps among `reps` who called someone on their today up to `now`: those whose
 * `contactTimes` of today has calls, read in one query for all of them (a relearn asks it of
 * every rep; their days differ by zone), each call judged against its own rep's day.
 */
export function repsCalledToday(
  db: Db,
  reps: readonly { id: string; time_zone: string }[],
  now: number,
): Set<string> {
  const days = new Map<string, { from: number; end: number; to: number }>();
  let first = Infinity;
  let last = -Infinity;
  for (const rep of reps) {
    const today = DateTime.fromMillis(now, { zone: rep.time_zone }).toISODate();
    const span = today ? daySpan(rep.time_zone, today, now) : null;
    if (!span) continue;
    days.set(rep.id, span);
    first = Math.min(first, span.from - CALL_LOOKBACK_MS);
    last = Math.max(last, span.to);
  }
  const out = new Set<string>();
  if (days.size === 0) return out;
  for (const a of loggedWorkOf(db, [...days.keys()], first, last)) {
    if (a.kind === 'email' || a.owner_id === null || out.has(a.owner_id)) continue;
    const day = days.get(a.owner_id);
    if (!day || a.started_at < day.from - CALL_LOOKBACK_MS || a.started_at >= day.to) continue;
    const c = contactOf(a);
    if (!overBefore(c, day.from) && c.start < day.end) out.add(a.owner_id);
  }
  return out;
}

/**
 * A person's contacts on a channel that are the day's (`countsForDay`), in order of their start:
 * those in the day, then those after its end that fell in one of `windows` (the day's windows on
 * the channel). The same list as in `times` when nothing after the day counts.
 */
export function dayContacts(
  times: ContactTimes,
  channel: Channel,
  personId: string,
  windows: readonly { start: number; end: number }[],
): DayContact[] | undefined {
  const list = times[channel].get(personId);
  const after = times.after;
  const late = after?.[channel].get(personId);
  if (!after || !late) return list;
  let out: DayContact[] | undefined;
  for (const c of late)
    if (countsForDay(c, after.day, windows)) (out ??= list ? [...list] : []).push(c);
  return out ?? list;
}

/**
 * The plan's rows, each with a contact with its person on its channel that day up to `now`
 * (`PlannerRow.reached`, see `contactTimes`): the contact that worked the row's window if one
 * did, else the day's first (the person was reached before or after it), said at its end. Which
 * window a contact works is the Team page's rule (`creditedWindows` over the row's window and
 * its alternatives, the day's windows on the channel): one it overlaps, of two the better-rated,
 * so a call across two windows works one of them, not both. A call that did not reach the person
 * (no answer, busy, voicemail) reaches no one: the row stays to call again, with the day's last
 * such attempt (`PlannerRow.tried`) when nothing reached the person in the row's window. Rows
 * nothing reached or tried are the same objects.
 */
export function withReached(
  rows: readonly PlannerRow[],
  /** The plan's day's contacts up to its `now` (`contactTimes`). */
  times: ContactTimes | null,
): PlannerRow[] {
  if (!times) return [...rows];
  const windows: DayWindow[] = [];
  const credited: number[] = [];
  return rows.map((row) => {
    if (!times[row.channel].has(row.personId) && !times.after?.[row.channel].has(row.personId))
      return row;
    // The row's window among the day's, in start order as the Team page takes them.
    let own = -1;
    windows.length = 0;
    for (const a of row.alternatives) windows.push(a);
    if (row.start !== null && row.end !== null) {
      windows.push({ start: row.start, end: row.end, stars: row.stars ?? 0 });
      windows.sort((a, b) => a.start - b.start);
      own = windows.findIndex((w) => w.start === row.start && w.end === row.end);
    }
    const list = dayContacts(times, row.channel, row.personId, windows);
    if (!list) return row;
    creditedWindows(list, windows, credited);
    const window = own >= 0 ? (windows[own] as DayWindow) : null;
    let first: DayContact | undefined;
    let inside: DayContact | undefined;
    let tried: PlannerRow['tried'];
    // An attempt in the window works it, as the Team page counts it, though nobody answered.
    let triedIn = false;
    for (let i = 0; i < list.length; i++) {
      const c = list[i] as DayContact;
      // In the row's window, and not working another one (an earlier contact may have taken
      // this one: an attempt, then the call that reached them in the same hour).
      const works =
        window !== null && (credited[i] === own || credited[i] === -1) && fellIn(c, window);
      if (c.tried) {
        triedIn ||= works;
        tried = { at: c.end, outcome: c.tried, inWindow: triedIn };
        continue;
      }
      first ??= c;
      if (!inside && works) inside = c;
    }
    const reached = inside ?? first;
    if (!reached && !tried) return row;
    return {
      ...row,
      ...(reached ? { reached: { at: reached.end, inWindow: inside !== undefined } } : {}),
      ...(tried && !inside ? { tried } : {}),
    };
  });
}

/** A window of a person's day on one channel, as the rows carry it. */
interface DayWindow {
  start: number;
  end: number;
  stars: number;
}

/**
 * The window of a person's day on a channel that a contact worked and the plan shows in place
 * of the one that ended last (the Team page counts the person's channel by it): the first of
 * 2★ or more, in start order, that a contact that day worked (`creditedWindows`, attempts
 * included, as the Team page counts them), if it has ended by `now`; else null. A call at 14:39
 * in a 5★ 14:00–15:00 window is then read on that row ("✓ Called 14:39"), not on the 0.5★
 * 15:00–16:00 hour that ended after it.
 */
export function workedEndedWindow<W extends DayWindow>(
  today: readonly W[],
  list: readonly DayContact[] | undefined,
  now: number,
): W | null {
  if (!list || today.length === 0) return null;
  creditedWindows(list, today, creditScratch);
  let found: W | null = null;
  for (const i of creditScratch) {
    const w = i >= 0 ? today[i] : undefined;
    if (!w || isLowConfidence(w.stars)) continue;
    if (!found || w.start < found.start) found = w;
  }
  return found && found.end <= now ? found : null;
}

const creditScratch: number[] = [];

/** The windows each row had when its day was first planned, keyed `personId|channel`. */
export type FirstPlanned = ReadonlyMap<string, WindowOccurrence[]>;

/**
 * The first-planned windows of the people reached, per channel by person id: the plan looks
 * every person up by the id it holds, where a `personId|channel` key would be built for each.
 */
export type ReachedFirstPlanned = Record<Channel, ReadonlyMap<string, WindowOccurrence[]>>;

/**
 * Of the day's windows as first planned, those of the people the rep reached on that channel
 * that day up to `now`, or null when nobody was reached.
 *
 * A contact is evidence, and the model relearns the person from it at once: a call at 09:55
 * before a 10:00–11:00 window teaches that 09:00 answers too, and the window becomes 09:00–11:00
 * with the call inside it. Planned so, the row would say the window was worked, by a call made
 * before it opened. So on the day a person is reached, their rows keep the windows the day was
 * planned with (the call shows as made before, in or after its window, and a call logged here
 * marks the row done); the relearned windows plan the days after.
 */
export function reachedFirstPlanned(
  /** The day's contacts up to now (`contactTimes`). */
  times: ContactTimes | null,
  planned: () => FirstPlanned,
): ReachedFirstPlanned | null {
  if (!times) return null;
  const all = planned();
  const out = {
    call: new Map<string, WindowOccurrence[]>(),
    email: new Map<string, WindowOccurrence[]>(),
  };
  for (const channel of ['call', 'email'] as const)
    for (const personId of times[channel].keys()) {
      const windows = all.get(`${personId}|${channel}`);
      if (windows) out[channel].set(personId, windows);
    }
  return out.call.size || out.email.size ? out : null;
}

/** Whether two lists of a day's windows are at the same hours. */
export function sameHours(a: readonly WindowOccurrence[], b: readonly WindowOccurrence[]): boolean {
  return a.length === b.length && a.every((o, i) => o.start === b[i]?.start && o.end === b[i]?.end);
}
