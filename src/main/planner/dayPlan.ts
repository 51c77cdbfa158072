import { DateTime } from 'luxon';
import type { Planner, PlannerRow, Settings } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { Db } from '../db/openDatabase';
import { occurrencesBetween, WindowClock } from './windowOccurrences';
import { rowActions } from './planActions';
import {
  loadRepPlanInputs,
  type DayOccurrences,
  type KeptRow,
  type NextWindow,
  type WindowOccurrence,
  type PlanPerson,
} from './repPlanInputs';
import { onSiteNow, peopleInTieOrder, scheduledOn } from './dayPlanReads';
import { closedBetween, nextOpenDate, readBusinessHours } from './businessDays';
import {
  currentWindow,
  nextChange,
  rowState,
  shownWindows,
  sortPlanRows,
} from '../../shared/slotStates';
import { reasonOf } from '../besttime/store/windowsCodec';

const NO_ALTERNATIVES: PlannerRow['alternatives'] = [];
const NO_OCCURRENCES: readonly WindowOccurrence[] = [];
const DAY_MS = 86_400_000;

// Local-time conversions repeat across plans (same zones, dates and slot minutes): keep them.
const sharedClock = new WindowClock();

export interface Rep {
  id: string;
  time_zone: string;
}

/**
 * The windows each row had when its day was first planned, keyed `personId|channel`, as flat
 * [start, end, start, end, …] lists: what "moved from 14:00" is measured against.
 */
