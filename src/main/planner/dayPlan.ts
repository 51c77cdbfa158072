import { DateTime } from 'luxon';
import type { Planner, PlannerRow, Settings } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { Db } from '../db/openDatabase';
import { occurrencesBetween, WindowClock } from './windowOccurrences';
import { rowActions } from './planActions';
import {
  loadRepPlanInputs,
  type DayOccurrences,
  type WindowOccurrence,
  type PlanPerson,
} from './repPlanInputs';
import { onSiteNow, peopleInTieOrder, scheduledOn } from './dayPlanReads';
import { currentWindow, nextChange, rowState, sortPlanRows } from '../../shared/slotStates';
import { reasonOf } from '../besttime/store/windowsCodec';

const NO_ALTERNATIVES: PlannerRow['alternatives'] = [];

// Local-time conversions repeat across plans (same zones, dates and slot minutes): keep them.
const sharedClock = new WindowClock();

export interface Rep {
  id: string;
  time_zone: string;
}

/**
 * The rep's day (PL-1): one row per person and enabled channel, in the order to work them. Rows
 * that did not change are the same objects as in the previous plan of the same inputs: read-only.
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
): Planner {
  const { from, to, isoDay } = repDay(rep.time_zone, now, date);
  const channels: Channel[] = [
    ...(settings.callSuggestions ? (['call'] as const) : []),
    ...(settings.emailSuggestions ? (['email'] as const) : []),
  ];

  const onSite = onSiteNow(db, rep.id, now, people);
  const { byPerson: scheduled, until: scheduledChangesAt } = scheduledOn(
    db,
    rep.id,
    from,
    to,
    people,
    now,
  );
  const actions = rowActions(db, rep.id, isoDay);
  const clock = sharedClock;
  const rows: PlannerRow[] = [];
  const datesByZone = new Map<string, { date: string; weekday: number }[]>();
  // A meeting shown as booked work stops being booked when it ends.
  let refreshAt: number | null = scheduledChangesAt < to ? scheduledChangesAt : null;
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
      const action = actions.size ? (actions.get(`${p.id}|${channel}`) ?? null) : null;
      // Snoozed: the window after the one that was current when the rep snoozed, if the day has one.
      const current = currentWindow(today, now);
      const pick = action === 'snoozed' && current ? firstAfter(today, current.start) : current;
      const state = rowState(pick, now);
      if (pick) {
        const change = nextChange(pick.start, pick.end, now);
        if (change !== null && (refreshAt === null || change < refreshAt)) refreshAt = change;
      }
      // A kept past day's rows are not cached: today's re-plans keep theirs.
      const kept = planned ? null : channel === 'call' ? p.lastRows.call : p.lastRows.email;
      if (
        kept?.pick === pick &&
        kept.row.state === state &&
        kept.row.action === action &&
        kept.row.onSiteNow === visiting &&
        kept.row.next === next
      ) {
        rows.push(kept.row);
        continue;
      }
      const row: PlannerRow = {
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
      };
      if (!planned) p.lastRows[channel] = { row, pick };
      rows.push(row);
    }
  }
  // Rows were built in tie order: people by name and id, call before email.
  const ordered = sortPlanRows(rows, true);
  return {
    date: isoDay,
    repId: rep.id,
    repTz: rep.time_zone,
    now,
    refreshAt,
    rows: ordered,
    total: ordered.length,
  };
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

function firstAfter<T extends { start: number }>(sorted: readonly T[], start: number): T | null {
  for (const o of sorted) if (o.start > start) return o;
  return null;
}
