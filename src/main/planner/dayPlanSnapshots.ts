import { DateTime } from 'luxon';
import type { Planner, Settings } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { Db } from '../db/openDatabase';
import { dayPlan, deleteDayPlansBefore, putDayPlan } from '../db/repos/plans';
import { userById } from '../db/repos/users';
import { deletePlanMarkSharesBefore } from '../db/repos/planMarkShares';
import { transaction } from '../db/sqlRun';
import { planDay, type Rep } from './dayPlan';
import { occurrenceWords, type FirstSeen } from './planRows';
import {
  keptPeopleOwnedElsewhere,
  type DayOccurrences,
  type WindowOccurrence,
  type PlanPerson,
} from './repPlanInputs';
import { partOffDaysOff, SHORTEST_PART_MS } from './daysOff';
import { openingFor } from './windowOccurrences';
import type { KeptWords } from '../besttime/store/windowsCodec';
import { PAST_DAYS } from '../../shared/pickableDays';
import {
  contactTimes,
  reachedFirstPlanned,
  type ContactTimes,
  type FirstPlanned,
} from './reachedRows';
import { offPlanCallers, type KeptRows } from './offPlanCalls';

/**
 * Days this far before the one written are dropped as it is written: the pickers' earliest day,
 * and two more for a rep whose today is still the day before yesterday where the writer's has
 * begun (zones run from UTC−12 to UTC+14: for two hours a day their dates are two days apart).
 */
const KEEP_DAYS = PAST_DAYS + 2;
/** A relearned plan of today is kept again at most this often. */
const REWRITE_MS = 15 * 60_000;

/**
 * A kept day's window, as saved in day_plans: [start, end, stars, reason index, index of the
 * reason as read once the day is over]. Snapshots of older versions have no fifth: their one
 * reason is read on every day.
 */
type KeptWindow = [number, number, number, number, number?];
/**
 * A kept day: each distinct reason once, and per person [person id, call windows, email
 * windows]: null where the person had no windows on the channel at all (no row), an empty list
 * where they had some but none that day (a "no window" row).
 */
type KeptDay = {
  reasons: string[];
  people: [string, KeptWindow[] | null, KeptWindow[] | null][];
  /**
   * The windows a row had when the day was first planned, for the rows a relearn has moved since
   * (flat [start, end, …]): "moved from 14:00" survives a restart; and, where the day's first plan
   * was made since they are kept, those windows whole (a reached person's row keeps them). Absent
   * in older snapshots.
   */
  was?: [string, Channel, number[], KeptWindow[]?][];
};

/**
 * A day's windows per person, taken from the plan inputs right after the day was planned, with
 * the person's zone (their reasons count days in it).
 */
type Captured = [string, WindowOccurrence[] | null, WindowOccurrence[] | null, string][];

function capture(
  people: readonly PlanPerson[],
  dayStart: number,
  /** People called that day while off its plan: the day keeps no call row for them. */
  offPlan: ReadonlySet<string>,
): Captured {
  const out: Captured = [];
  for (const p of people) {
    const o = p.dayOccurrences;
    if (!o || o.day !== dayStart) continue;
    const call = p.windows.call && !offPlan.has(p.id) ? o.call : null;
    const email = p.windows.email ? o.email : null;
    if (call || email) out.push([p.id, call, email, p.zone]);
  }
  return out;
}

/**
 * Writes a day's windows for a rep (PL: "the plan of a past day is kept"): the model relearns
 * windows as new evidence arrives, and a past day should read as it was planned, not as today's
 * windows would plan it. Reasons repeat across people, so each distinct text is stored once.
 */
