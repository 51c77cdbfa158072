import { DateTime } from 'luxon';
import type { Planner, PlannerRow, Settings } from '../../shared/contract';
import type { Db } from '../db/openDatabase';
import { categoryOf } from '../../shared/visitorCategories';
import { occurrencesBetween, openingFor } from './windowOccurrences';
import { rowActions } from './planActions';
import {
  dayContacts,
  sameHours,
  workedEndedWindow,
  type ContactTimes,
  type ReachedFirstPlanned,
} from './reachedRows';
import {
  loadRepPlanInputs,
  type DayOccurrences,
  type KeptRow,
  type WindowOccurrence,
  type PlanPerson,
} from './repPlanInputs';
import { onSiteNow, peopleInTieOrder, scheduledOn } from './dayPlanReads';
import { dayOpening } from './businessDays';
import { currentWindow, shownWindows, snoozedToStart, sortPlanRows } from '../../shared/slotStates';
import { planChannels } from '../../shared/planChannels';
import {
  rowFor,
  sameRows,
  sharedClock,
  sureEndedFirst,
  type FirstSeen,
  type PersonChannel,
  type PlanContext,
} from './planRows';

const NO_OCCURRENCES: readonly WindowOccurrence[] = [];

export interface Rep {
  id: string;
  time_zone: string;
  /** The shift whose hours the rep works; none (or left out): the organisation's. */
  shift_id?: string | null;
}

/**
 * The rep's day (PL-1): per person and enabled channel, the window open now or next, and the one
 * that ended last, which stays on the plan (BT-6) rather than turning into the next; a person
 * with no window that day is one "no window" row. In the order to work them. Rows that did not
 * change are the same objects as in the previous plan of the same inputs: read-only.
 */
