import { DateTime } from 'luxon';
import type { Planner, PlannerRow, Settings } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { Db } from '../db/openDatabase';
import { occurrencesBetween, WindowClock } from './windowOccurrences';
import { rowActions } from './planActions';
import { loadRepPlanInputs, type PlanPerson } from './repPlanInputs';
import { comparePlanRows, currentWindow, nextChange, slotState } from '../../shared/slotStates';

/** A visit that ended this recently still counts as "on the website now". */
const ON_SITE_MS = 15 * 60_000;

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

  const deals = new Map<string, string>();
  const customers = new Set<string>();
  for (const d of db.raw
    .prepare(
      `select d.person_id, d.stage, d.status from deals d join people p on p.id = d.person_id
       where p.owner_id = ? and d.status != 'lost' order by d.modified_at`,
    )
    .iterate(rep.id) as Iterable<{ person_id: string; stage: string; status: string }>) {
    if (d.status === 'open') deals.set(d.person_id, d.stage);
    else customers.add(d.person_id);
  }
  const onSite = new Set(
    db.raw
      .prepare(
        `select distinct v.person_id from visits v join people p on p.id = v.person_id
         where p.owner_id = ? and coalesce(v.ended_at, v.started_at) >= ? and v.started_at <= ?`,
      )
      .pluck()
      .all(rep.id, now - ON_SITE_MS, now) as string[],
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
    let dates = datesByZone.get(zone);
    if (!dates) {
      dates = clock.localDates(zone, from, to);
      datesByZone.set(zone, dates);
    }
    for (const channel of channels) {
      const own = p.windows[channel];
      // Someone with no evidence at all on a channel is not a row: there is nothing to plan around.
      if (!own) continue;
      const today = occurrencesBetween(clock, zone, own, from, to, dates);
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
        dealStage: deals.get(p.id) ?? null,
        category: customers.has(p.id)
          ? 'customer'
          : deals.has(p.id)
            ? 'customer_open_deal'
            : 'lead_contact',
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
  rows.sort(compareWithActions);
  let refreshAt: number | null = null;
  for (const r of rows) {
    if (r.start === null || r.end === null) continue;
    const change = nextChange(r.start, r.end, now);
    if (change !== null && (refreshAt === null || change < refreshAt)) refreshAt = change;
  }
  return { date: isoDay, repId: rep.id, repTz: rep.time_zone, now, refreshAt, rows };
}

/** Rows the rep finished with (done, skipped) sink below the rest, in their own order. */
function compareWithActions(a: PlannerRow, b: PlannerRow): number {
  const settled = (r: PlannerRow): number =>
    r.action === 'done' || r.action === 'skipped' ? 1 : 0;
  return settled(a) - settled(b) || comparePlanRows(a, b);
}

function firstAfter<T extends { start: number }>(sorted: readonly T[], start: number): T | null {
  for (const o of sorted) if (o.start > start) return o;
  return null;
}
