import { DateTime } from 'luxon';
import type { Planner, PlannerRow, Settings } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { Db } from '../db/openDatabase';
import { occurrencesBetween, WindowClock } from './windowOccurrences';
import { rowActions } from './planActions';
import { loadRepPlanInputs, type PlanPerson } from './repPlanInputs';
import {
  compareTies,
  currentWindow,
  nextChange,
  planRowKey,
  slotState,
} from '../../shared/slotStates';

/** A visit that ended this recently still counts as "on the website now". */
const ON_SITE_MS = 15 * 60_000;
/** No visit lasts longer than this: a session open for longer is split by the site anyway. */
const MAX_VISIT_MS = 6 * 3_600_000;

const NO_ALTERNATIVES: PlannerRow['alternatives'] = [];

// Local-time conversions repeat across plans (same zones, dates and slot minutes): keep them.
const sharedClock = new WindowClock();

export interface Rep {
  id: string;
  time_zone: string;
}

/** The rep's day (PL-1): one row per person and enabled channel, in the order to work them. */
export function planDay(
  db: Db,
  rep: Rep,
  orgTz: string,
  now: number,
  settings: Settings,
  date?: string,
  people: PlanPerson[] = loadRepPlanInputs(db, rep.id, orgTz),
): Planner {
  const day = date
    ? DateTime.fromISO(date, { zone: rep.time_zone })
    : DateTime.fromMillis(now, { zone: rep.time_zone }).startOf('day');
  if (!day.isValid) throw new Error(`Not a date: "${date ?? ''}" (expected YYYY-MM-DD)`);
  const from = day.startOf('day').toMillis();
  const to = day.plus({ days: 1 }).startOf('day').toMillis();
  const channels: Channel[] = [
    ...(settings.callSuggestions ? (['call'] as const) : []),
    ...(settings.emailSuggestions ? (['email'] as const) : []),
  ];

  const onSite = new Set(
    db.raw
      .prepare(
        `select distinct v.person_id from visits v indexed by visits_time join people p on p.id = v.person_id
         where v.started_at between ? and ? and coalesce(v.ended_at, v.started_at) >= ? and p.owner_id = ?`,
      )
      .pluck()
      // Bounded by start time so the time index reads only the last hours, not every visit.
      .all(now - MAX_VISIT_MS, now, now - ON_SITE_MS, rep.id) as string[],
  );
  const scheduled = new Map<string, { kind: string; subject: string | null; startAt: number }>();
  for (const a of db.raw
    .prepare(
      `select person_id, kind, subject, started_at from activities
       where owner_id = ? and status = 'scheduled' and started_at >= ? and started_at < ? order by started_at desc`,
    )
    .iterate(rep.id, from, to) as Iterable<{
    person_id: string;
    kind: string;
    subject: string | null;
    started_at: number;
  }>) {
    scheduled.set(a.person_id, { kind: a.kind, subject: a.subject, startAt: a.started_at });
  }

  const isoDay = day.toISODate() ?? '';
  const actions = rowActions(db, rep.id, isoDay);
  const clock = sharedClock;
  const rows: PlannerRow[] = [];
  const datesByZone = new Map<string, { date: string; weekday: number }[]>();
  for (const p of people) {
    const zone = p.zone;
    if (p.dayOccurrences?.day !== from) {
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
    for (const channel of channels) {
      // Someone with no evidence at all on a channel is not a row: there is nothing to plan around.
      if (!p.windows[channel]) continue;
      const today = p.dayOccurrences[channel];
      const action = actions.get(`${p.id}|${channel}`) ?? null;
      // Snoozed: the window after the one that was current when the rep snoozed, if the day has one.
      const current = currentWindow(today, now);
      const pick = action === 'snoozed' && current ? firstAfter(today, current.start) : current;
      let alternatives: PlannerRow['alternatives'] = NO_ALTERNATIVES;
      if (today.length > (pick ? 1 : 0)) {
        alternatives = [];
        for (const o of today)
          if (o !== pick) alternatives.push({ start: o.start, end: o.end, stars: o.stars });
      }
      rows.push({
        personId: p.id,
        name: p.name,
        company: p.company,
        email: p.email,
        phone: p.phone,
        contactTz: zone,
        dealStage: p.openDealStage,
        category: p.wonDeal ? 'customer' : p.openDealStage ? 'customer_open_deal' : 'lead_contact',
        onSiteNow: onSite.has(p.id),
        channel,
        state: pick ? slotState(pick.start, pick.end, now) : 'none',
        start: pick?.start ?? null,
        end: pick?.end ?? null,
        stars: pick?.window.stars ?? null,
        reason: pick?.window.reason ?? null,
        alternatives,
        lastTouchAt: p.lastTouchAt,
        action,
        next: scheduled.get(p.id) ?? null,
      });
    }
  }
  sortPlanRows(rows);
  let refreshAt: number | null = null;
  for (const r of rows) {
    if (r.start === null || r.end === null) continue;
    const change = nextChange(r.start, r.end, now);
    if (change !== null && (refreshAt === null || change < refreshAt)) refreshAt = change;
  }
  return { date: isoDay, repId: rep.id, repTz: rep.time_zone, now, refreshAt, rows };
}

/**
 * PL-1 order, with rows the rep finished with (done, skipped) below the rest. Keys are computed
 * once per row: thousands of rows, each compared a dozen times.
 */
function sortPlanRows(rows: PlannerRow[]): void {
  const keys = new Map<PlannerRow, [number, number, number, number]>();
  for (const r of rows) {
    const settled = r.action === 'done' || r.action === 'skipped' ? 1 : 0;
    keys.set(r, [settled, ...planRowKey(r)]);
  }
  rows.sort((a, b) => {
    const ka = keys.get(a) as [number, number, number, number];
    const kb = keys.get(b) as [number, number, number, number];
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || ka[3] - kb[3] || compareTies(a, b);
  });
}

function firstAfter<T extends { start: number }>(sorted: readonly T[], start: number): T | null {
  for (const o of sorted) if (o.start > start) return o;
  return null;
}