export function planDay(
  db: Db,
  rep: Rep,
  orgTz: string,
  now: number,
  settings: Settings,
  date?: string,
  people: PlanPerson[] = loadRepPlanInputs(db, rep.id, orgTz, now),
  /** The windows the day was planned with (a past day kept), instead of today's windows. */
  asPlanned: DayOccurrences | null = null,
  /** Today's windows as first planned, to say which moved since. */
  firstSeen: FirstSeen | null = null,
  /**
   * The windows the day was first planned with, of the people reached that day on the channel
   * (`reachedFirstPlanned`): their rows keep them whatever a relearn made of them since.
   */
  reached: ReachedFirstPlanned | null = null,
  /**
   * The rep's contacts that day up to `now` (`contactTimes`): a window one of them worked is the
   * row shown once it has ended (`workedEndedWindow`), as the Team page counts it.
   */
  contacts: ContactTimes | null = null,
  /** The people called that day while off its plan (`offPlanCallers`): no call row for them. */
  calledOffPlan: ReadonlySet<string> = NO_ONE,
): Planner {
  const { from, to, isoDay } = repDay(rep.time_zone, now, date);
  const channels = planChannels(settings);

  const onSite = onSiteNow(db, rep.id, now, people);
  const { byPerson: scheduled, until: scheduledChangesAt } = scheduledOn(
    db,
    rep.id,
    from,
    to,
    isoDay,
    people,
    now,
  );
  const marks = rowActions(db, rep.id, isoDay);
  // People called that day while off its plan stay off it: the windows the call taught plan the
  // days after (offPlanCalls.ts).
  const offPlan = channels.includes('call') ? calledOffPlan : NO_ONE;
  const clock = sharedClock;
  const open = openingFor(db, rep);
  const rows: PlannerRow[] = [];
  const datesByZone = new Map<string, { date: string; weekday: number }[]>();
  const plan: PlanContext = {
    now,
    dayEnd: to,
    dayOver: to <= now,
    repTz: rep.time_zone,
    kept: asPlanned !== null,
    firstSeen,
    open,
    // A meeting shown as booked work stops being booked when it ends.
    refreshAt: scheduledChangesAt < to ? scheduledChangesAt : null,
  };
  // Reused for every person and channel: a plan of thousands of rows allocates none of these.
  const shown: { current: WindowOccurrence | null; ended: WindowOccurrence | null } = {
    current: null,
    ended: null,
  };
  const pc: PersonChannel = {
    p: people[0] as PlanPerson,
    channel: 'call',
    today: [],
    kept: null,
    action: null,
    visiting: false,
    next: null,
    category: 'lead_contact',
    snoozedFrom: null,
  };
  for (const p of peopleInTieOrder(people)) {
    const zone = p.zone;
    const planned = asPlanned ? asPlanned.get(p.id) : undefined;
    if (asPlanned && !planned) continue;
    if (!planned && (p.dayOccurrences?.day !== from || p.dayOccurrences.open !== open)) {
      let dates = datesByZone.get(zone);
      if (!dates) {
        dates = clock.localDates(zone, from, to);
        datesByZone.set(zone, dates);
      }
      p.dayOccurrences = {
        day: from,
        open,
        call: p.windows.call
          ? occurrencesBetween(clock, zone, p.windows.call, from, to, dates, open)
          : [],
        email: p.windows.email
          ? occurrencesBetween(clock, zone, p.windows.email, from, to, dates, open)
          : [],
        after: {},
      };
    }
    const category: PlannerRow['category'] = categoryOf(p.wonDeal, p.openDealStage !== null);
    const visiting = onSite.has(p.id);
    const next = scheduled.get(p.id) ?? null;
    for (const channel of channels) {
      // Someone with no evidence at all on a channel is not a row: there is nothing to plan around.
      // Named, not indexed by channel: a plain property read in the loop over every person.
      let today = planned
        ? planned[channel]
        : !(channel === 'call' ? p.windows.call : p.windows.email)
          ? null
          : channel === 'call'
            ? p.dayOccurrences?.call
            : p.dayOccurrences?.email;
      if (!today || (offPlan.size && channel === 'call' && offPlan.has(p.id))) continue;
      // Reached that day: the day's windows as first planned. Looked up by the person's id: once
      // anyone is reached, a `personId|channel` key was built (and hashed) for every row.
      const first = reached ? reached[channel].get(p.id) : undefined;
      if (first && !sameHours(first, today)) today = first;
      // Most days have no marks yet: skip building a key per row to find none.
      const mark = marks.size ? marks.get(`${p.id}|${channel}`) : undefined;
      const action = mark?.action ?? null;
      // Snoozed: the windows after the one that spoke for the row when the rep snoozed it.
      let pool: readonly WindowOccurrence[] = today;
      let then: WindowOccurrence | null = null;
      // Chosen from Snooze's offer: the later window of the day the rep picked (a ½★ hour before
      // the next sure window, or that sure one), or none today (null: the next day's window).
      let chosen: WindowOccurrence | null = null;
      if (mark?.action === 'snoozed') {
        const from = currentWindow(today, mark.at);
        const to = mark.snoozeTo;
        // A window named by the page is where the row goes, whichever window the day was in: the
        // snoozed row may have been one that ended, or a ½★ hour a snooze chose (review52 2).
        const toStart = typeof to === 'number' ? snoozedToStart(today, to, mark.at) : null;
        pool =
          toStart !== null
            ? today.filter((o) => o.start >= toStart)
            : !from || to === null
              ? NO_OCCURRENCES
              : today.filter((o) => o.start > from.start);
        then = from;
        chosen = toStart === null ? null : (pool.find((o) => o.start === toStart) ?? null);
      }
      // Done or skipped is done with the day: one row, whatever windows are left.
      if (action === 'done' || action === 'skipped') {
        shown.current = currentWindow(pool, now);
        shown.ended = null;
      } else if (chosen && now < chosen.end) {
        // The window chosen speaks until it ends, though a surer one comes later that day.
        shown.current = chosen;
        shown.ended = null;
      } else shownWindows(pool, now, shown);
      // Worked in a window that has ended: the row shows that window, not a later one.
      const worked = contacts
        ? workedEndedWindow(today, dayContacts(contacts, channel, p.id, today), now)
        : null;
      if (worked && pool.includes(worked)) {
        if (action === 'done' || action === 'skipped') {
          if (shown.current && shown.current.end <= now) shown.current = worked;
        } else shown.ended = worked;
      } else if (action !== 'done' && action !== 'skipped') sureEndedFirst(pool, now, shown);
      const { current, ended } = shown;
      const kept = planned ? null : channel === 'call' ? p.lastRows.call : p.lastRows.email;
      pc.p = p;
      pc.channel = channel;
      pc.today = today;
      pc.kept = kept;
      pc.action = action;
      pc.visiting = visiting;
      pc.next = next;
      pc.category = category;
      pc.snoozedFrom = then;
      // The ended window first: rows of one person and channel arrive in the order of their starts.
      const endedRow = ended ? rowFor(plan, pc, ended) : null;
      const currentRow = current || !ended ? rowFor(plan, pc, current) : null;
      if (endedRow) rows.push(endedRow);
      if (currentRow) rows.push(currentRow);
      // A kept past day's rows are not cached: today's re-plans keep theirs.
      if (!planned && !sameRows(kept, endedRow, currentRow)) {
        const fresh: KeptRow[] = [];
        if (endedRow) fresh.push({ row: endedRow, pick: ended });
        if (currentRow) fresh.push({ row: currentRow, pick: current });
        p.lastRows[channel] = fresh;
      }
    }
  }
  // Rows were built in tie order: people by name and id, call before email.
  const ordered = sortPlanRows(rows, true);
  const { closed, nextOpen, holiday } = dayOpening(open, rep.time_zone, from, to, isoDay);
  return {
    date: isoDay,
    repId: rep.id,
    repTz: rep.time_zone,
    now,
    channels,
    finishedOff: finishedOff(marks, channels, people),
    refreshAt: plan.refreshAt,
    rows: ordered,
    total: ordered.length,
    closed,
    nextOpenDate: nextOpen,
    holiday,
    shift: open?.shift ?? null,
    owned: people.length,
  };
}

