import { DateTime } from 'luxon';
import { dueDateOver } from '../../shared/taskDue';
import { emptyWeekCell, type TeamWeek, type TeamWeekCell } from '../../shared/teamContract';
import type { Db } from '../db/openDatabase';
import { openTasksDueBeforeCount } from '../db/repos/activities';
import { weekActivityCountsOf, weekAlertsOf, weekTasksDueOf } from '../db/repos/weekWork';
import type { UserRow } from '../db/schema';
import { daysOffWithin } from '../planner/daysOff';
import { openingFor, type Opening } from '../planner/windowOccurrences';
import { weekDates, zoneDate, type ZoneDate } from './weekDays';
import { tasksCarried } from './tasksCarried';
import { repWorkingIntervals } from './workingHours';

/**
 * Activities alike of one rep's day (`weekActivityCountsOf`, and `weekTasksDueOf` for the tasks
 * with a due date), as the counting reads them.
 */
interface WeekActivity {
  ownerId: string | null;
  /** The day of the week, 0 for Monday: the rep's day of its instant, or its due date's. */
  day: number;
  kind: string;
  status: string;
  /** Booked in this app and not yet read back from the CRM. */
  local: boolean;
  direction: 'in' | 'out' | null;
  /** An inbound call the rep did not answer. */
  missed: boolean;
  /** A call whose time had passed at the week's `now`. */
  passed: boolean;
  /** How many. */
  n: number;
}

/** A rep's seven dates, each in the rep's own zone, with whether and why they work it. */
interface RepWeek {
  repId: string;
  zone: string;
  days: (ZoneDate & { working: boolean; dayOff: string | null })[];
}

function emptyCell(day: RepWeek['days'][number]): TeamWeekCell {
  return emptyWeekCell(day.date, day.working, day.dayOff);
}

/**
 * Each rep's cells of the week from the stored rows: activities counted by the rep's day, an
 * alert on the rep's date it falls in. A call the CRM still holds as scheduled counts as scheduled,
 * and as overdue (not done) once its time is before `now`; one it holds as completed as made, unless it was an inbound call the rep
 * missed; an email only when the rep sent it. A task counts on its due date, completed or not
 * (and whenever it was closed); one with a time only (no Due_Date) on the rep's day of that time,
 * the day it is due (`taskDueDay`), so it is overdue once that day is over, as on the rep's plan.
 * A cancelled task counts for nothing.
 */
function countWeek(
  reps: readonly RepWeek[],
  activities: Iterable<WeekActivity>,
  alerts: Iterable<{ ownerId: string | null; at: number }>,
  now: number,
): Map<string, TeamWeekCell[]> {
  const cells = new Map(reps.map((r) => [r.repId, r.days.map(emptyCell)]));
  const days = new Map(reps.map((r) => [r.repId, r.days]));
  const alertCell = (ownerId: string | null, at: number): TeamWeekCell | undefined => {
    if (ownerId === null) return undefined;
    const i = days.get(ownerId)?.findIndex((d) => at >= d.from && at < d.to) ?? -1;
    return i < 0 ? undefined : cells.get(ownerId)?.[i];
  };
  for (const a of activities) {
    const cell = a.ownerId === null ? undefined : cells.get(a.ownerId)?.[a.day];
    if (!cell) continue;
    const { n } = a;
    if (a.kind === 'task') {
      if (a.status === 'cancelled') continue;
      cell.tasks += n;
      if (a.status === 'completed') cell.tasksDone += n;
    } else if (a.kind === 'call') {
      if (a.status === 'scheduled') {
        cell.callsScheduled += n;
        if (a.passed) cell.callsOverdue += n;
        if (a.local) cell.booked += n;
      } else if (a.status === 'completed' && !a.missed) cell.callsMade += n;
    } else if (a.kind === 'email' && a.status === 'completed' && a.direction === 'out')
      cell.emailsSent += n;
  }
  for (const alert of alerts) {
    const cell = alertCell(alert.ownerId, alert.at);
    if (cell) cell.alerts++;
  }
  // A task is overdue once its date is over on the rep's own clock, not the manager's: a Sydney
  // rep's Monday has ended while Berlin's morning is still on (the planner's rule, dueDateOver).
  for (const r of reps)
    r.days.forEach((d, i) => {
      const cell = cells.get(r.repId)?.[i];
      if (cell && dueDateOver(d.date, now, r.zone)) cell.tasksOverdue = cell.tasks - cell.tasksDone;
    });
  return cells;
}

/**
 * A rep's seven dates of the manager's week, each midnight to midnight in the rep's zone (as the
 * day view shows a lane's date), marked worked when the rep's hours (`openingFor`: their shift's,
 * else the organisation's) open some of it, and named by the holiday that closes it.
 */
function repWeek(rep: UserRow, opening: Opening | null, dates: readonly string[]): RepWeek {
  return {
    repId: rep.id,
    zone: rep.time_zone,
    days: dates.map((date) => {
      const day = zoneDate(rep.time_zone, date);
      const working = repWorkingIntervals(opening, day.from, day.to).length > 0;
      const off = working || !opening ? [] : daysOffWithin(opening.daysOff, day.from, day.to);
      return { ...day, working, dayOff: off[0]?.name ?? null };
    }),
  };
}