function writeDayPlan(
  db: Db,
  repId: string,
  day: string,
  captured: Captured,
  savedAt: number,
  firstSeen: FirstSeen,
  firstPlanned: FirstPlanned,
) {
  const reasons: string[] = [];
  const reasonIndex = new Map<string, number>();
  const indexOf = (reason: string): number => {
    let i = reasonIndex.get(reason);
    if (i === undefined) {
      i = reasons.length;
      reasons.push(reason);
      reasonIndex.set(reason, i);
    }
    return i;
  };
  const encode = (list: WindowOccurrence[] | null, zone: string): KeptWindow[] | null =>
    list?.map((o): KeptWindow => {
      // As the plan's row words it and, the evidence not being kept, as the day will read once
      // it is over: worded together, as they differ only in "the last one …".
      const words = occurrenceWords(o, zone);
      return [o.start, o.end, o.stars, indexOf(words.day), indexOf(words.over)];
    }) ?? null;
  const was: [string, Channel, number[], KeptWindow[]?][] = [];
  for (const [id, call, email, zone] of captured) {
    for (const [channel, list] of [
      ['call', call],
      ['email', email],
    ] as const) {
      const seen = list && firstSeen.get(`${id}|${channel}`);
      if (!seen || sameWindows(seen, list)) continue;
      const first = firstPlanned.get(`${id}|${channel}`);
      const whole = first && sameWindows(seen, first) ? encode(first, zone) : null;
      was.push(whole ? [id, channel, [...seen], whole] : [id, channel, [...seen]]);
    }
  }
  const stored: KeptDay = {
    reasons,
    people: captured.map(([id, call, email, zone]) => [
      id,
      encode(call, zone),
      encode(email, zone),
    ]),
    ...(was.length ? { was } : {}),
  };
  transaction(db, () => {
    putDayPlan(db, { userId: repId, day, savedAt, plan: JSON.stringify(stored) });
    // By the day planned, not the hour written: a day's last plan is written late in it, and it
    // must stay as long as the day can be picked.
    const oldest = DateTime.fromISO(day, { zone: 'UTC' }).minus({ days: KEEP_DAYS }).toISODate();
    deleteDayPlansBefore(db, oldest ?? day);
    // A mark of a day no plan is kept for shows nowhere: not worth sending, nor keeping.
    deletePlanMarkSharesBefore(db, oldest ?? day);
  });
}

/**
 * Keeps each rep's plan of today as it is shown: again whenever the windows behind it were
 * relearned, at most every quarter of an hour (a change inside the quarter is written when it
 * ends), so the day's last plan is what stays. Writes happen after the answer has gone out; the
 * windows are taken at once, before another day's plan replaces them on the people.
 */
export class DayPlanKeeper {
  /**
   * Per rep, the day and its windows as first planned (see `firstSeen`), and whether a plan of
   * that day was kept (shown here, or a snapshot read back after a restart).
   */
  private readonly seen = new Map<
    string,
    { day: string; windows: Map<string, number[]>; kept: boolean }
  >();
  /** Per rep, the day and its windows whole as first planned (see `firstPlanned`). */
  private readonly planned = new Map<
    string,
    { day: string; windows: Map<string, WindowOccurrence[]> }
  >();
  private readonly last = new Map<
    string,
    { day: string; at: number; people: readonly PlanPerson[] }
  >();
  private readonly waiting = new Map<
    string,
    { day: string; at: number; people: readonly PlanPerson[]; captured: Captured }
  >();

  constructor(private readonly db: Db) {}

  /**
   * Each row's windows when the rep's day was first planned here (read once from the day's
   * snapshot after a restart): a row whose window a relearn moved says where it was.
   */
  firstSeen(repId: string, day: string): FirstSeen {
    return this.seenOf(repId, day).windows;
  }

  private seenOf(repId: string, day: string) {
    let seen = this.seen.get(repId);
    if (seen?.day !== day) {
      const stored = parseKeptDay(dayPlan(this.db, repId, day));
      seen = { day, windows: firstSeenOf(stored), kept: stored !== null };
      this.seen.set(repId, seen);
    }
    return seen;
  }

  /** Whether a plan of the rep's day was kept: shown here, or read back from its snapshot. */
  hasKept(repId: string, day: string): boolean {
    return this.seenOf(repId, day).kept;
  }

  /**
   * The rows of the rep's day as the planner shows them now (`offPlanCalls.ts`): the day kept in
   * memory, whose snapshot in the database may be up to a quarter of an hour behind; null when
   * no plan of the day was kept. A day other than the one held in memory is read from its
   * snapshot, without replacing it.
   */
  keptRows(repId: string, day: string): KeptRows {
    const seen = this.seen.get(repId);
    if (seen?.day === day) return () => (seen.kept ? seen.windows : null);
    return savedKeptRows(this.db, repId, day);
  }