export type FirstSeen = ReadonlyMap<string, readonly number[]>;

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
  people: PlanPerson[] = loadRepPlanInputs(db, rep.id, orgTz),
  /** The windows the day was planned with (a past day kept), instead of today's windows. */
  asPlanned: DayOccurrences | null = null,
  /** Today's windows as first planned, to say which moved since. */
  firstSeen: FirstSeen | null = null,
): Planner {
  const { from, to, isoDay } = repDay(rep.time_zone, now, date);
  const channels: Channel[] = [
    ...(settings.callSuggestions ? (['call'] as const) : []),
    ...(settings.emailSuggestions ? (['email'] as const) : []),
  ];

  const onSite = onSiteNow(db, rep.id, now, people);
  const scheduled = scheduledOn(db, rep.id, from, to, people);
  const marks = rowActions(db, rep.id, isoDay);
  const clock = sharedClock;
  const rows: PlannerRow[] = [];
  const datesByZone = new Map<string, { date: string; weekday: number }[]>();
  let refreshAt: number | null = null;
  for (const p of peopleInTieOrder(people)) {
    const zone = p.zone;
    const planned = asPlanned ? asPlanned.get(p.id) : undefined;
    if (asPlanned && !planned) continue;
    if (!planned && p.dayOccurrences?.day !== from) {
      let dates = datesByZone.get(zone);
      if (!dates) {
        dates = clock.localDates(zone, from, to);
        datesByZone.set(zone, dates);
      }
      p.dayOccurrences = {
        day: from,
        call: p.windows.call
          ? occurrencesBetween(clock, zone, p.windows.call, from, to, dates)
          : [],
        email: p.windows.email
          ? occurrencesBetween(clock, zone, p.windows.email, from, to, dates)
          : [],
      };
    }
    const category = p.wonDeal
      ? 'customer'
      : p.openDealStage
        ? 'customer_open_deal'
        : 'lead_contact';
    const visiting = onSite.has(p.id);
    const next = scheduled.get(p.id) ?? null;
    for (const channel of channels) {
      // Someone with no evidence at all on a channel is not a row: there is nothing to plan around.
      // Named, not indexed by channel: a plain property read in the loop over every person.
      const today = planned
        ? planned[channel]
        : !(channel === 'call' ? p.windows.call : p.windows.email)
          ? null
          : channel === 'call'
            ? p.dayOccurrences?.call
            : p.dayOccurrences?.email;
      if (!today) continue;
      // Most days have no marks yet: skip building a key per row to find none.
      const mark = marks.size ? marks.get(`${p.id}|${channel}`) : undefined;
      const action = mark?.action ?? null;
      // Snoozed: the windows after the one that spoke for the row when the rep snoozed it.
      let pool: readonly WindowOccurrence[] = today;
      if (mark?.action === 'snoozed') {
        const then = currentWindow(today, mark.at);
        pool = then ? today.filter((o) => o.start > then.start) : NO_OCCURRENCES;
      }
      let current: WindowOccurrence | null;
      let ended: WindowOccurrence | null = null;
      // Done or skipped is done with the day: one row, whatever windows are left.
      if (action === 'done' || action === 'skipped') current = currentWindow(pool, now);
      else ({ current, ended } = shownWindows(pool, now));
      const kept = planned ? null : channel === 'call' ? p.lastRows.call : p.lastRows.email;
      const seen = firstSeen?.size ? firstSeen.get(`${p.id}|${channel}`) : undefined;
      const build = (pick: WindowOccurrence | null): PlannerRow => {
        const state = rowState(pick, now);
        if (pick) {
          const change = nextChange(pick.start, pick.end, now);
          if (change !== null && (refreshAt === null || change < refreshAt)) refreshAt = change;
        }
        const nextWindow =
          planned || (pick && hasLaterThan(today, pick.start))
            ? null
            : firstAfterDay(p, channel, to);
        const movedFrom = seen && pick ? moved(seen, pick, today) : null;
        for (const k of kept ?? NO_KEPT) {
          const row = k.row;
          if (
            k.pick === pick &&
            row.state === state &&
            row.action === action &&
            row.onSiteNow === visiting &&
            row.next === next &&
            row.nextWindow === nextWindow &&
            row.movedFrom?.start === movedFrom?.start &&
            row.movedFrom?.end === movedFrom?.end
          )
            return row;
        }
        return {
          personId: p.id,
          name: p.name,
          company: p.company,
          email: p.email,
          phone: p.phone,
          contactTz: zone,
          dealStage: p.openDealStage,
          category,
          onSiteNow: visiting,
          channel,
          state,
          start: pick?.start ?? null,
          end: pick?.end ?? null,
          stars: pick?.window.stars ?? null,
          reason: pick ? reasonOf(pick.window, now) : null,
          alternatives: alternativesBesides(today, pick),
          lastTouchAt: p.lastTouchAt,
          lastTouch: p.lastTouch,
          action,
          next,
          nextWindow,
          movedFrom,
        };
      };
      // The ended window first: rows of one person and channel arrive in the order of their starts.
      const endedRow = ended ? build(ended) : null;
      const currentRow = current || !ended ? build(current) : null;
      if (endedRow) rows.push(endedRow);
      if (currentRow) rows.push(currentRow);
      // A kept past day's rows are not cached: today's re-plans keep theirs.
      if (!planned) {
        const same =
          kept &&
          kept.length === (endedRow ? 1 : 0) + (currentRow ? 1 : 0) &&
          (!endedRow || kept.some((k) => k.row === endedRow)) &&
          (!currentRow || kept.some((k) => k.row === currentRow));
        if (!same) {
          const fresh: KeptRow[] = [];
          if (endedRow) fresh.push({ row: endedRow, pick: ended });
          if (currentRow) fresh.push({ row: currentRow, pick: current });
          p.lastRows[channel] = fresh;
        }
      }
    }
  }
  // Rows were built in tie order: people by name and id, call before email.
  const ordered = sortPlanRows(rows, true);
  const hours = readBusinessHours(db);
  const closed = closedBetween(hours, orgTz, from, to);
  return {
    date: isoDay,
    repId: rep.id,
    repTz: rep.time_zone,
    now,
    refreshAt,
    rows: ordered,
    total: ordered.length,
    closed,
    nextOpenDate: closed ? nextOpenDate(hours, orgTz, rep.time_zone, isoDay) : null,
    owned: people.length,
  };
}

const NO_KEPT: readonly KeptRow[] = [];

function hasLaterThan(sorted: readonly WindowOccurrence[], start: number): boolean {
  const last = sorted[sorted.length - 1];
  return last !== undefined && last.start > start;
}

/**
 * The channel's first window after the day, within a week, worked out once per person and day:
 * what a row with no later window today offers instead of snoozing into nothing.
 */
function firstAfterDay(p: PlanPerson, channel: Channel, dayEnd: number): NextWindow | null {
  const occurrences = p.dayOccurrences;
  const byWeekday = p.windows[channel];
  if (!occurrences || !byWeekday) return null;
  const after = (occurrences.after ??= {});
  const known = after[channel];
  if (known !== undefined) return known;
  let found: NextWindow | null = null;
  const clock = sharedClock;
  for (const { date, weekday } of clock.localDates(p.zone, dayEnd, dayEnd + 8 * DAY_MS)) {
    for (const w of byWeekday[weekday] ?? []) {
      const start = clock.instant(p.zone, date, w.startMin);
      if (start < dayEnd || (found && start >= found.start)) continue;
      found = { start, end: clock.instant(p.zone, date, w.endMin), stars: w.stars };
    }
    if (found) break;
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