/**
 * Each rep's cells of `dates` (consecutive, in the manager's order), counted with two indexed
 * queries over those days' activities and alerts: the week's seven, or the one date a Team day
 * shows. A cell depends on its own day's rows only, so a day counted alone is its week's cell.
 */
function countDates(
  db: Db,
  reps: readonly UserRow[],
  now: number,
  dates: readonly string[],
): { cells: Map<string, TeamWeekCell[]>; until: number } {
  if (reps.length === 0 || dates.length === 0) return { cells: new Map(), until: Infinity };
  const weeks = reps.map((rep) => repWeek(rep, openingFor(db, rep), dates));
  let from = Infinity;
  let to = -Infinity;
  for (const w of weeks)
    for (const d of w.days) {
      from = Math.min(from, d.from);
      to = Math.max(to, d.to);
    }
  const ids = reps.map((r) => r.id);
  const tasksDue = weekTasksDueOf(db, ids, dates[0] ?? '', dates.at(-1) ?? '').map((t) => ({
    ownerId: t.owner_id,
    day: dates.indexOf(t.due_date ?? ''),
    kind: 'task',
    status: t.status,
    local: false,
    direction: 'out' as const,
    missed: false,
    passed: false,
    n: t.n,
  }));
  const activities = weeks.flatMap((w) =>
    weekActivityCountsOf(
      db,
      w.repId,
      [...w.days.map((d) => d.from), w.days.at(-1)?.to ?? 0],
      now,
    ).map((a) => ({
      ownerId: w.repId,
      day: a.day,
      kind: a.kind,
      status: a.status,
      local: a.local === 1,
      direction: a.direction,
      missed: a.missed === 1,
      passed: a.passed === 1,
      next: a.next,
      n: a.n,
    })),
  );
  const cells = countWeek(
    weeks,
    [...activities, ...tasksDue],
    weekAlertsOf(db, ids, from, to).map((a) => ({ ownerId: a.owner_id, at: a.at })),
    now,
  );
  return { cells, until: figuresTurn(weeks, activities, now) };
}

/**
 * The first instant after `now` at which the same rows count differently: a call's time passes
 * (`passed` is `started_at < now`, so one at `next` has passed at `next + 1`), or a rep's date is
 * over (`dueDateOver`, whose expression this is, makes its open tasks overdue).
 */
function figuresTurn(
  weeks: readonly RepWeek[],
  activities: readonly { next: number | null }[],
  now: number,
): number {
  let until = Infinity;
  for (const a of activities) if (a.next !== null) until = Math.min(until, a.next + 1);
  for (const w of weeks)
    for (const d of w.days) {
      const over = DateTime.fromISO(d.date, { zone: w.zone }).startOf('day').plus({ days: 1 });
      if (over.toMillis() > now) until = Math.min(until, over.toMillis());
    }
  return until;
}

/**
 * The Team page's week: one row per rep of `reps`, one cell per date Monday to Sunday of the
 * manager's week (`countDates`), and, when the rep's today is one of them, the open tasks due
 * before it that their plan of today carries (`tasksCarried`, counted by `tasksBefore`: the Team
 * day's kept count, so its lane and the week's cell say the same). No rep's day plan is made:
 * cold, the day view's plans take seconds; seven of them would take a week.
 */
export function teamWeek(
  db: Db,
  viewer: UserRow,
  reps: readonly UserRow[],
  now: number,
  week?: string,
  tasksBefore: (repId: string, date: string, from: number) => number = (repId, date, from) =>
    openTasksDueBeforeCount(db, repId, date, from),
): TeamWeek {
  const zone = viewer.time_zone;
  const { week: monday, dates } = weekDates(zone, now, week);
  const today = DateTime.fromMillis(now, { zone }).toISODate() ?? '';
  const { cells } = countDates(db, reps, now, dates);
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
      tasksCarried: carriedInWeek(rep, dates, now, tasksBefore),
    })),
  };
}

/** The rep's carried tasks (`tasksCarried`) on their today, if it is a date of `dates`. */
function carriedInWeek(
  rep: UserRow,
  dates: readonly string[],
  now: number,
  count: (repId: string, date: string, from: number) => number,
): { date: string; n: number } | null {
  const today = DateTime.fromMillis(now, { zone: rep.time_zone }).toISODate() ?? '';
  return dates.includes(today) ? { date: today, n: tasksCarried(rep, today, now, count) } : null;
}

/**
 * Each rep's cell of `date` as the week counts it: the day view's lanes all show that calendar
 * date in the rep's own zone, as the week's cells do, so a cell's figures can be found again in
 * the day it opens. Only that date is counted (`countDates`, the week's own counting), and `until`
 * says when the same rows would count differently (a call's time passing, a date ending).
 */
export function teamDayCells(
  db: Db,
  reps: readonly UserRow[],
  now: number,
  date: string,
): { cells: Map<string, TeamWeekCell>; until: number } {
  const counted = countDates(db, reps, now, [date]);
  const cells = new Map<string, TeamWeekCell>();
  for (const [repId, [cell]] of counted.cells) if (cell) cells.set(repId, cell);
  return { cells, until: counted.until };
}