  /**
   * Each row's windows whole (stars, reasons) when the rep's day was first planned here, read
   * once from the day's snapshot after a restart: a reached person's row keeps them.
   */
  firstPlanned(repId: string, day: string): FirstPlanned {
    let planned = this.planned.get(repId);
    if (planned?.day !== day) {
      planned = { day, windows: readFirstPlanned(this.db, repId, day) };
      this.planned.set(repId, planned);
    }
    return planned.windows;
  }

  keep(
    repId: string,
    repTz: string,
    day: string,
    people: readonly PlanPerson[],
    now: number,
  ): void {
    const last = this.last.get(repId);
    const waiting = this.waiting.get(repId);
    if ((waiting ?? last)?.day === day && (waiting ?? last)?.people === people) return;
    const dayStart = DateTime.fromISO(day, { zone: repTz }).startOf('day').toMillis();
    const offPlan = this.offPlan(repId, repTz, day, people, dayStart, now);
    const entry = { day, at: now, people, captured: capture(people, dayStart, offPlan) };
    this.noteSeen(repId, day, entry.captured);
    if (last?.day === day && now - last.at < REWRITE_MS) {
      if (!waiting) {
        const timer = setTimeout(() => this.flush(repId), REWRITE_MS - (now - last.at));
        timer.unref?.();
      }
      this.waiting.set(repId, entry);
      return;
    }
    this.waiting.delete(repId);
    this.last.set(repId, entry);
    setImmediate(() => this.write(repId, entry));
  }

  /**
   * The people called today while off its plan, among those the day's kept rows do not list on
   * calls yet: a relearn after their call gave them windows, and kept so, they would be on the
   * day's plan from then on (a row around the call itself). Asked only when there are such people
   * (everyone, the first time a day is kept), so most plans shown ask nothing.
   */
  private offPlan(
    repId: string,
    repTz: string,
    day: string,
    people: readonly PlanPerson[],
    dayStart: number,
    now: number,
  ): ReadonlySet<string> {
    const { windows: seen, kept } = this.seenOf(repId, day);
    const fresh = people.some(
      (p) => p.windows.call && p.dayOccurrences?.day === dayStart && !seen.has(`${p.id}|call`),
    );
    if (!fresh) return NO_ONE;
    const contacts = contactTimes(this.db, repId, repTz, day, now);
    return offPlanCallers(this.db, repId, day, contacts, () => (kept ? seen : null));
  }

  /** Rows planned for the first time today keep the windows they were first shown with. */
  private noteSeen(repId: string, day: string, captured: Captured): void {
    this.seenOf(repId, day).kept = true;
    this.firstPlanned(repId, day);
    const seen = this.seen.get(repId)?.windows;
    const planned = this.planned.get(repId)?.windows;
    if (!seen || !planned) return;
    for (const [id, call, email] of captured) {
      if (call && !seen.has(`${id}|call`)) {
        seen.set(`${id}|call`, flatten(call));
        planned.set(`${id}|call`, call);
      }
      if (email && !seen.has(`${id}|email`)) {
        seen.set(`${id}|email`, flatten(email));
        planned.set(`${id}|email`, email);
      }
    }
  }

  private flush(repId: string): void {
    const entry = this.waiting.get(repId);
    if (!entry) return;
    this.waiting.delete(repId);
    this.last.set(repId, entry);
    this.write(repId, entry);
  }

  private write(repId: string, entry: { day: string; at: number; captured: Captured }): void {
    try {
      writeDayPlan(
        this.db,
        repId,
        entry.day,
        entry.captured,
        entry.at,
        this.firstSeen(repId, entry.day),
        this.firstPlanned(repId, entry.day),
      );
    } catch {
      // Closed meanwhile (app quitting, data set switched): the next plan shown writes it.
      this.last.delete(repId);
    }
  }
}

/**
 * A rep's plan of a day: a past day from the windows it was planned with when they were kept,
 * else (today, a future day, a past day never planned here) from the windows learned now.
 */
