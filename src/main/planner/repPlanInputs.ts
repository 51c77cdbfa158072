import type { PlannerRow } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { Db } from '../db/openDatabase';
import { ownedPeopleDeals } from '../db/repos/deals';
import { lastTouchOf, ownedPeopleWithLastTouch } from '../db/repos/people';
import { ownedPeopleWindows } from '../db/repos/windows';
import { fullName, personZone } from '../people/personZone';
import { shownName, type NameOf } from '../../shared/personName';
import { StoredWeek, type WeeklyWindow } from '../besttime/store/windowsCodec';
import type { Opening } from './windowOccurrences';

export interface PlanPerson {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  zone: string;
  lastTouchAt: number | null;
  /** The last touch's kind and direction ("email_out"). */
  lastTouch: string | null;
  /** The stage of the latest open deal, if any. */
  openDealStage: string | null;
  /** Has a won deal (VT-2 "customer"). */
  wonDeal: boolean;
  /** Per channel, the windows of each ISO weekday; null when the channel has none stored. */
  windows: Record<Channel, StoredWeek | null>;
  /**
   * The windows' instants on the last day planned, kept with the person: re-plans of the same
   * day (every action, filter and state change) skip the time-zone arithmetic.
   */
  dayOccurrences: {
    day: number;
    /** The hours the instants were held to: another rep's, or a shift changed, is another day. */
    open: Opening | null;
    call: WindowOccurrence[];
    email: WindowOccurrence[];
    /** Per channel, the first window after the day, once asked for (null: none within a week). */
    after: Partial<Record<Channel, NextWindow | null>>;
  } | null;
  /**
   * Each channel's rows in the last plan and what they were made of: a re-plan where nothing
   * about the person changed hands the same rows back instead of allocating thousands of equal ones.
   */
  lastRows: Record<Channel, readonly KeptRow[] | null>;
}

export interface KeptRow {
  row: PlannerRow;
  pick: WindowOccurrence | null;
}

export type NextWindow = NonNullable<PlannerRow['nextWindow']>;

/** A day's occurrence of a weekly window: the instants it opens and closes on that day. */
/** Each person's windows on one day, per channel: what a day's plan is made of. */
export type DayOccurrences = Map<string, Record<Channel, WindowOccurrence[] | null>>;

export interface WindowOccurrence {
  window: WeeklyWindow;
  start: number;
  end: number;
  stars: number;
  /** The day's other windows when this one speaks for the row, built on first use. */
  alternatives?: { start: number; end: number; stars: number }[] | undefined;
  /** Where the window was when the day was first planned (null: there), once worked out. */
  moved?: { start: number; end: number } | null | undefined;
  /** Its reason, once worded (`occurrenceReason`). */
  reason?: string | undefined;
}

/**
 * A rep's people with their zones, last touch (as of `asOf`) and every stored window: what a day
 * plan is made of, in tie order. Names are "First Last" unless `nameOf` says otherwise: the
 * command line prints them so (a fixed interface), the app shows them with `shownName`.
 */
export function loadRepPlanInputs(
  db: Db,
  repId: string,
  orgTz: string,
  asOf: number,
  nameOf: NameOf = fullName,
): PlanPerson[] {
  const people = new Map<string, PlanPerson>();
  for (const p of ownedPeopleWithLastTouch(db, repId, asOf))
    people.set(p.id, planPersonOf(p, orgTz, nameOf));
  for (const w of ownedPeopleWindows(db, repId)) {
    const person = people.get(w.person_id);
    if (!person) continue;
    person.windows[w.channel] = new StoredWeek(w.channel, w.windows);
  }
  for (const d of ownedPeopleDeals(db, repId)) {
    const person = people.get(d.person_id);
    if (!person) continue;
    if (d.status === 'open') person.openDealStage = d.stage;
    else person.wonDeal = true;
  }
  return [...people.values()].sort(inTieOrder);
}

type PersonRead = ReturnType<typeof lastTouchOf> extends IterableIterator<infer P> ? P : never;

function planPersonOf(p: PersonRead, orgTz: string, nameOf: NameOf): PlanPerson {
  return {
    id: p.id,
    name: nameOf(p.first_name, p.last_name),
    company: p.company,
    email: p.email,
    phone: p.phone,
    zone: personZone(p.time_zone, orgTz, p.country, p.phone),
    lastTouchAt: p.last_touch,
    lastTouch: p.last_touch_kind,
    openDealStage: null,
    wonDeal: false,
    windows: { call: null, email: null },
    dayOccurrences: null,
    lastRows: { call: null, email: null },
  };
}

/**
 * A kept day's people the rep no longer owns (given to another rep since), for that day's plan:
 * the day lists them as it stood. No windows (the kept day has them) and no deals (a deal's stage
 * that day is not kept either): their rows read as the kept windows and the person now say.
 */
export function keptPeopleOwnedElsewhere(
  db: Db,
  personIds: readonly string[],
  orgTz: string,
  asOf: number,
  nameOf: NameOf = fullName,
): PlanPerson[] {
  if (personIds.length === 0) return [];
  return [...lastTouchOf(db, personIds, asOf)].map((p) => planPersonOf(p, orgTz, nameOf));
}

/**
 * The order a day plan breaks ties in (name, then id, in code-unit order, as `compareTies`).
 * Inputs kept in this order let the plan break ties by position instead of comparing strings.
 */
export function inTieOrder(a: PlanPerson, b: PlanPerson): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The planner re-plans on every action, filter and state change, but a rep's people and windows
 * change only when a sync or a recompute says so: keep the inputs of the last reps planned in
 * memory (SQLite stays the source of truth) and drop them on every such change. Two: a manager
 * looking at a rep's plan also has their own reminders planned, and neither should evict the other.
 */
export class RepPlanCache {
  private kept = 2;

  /** The app's cache: names as its screens show them. */
  constructor(private readonly nameOf: NameOf = shownName) {}
  private cached: { key: string; people: PlanPerson[] }[] = [];

  /** Keeps at least `reps` reps' inputs from now on: a manager's Team page plans all of theirs. */
  reserve(reps: number): void {
    this.kept = Math.max(this.kept, reps);
  }

  /** A meeting that ends while the inputs are kept becomes the last touch at the next change. */
  get(db: Db, repId: string, orgTz: string, now: number): PlanPerson[] {
    const key = `${repId}|${orgTz}`;
    let entry = this.cached.find((c) => c.key === key);
    if (!entry) {
      entry = { key, people: loadRepPlanInputs(db, repId, orgTz, now, this.nameOf) };
      this.cached = [entry, ...this.cached].slice(0, this.kept);
    }
    return entry.people;
  }

  invalidate(): void {
    this.cached = [];
  }
}