/**
 * The day's rows finished with on a channel switched off (BT-8): calls logged before Calls was
 * turned off are still work done that day, though the plan no longer lists call rows.
 */
function finishedOff(
  marks: ReadonlyMap<string, { action: string }>,
  channels: readonly string[],
  people: readonly PlanPerson[],
): Planner['finishedOff'] {
  const out = { done: 0, skipped: 0 };
  if (marks.size === 0 || channels.length === 2) return out;
  const owned = new Set(people.map((p) => p.id));
  for (const [key, mark] of marks) {
    const bar = key.lastIndexOf('|');
    if (channels.includes(key.slice(bar + 1)) || !owned.has(key.slice(0, bar))) continue;
    if (mark.action === 'done') out.done++;
    else if (mark.action === 'skipped') out.skipped++;
  }
  return out;
}

const NO_ONE: ReadonlySet<string> = new Set();

let lastDay: { zone: string; date: string | undefined; from: number; to: number; isoDay: string } =
  { zone: '', date: undefined, from: 0, to: 0, isoDay: '' };

/** The rep's day planned, [from, to) in UTC ms: `date`, else the day of `now` in the rep's zone. */
function repDay(
  zone: string,
  now: number,
  date: string | undefined,
): { from: number; to: number; isoDay: string } {
  // Re-plans ask for the same day again and again: skip the zone arithmetic while it holds.
  const held =
    lastDay.zone === zone &&
    lastDay.date === date &&
    (date !== undefined || (lastDay.from <= now && now < lastDay.to));
  if (held) return lastDay;
  const day = date
    ? DateTime.fromISO(date, { zone })
    : DateTime.fromMillis(now, { zone }).startOf('day');
  if (!day.isValid) throw new Error(`Not a date: "${date ?? ''}" (expected YYYY-MM-DD)`);
  lastDay = {
    zone,
    date,
    from: day.startOf('day').toMillis(),
    to: day.plus({ days: 1 }).startOf('day').toMillis(),
    isoDay: day.toISODate() ?? '',
  };
  return lastDay;
}