export function planKeptDay(
  db: Db,
  rep: Rep,
  orgTz: string,
  now: number,
  settings: Settings,
  date: string | undefined,
  people: PlanPerson[],
  /** Today's windows as first planned (`DayPlanKeeper.firstSeen`), to say which moved. */
  firstSeen: ((day: string) => FirstSeen) | null = null,
  /**
   * Today's windows whole as first planned (`DayPlanKeeper.firstPlanned`), kept by the rows of
   * the people reached today; without it, as the day's snapshot has them.
   */
  firstPlanned: ((day: string) => FirstPlanned) | null = null,
  /**
   * The rep's contacts on the day planned up to `now` (`contactTimes`), when the caller has read
   * them already to mark the rows with (`withReached`); read here when left out.
   */
  contacts?: ContactTimes | null,
  /**
   * The rows of a day as kept so far (`DayPlanKeeper.keptRows`: the copy in memory, which knows
   * a day kept empty before its snapshot is written); without it, the day's snapshot.
   */
  keptRowsOf: ((day: string) => KeptRows) | null = null,
): Planner {
  const today = DateTime.fromMillis(now, { zone: rep.time_zone }).toISODate() ?? '';
  const asPlanned = date !== undefined && date < today ? readDayPlan(db, rep.id, date) : null;
  const seen = firstSeen && (date === undefined || date === today) ? firstSeen(today) : null;
  // The rows of people reached that day keep the windows the day was planned with: here, or as
  // the day's snapshot keeps them (the Team page, the command line, a past day).
  const day = date ?? today;
  const times =
    contacts === undefined ? contactTimes(db, rep.id, rep.time_zone, day, now) : contacts;
  // The day's snapshot is parsed once, whichever of its reads needs it.
  let stored: KeptDay | null | undefined;
  const kept = (): KeptDay | null =>
    stored === undefined ? (stored = parseKeptDay(dayPlan(db, rep.id, day))) : stored;
  const reached = reachedFirstPlanned(times, () =>
    firstPlanned && day === today ? firstPlanned(today) : firstPlannedOf(kept()),
  );
  // The rows the day was kept with so far, to tell who was called off its plan. A day kept empty
  // (nobody to call) was kept all the same: its callers were off it.
  const keptRows: KeptRows = keptRowsOf
    ? keptRowsOf(day)
    : () => {
        const stored = kept();
        return stored ? firstSeenOf(stored) : null;
      };
  const offPlan = offPlanCallers(db, rep.id, day, times, keptRows);
  return planDay(
    db,
    rep,
    orgTz,
    now,
    settings,
    date,
    asPlanned ? withPeopleKept(db, people, asPlanned, orgTz, now) : people,
    asPlanned,
    seen,
    reached,
    times,
    offPlan,
  );
}

/**
 * The rep's people now and those the kept day lists whom another rep owns since: the day as it
 * stood, not as owned today (a person reassigned on Monday keeps their row on Friday's plan).
 * A new list: the people now are the plan cache's, shared with today's plan.
 */
function withPeopleKept(
  db: Db,
  people: PlanPerson[],
  asPlanned: DayOccurrences,
  orgTz: string,
  now: number,
): PlanPerson[] {
  const owned = new Set(people.map((p) => p.id));
  const gone = [...asPlanned.keys()].filter((id) => !owned.has(id));
  if (gone.length === 0) return people;
  return [...people, ...keptPeopleOwnedElsewhere(db, gone, orgTz, now)];
}

/**
 * The rows of a rep's day as its snapshot keeps them (see `KeptRows`): null when no plan of the
 * day was kept, an empty set when the day was kept with no rows. The one reading of "a plan of the
 * day was kept" from the database; the keeper's copy in memory answers the same question for the
 * day it holds (`DayPlanKeeper.keptRows`).
 */
function savedKeptRows(db: Db, repId: string, day: string): KeptRows {
  return () => {
    const stored = parseKeptDay(dayPlan(db, repId, day));
    return stored ? firstSeenOf(stored) : null;
  };
}

/** The windows of a kept day as first planned, keyed `personId|channel` (see `KeptDay.was`). */
function firstSeenOf(stored: KeptDay | null): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (!stored) return out;
  try {
    for (const [id, call, email] of stored.people) {
      if (call)
        out.set(
          `${id}|call`,
          call.flatMap(([start, end]) => [start, end]),
        );
      if (email)
        out.set(
          `${id}|email`,
          email.flatMap(([start, end]) => [start, end]),
        );
    }
    for (const [id, channel, windows] of stored.was ?? [])
      if (Array.isArray(windows)) out.set(`${id}|${channel}`, windows);
  } catch {
    // A damaged snapshot only costs the notes of moved windows.
    out.clear();
  }
  return out;
}

