import { DateTime } from 'luxon';
import type { Planner, PlannerRow, Settings } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { Db } from '../db/openDatabase';
import { fullName, personZone } from '../people/personZone';
import { occurrencesBetween, WindowClock } from './windowOccurrences';
import { comparePlanRows, currentWindow, nextChange, slotState } from '../../shared/slotStates';

interface PersonRow {
  id: string;
  first_name: string | null;
  last_name: string;
  company: string | null;
  time_zone: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  last_touch: number | null;
}

interface WindowRow {
  person_id: string;
  channel: Channel;
  weekday: number;
  startMin: number;
  endMin: number;
  stars: number;
  reason: string;
}

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

  const people = db.raw
    .prepare(
      `select p.id, p.first_name, p.last_name, p.company, p.time_zone, p.country, p.phone, p.email,
        (select max(a.started_at) from activities a where a.person_id = p.id and a.started_at <= ?) as last_touch
       from people p where p.owner_id = ?`,
    )
    .all(now, rep.id) as PersonRow[];
  const windows = new Map<string, WindowRow[]>();
  for (const w of db.raw
    .prepare(
      `select w.person_id, w.channel, w.weekday, w.start_min as startMin, w.end_min as endMin, w.stars, w.reason
       from best_time_windows w join people p on p.id = w.person_id where p.owner_id = ?`,
    )
    .iterate(rep.id) as Iterable<WindowRow>) {
    const list = windows.get(w.person_id);
    if (list) list.push(w);
    else windows.set(w.person_id, [w]);
  }
  const deals = new Map<string, string>();
  for (const d of db.raw
    .prepare(
      `select person_id, stage from deals where owner_id = ? and status = 'open' order by modified_at`,
    )
    .iterate(rep.id) as Iterable<{ person_id: string | null; stage: string }>) {
    if (d.person_id) deals.set(d.person_id, d.stage);
  }
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

  const clock = new WindowClock();
  const rows: PlannerRow[] = [];
  for (const p of people) {
    const zone = personZone(p.time_zone, orgTz, p.country, p.phone);
    const own = windows.get(p.id) ?? [];
    for (const channel of channels) {
      // Someone with no evidence at all on a channel is not a row: there is nothing to plan around.
      if (own.every((w) => w.channel !== channel)) continue;
      const today = occurrencesBetween(
        clock,
        zone,
        own.filter((w) => w.channel === channel),
        from,
        to,
      ).map((o) => ({ ...o, stars: o.window.stars }));
      const pick = currentWindow(today, now);
      rows.push({
        personId: p.id,
        name: fullName(p.first_name, p.last_name),
        company: p.company,
        email: p.email,
        phone: p.phone,
        contactTz: zone,
        dealStage: deals.get(p.id) ?? null,
        channel,
        state: pick ? slotState(pick.start, pick.end, now) : 'none',
        start: pick?.start ?? null,
        end: pick?.end ?? null,
        stars: pick?.window.stars ?? null,
        reason: pick?.window.reason ?? null,
        alternatives: today
          .filter((o) => o !== pick)
          .map((o) => ({ start: o.start, end: o.end, stars: o.stars })),
        lastTouchAt: p.last_touch,
        next: scheduled.get(p.id) ?? null,
      });
    }
  }
  rows.sort(comparePlanRows);
  let refreshAt: number | null = null;
  for (const r of rows) {
    if (r.start === null || r.end === null) continue;
    const change = nextChange(r.start, r.end, now);
    if (change !== null && (refreshAt === null || change < refreshAt)) refreshAt = change;
  }
  return { date: day.toISODate() ?? '', repTz: rep.time_zone, now, refreshAt, rows };
}
