import { DateTime } from 'luxon';
import type { TeamWeek, TeamWeekCell } from '../../shared/teamContract';
import type { Db } from '../db/openDatabase';
import { weekActivitiesOf, weekAlertsOf } from '../db/repos/weekWork';
import type { UserRow } from '../db/schema';
import { daysOffWithin } from '../planner/daysOff';
import { openingFor, type Opening } from '../planner/windowOccurrences';
import { weekDates, zoneDate, type ZoneDate } from './weekDays';
import { repWorkingIntervals } from './workingHours';

/** A row of `weekActivitiesOf`, as the counting reads it. */
export interface WeekActivity {
  ownerId: string | null;
  kind: string;
  status: string;
  /** Booked in this app and not yet read back from the CRM. */
  local: boolean;
  direction: 'in' | 'out' | null;
  signal: string | null;
  at: number;
}

/** A rep's seven dates, each in the rep's own zone, with whether and why they work it. */
export interface RepWeek {
  repId: string;
  days: (ZoneDate & { working: boolean; dayOff: string | null })[];
}

function emptyCell(day: RepWeek['days'][number]): TeamWeekCell {
  return {
    date: day.date,
    working: day.working,
    dayOff: day.dayOff,
    callsScheduled: 0,
    booked: 0,
    tasks: 0,
    tasksDone: 0,
    callsMade: 0,
    emailsSent: 0,
    alerts: 0,
  };
}

/**
 * Each rep's cells of the week from the stored rows: an activity or alert counts on the rep's
 * date it falls in. A call the CRM still holds as scheduled counts as scheduled (overdue once
 * passed, not done); one it holds as completed as made, unless it was an inbound call the rep
 * missed; an email only when the rep sent it. A cancelled task counts for nothing.
 */
export function countWeek(
  reps: readonly RepWeek[],
  activities: Iterable<WeekActivity>,
  alerts: Iterable<{ ownerId: string | null; at: number }>,
): Map<string, TeamWeekCell[]> {
  const cells = new Map(reps.map((r) => [r.repId, r.days.map(emptyCell)]));
  const days = new Map(reps.map((r) => [r.repId, r.days]));
  const cellOf = (ownerId: string | null, at: number): TeamWeekCell | undefined => {
    if (ownerId === null) return undefined;
    const i = days.get(ownerId)?.findIndex((d) => at >= d.from && at < d.to) ?? -1;
    return i < 0 ? undefined : cells.get(ownerId)?.[i];
  };
  for (const a of activities) {
    const cell = cellOf(a.ownerId, a.at);
    if (!cell) continue;
    if (a.kind === 'task') {
      if (a.status === 'cancelled') continue;
      cell.tasks++;
      if (a.status === 'completed') cell.tasksDone++;
    } else if (a.kind === 'call') {
      if (a.status === 'scheduled') {
        cell.callsScheduled++;
        if (a.local) cell.booked++;
      } else if (a.status === 'completed' && a.signal !== 'call_inbound_missed') cell.callsMade++;
    } else if (a.kind === 'email' && a.status === 'completed' && a.direction === 'out')
      cell.emailsSent++;
  }
  for (const alert of alerts) {
    const cell = cellOf(alert.ownerId, alert.at);
    if (cell) cell.alerts++;
  }
  return cells;
}

/**
 * A rep's seven dates of the manager's week, each midnight to midnight in the rep's zone (as the
 * day view shows a lane's date), marked worked when the rep's hours (`openingFor`: their shift's,
 * else the organisation's) open some of it, and named by the holiday that closes it.
 */
export function repWeek(rep: UserRow, opening: Opening | null, dates: readonly string[]): RepWeek {
  return {
    repId: rep.id,
    days: dates.map((date) => {
      const day = zoneDate(rep.time_zone, date);
      const working = repWorkingIntervals(opening, day.from, day.to).length > 0;
      const off = working || !opening ? [] : daysOffWithin(opening.daysOff, day.from, day.to);
      return { ...day, working, dayOff: off[0]?.name ?? null };
    }),
  };
}

/**
 * The Team page's week: one row per rep of `reps`, one cell per date Monday to Sunday of the
 * manager's week, counted with two indexed queries over the week's activities and alerts. No
 * rep's day plan is made: cold, the day view's plans take seconds; seven of them would take a week.
 */
export function teamWeek(
  db: Db,
  viewer: UserRow,
  reps: readonly UserRow[],
  now: number,
  week?: string,
): TeamWeek {
  const zone = viewer.time_zone;
  const { week: monday, dates } = weekDates(zone, now, week);
  const today = DateTime.fromMillis(now, { zone }).toISODate() ?? '';
  const weeks = reps.map((rep) => repWeek(rep, openingFor(db, rep), dates));
  let from = Infinity;
  let to = -Infinity;
  for (const w of weeks)
    for (const d of w.days) {
      from = Math.min(from, d.from);
      to = Math.max(to, d.to);
    }
  const ids = reps.map((r) => r.id);
  const cells =
    reps.length === 0
      ? new Map<string, TeamWeekCell[]>()
      : countWeek(
          weeks,
          weekActivitiesOf(db, ids, from, to).map((a) => ({
            ownerId: a.owner_id,
            kind: a.kind,
            status: a.status,
            local: a.source_module === 'local',
            direction: a.direction,
            signal: a.signal,
            at: a.started_at,
          })),
          weekAlertsOf(db, ids, from, to).map((a) => ({ ownerId: a.owner_id, at: a.at })),
        );
  return {
    week: monday,
    now,
    manager: { id: viewer.id, name: viewer.name, timeZone: zone },
    days: dates.map((date) => ({
      ...zoneDate(zone, date),
      past: date < today,
      today: date === today,
    })),
    reps: reps.map((rep) => ({
      repId: rep.id,
      name: rep.name,
      timeZone: rep.time_zone,
      team: rep.team,
      cells: cells.get(rep.id) ?? [],
    })),
  };
}