/**
 * The windows of a kept day whole as first planned, keyed `personId|channel`: the kept windows
 * where they never moved, the first ones kept beside them where they did (none where an older
 * snapshot kept only their hours).
 */
function readFirstPlanned(db: Db, repId: string, day: string): Map<string, WindowOccurrence[]> {
  return firstPlannedOf(parseKeptDay(dayPlan(db, repId, day)));
}

function firstPlannedOf(stored: KeptDay | null): Map<string, WindowOccurrence[]> {
  const out = new Map<string, WindowOccurrence[]>();
  if (!stored) return out;
  const decode = (channel: Channel, list: KeptWindow[]): WindowOccurrence[] =>
    list.map(([start, end, stars, reason, over]) =>
      keptOccurrence(channel, start, end, stars, keptWords(stored, reason, over)),
    );
  try {
    for (const [id, call, email] of stored.people) {
      if (call) out.set(`${id}|call`, decode('call', call));
      if (email) out.set(`${id}|email`, decode('email', email));
    }
    for (const [id, channel, , whole] of stored.was ?? []) {
      if (Array.isArray(whole)) out.set(`${id}|${channel}`, decode(channel, whole));
      else out.delete(`${id}|${channel}`);
    }
  } catch {
    // A damaged snapshot: rows follow the windows learned now.
    out.clear();
  }
  return out;
}

/**
 * A window as a snapshot keeps it: its instants, stars and words; its weekly place is not kept
 * (nothing reads it from a day already planned).
 */
function keptOccurrence(
  channel: Channel,
  start: number,
  end: number,
  stars: number,
  why: KeptWords,
): WindowOccurrence {
  return {
    start,
    end,
    stars,
    alternatives: undefined,
    moved: undefined,
    reason: undefined,
    window: { channel, weekday: 0, rank: 0, startMin: 0, endMin: 0, stars, why },
  };
}

/** A kept window's words, as that day read them and as they read once it is over. */
function keptWords(stored: KeptDay, reason: number, over: number | undefined): KeptWords {
  const day = stored.reasons[reason] ?? '';
  return { day, over: over === undefined ? day : (stored.reasons[over] ?? day) };
}

const NO_ONE: ReadonlySet<string> = new Set();

function parseKeptDay(row: string | undefined): KeptDay | null {
  if (row === undefined) return null;
  try {
    const stored = JSON.parse(row) as KeptDay;
    return Array.isArray(stored?.reasons) && Array.isArray(stored.people) ? stored : null;
  } catch {
    return null;
  }
}

function flatten(list: readonly WindowOccurrence[]): number[] {
  const out: number[] = [];
  for (const o of list) out.push(o.start, o.end);
  return out;
}

function sameWindows(seen: readonly number[], list: readonly WindowOccurrence[]): boolean {
  if (seen.length !== list.length * 2) return false;
  return list.every((o, i) => seen[2 * i] === o.start && seen[2 * i + 1] === o.end);
}

/** The windows a rep's day was planned with, or null when that day was never planned here. */
export function readDayPlan(db: Db, repId: string, day: string): DayOccurrences | null {
  // A damaged snapshot must not hide the day: it is planned from today's windows instead.
  const stored = parseKeptDay(dayPlan(db, repId, day));
  if (!stored) return null;
  const out: DayOccurrences = new Map();
  // A day off known now (a holiday read after the day was planned) was a day off then too: its
  // windows go, as a plan of the day made now leaves them out.
  const daysOff = openingFor(db, userById(db, repId))?.daysOff ?? [];
  const decode = (channel: Channel, list: KeptWindow[] | null): WindowOccurrence[] | null => {
    if (!list) return null;
    const windows: WindowOccurrence[] = [];
    for (const [keptStart, keptEnd, stars, reason, over] of list) {
      const part: [number, number] | null =
        daysOff.length > 0
          ? partOffDaysOff(daysOff, keptStart, keptEnd, SHORTEST_PART_MS)
          : [keptStart, keptEnd];
      if (!part) continue;
      const [start, end] = part;
      windows.push(keptOccurrence(channel, start, end, stars, keptWords(stored, reason, over)));
    }
    return windows;
  };
  try {
    for (const [id, call, email] of stored.people)
      out.set(id, { call: decode('call', call), email: decode('email', email) });
  } catch {
    return null;
  }
  return out;
}
