import { DateTime } from 'luxon';
import type { Planner, PlannerRow, Settings } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type {
  TeamClash,
  TeamCoverage,
  TeamHour,
  UnplannedHot,
} from '../../shared/teamContract';
import type { BusinessHours } from '../besttime/model/businessHours';
import type { Db } from '../db/openDatabase';
import type { UserRow } from '../db/schema';
import { planKeptDay } from '../planner/dayPlanSnapshots';
import type { PlanPerson } from '../planner/repPlanInputs';
import { findClashes, type PlannedWindow } from './teamClashes';
import { coverageOf, loadLoggedWork, workedAt } from './teamCoverage';
import { unplannedHotContacts, type PersonInPlans } from './unplannedHot';
import { openIntervals, overlaps, repWorkingIntervals, type Interval } from './workingHours';

const HOUR = 3_600_000;

/** What a team's day is computed from. */
export interface TeamDayRequest {
  viewer: UserRow;
  /** The lanes, in order (see `teamOf`). */
  reps: readonly UserRow[];
  orgTz: string;
  businessHours: BusinessHours | null;
  now: number;
  settings: Settings;
  /** The day to show; each rep's today (in their zone) when absent, as `plan` plans it. */
  date?: string | undefined;
  /** Only this channel's rows count; both when absent. */
  channel?: Channel | undefined;
  /** A rep's plan inputs (kept warm by the caller). */
  inputsOf: (repId: string) => PlanPerson[];
  /** Each person's account name, or a lead's company. */
  accountOf: (personId: string) => string | null;
}

export interface RepDay {
  rep: UserRow;
  /** The rep's plan as `plan` prints it: every row, both channels, in display order. */
  plan: Planner;
  /** The rows the team view counts (the channel asked for), in display order. */
  rows: PlannerRow[];
  /** For each of `rows`, when a call or email was logged inside its windows. */
  workedAt: (number | null)[];
  coverage: TeamCoverage;
  /** The rep's working hours within the manager's day and the rep's own. */
  workingHours: Interval[];
}

export interface TeamSchedule {
  /** The manager's day, in the manager's zone. */
  date: string;
  now: number;
  manager: UserRow;
  /** The manager's day as instants, [from, to). */
  day: { from: number; to: number };
  reps: RepDay[];
  clashes: TeamClash[];
  unplannedHot: UnplannedHot[];
  byHour: TeamHour[];
}

/** A calendar day of a zone, [from, to) in UTC ms; throws on a date that is not one. */
export function zoneDay(zone: string, now: number, date: string | undefined) {
  const day = date
    ? DateTime.fromISO(date, { zone })
    : DateTime.fromMillis(now, { zone }).startOf('day');
  if (!day.isValid) throw new Error(`Not a date: "${date ?? ''}" (expected YYYY-MM-DD)`);
  const start = day.startOf('day');
  return {
    date: start.toISODate() ?? '',
    from: start.toMillis(),
    to: start.plus({ days: 1 }).toMillis(),
  };
}

/**
 * A team's day (TM-1 to TM-3): each rep's plan exactly as the planner makes it (read-only: the
 * plans are computed, never marked), coverage per rep, clashes, hot contacts nobody planned and
 * the hours of the manager's day.
 */
export function teamSchedule(db: Db, request: TeamDayRequest): TeamSchedule {
  const { viewer, reps, now, channel } = request;
  const day = zoneDay(viewer.time_zone, now, request.date);
  const plans = reps.map((rep) => {
    const plan = planKeptDay(
      db,
      rep,
      request.orgTz,
      now,
      request.settings,
      request.date,
      request.inputsOf(rep.id),
    );
    const own = zoneDay(rep.time_zone, now, plan.date);
    return { rep, plan, own };
  });
  const from = Math.min(day.from, ...plans.map((p) => p.own.from));
  const to = Math.max(day.to, ...plans.map((p) => p.own.to));
  const work = loadLoggedWork(
    db,
    reps.map((r) => r.id),
    from,
    to,
  );
  const open = openIntervals(request.businessHours, request.orgTz, from, to);

  const repDays: RepDay[] = plans.map(({ rep, plan, own }) => {
    const rows = channel ? plan.rows.filter((r) => r.channel === channel) : plan.rows;
    const worked = rows.map((r) => workedAt(r, work));
    return {
      rep,
      plan,
      rows,
      workedAt: worked,
      coverage: coverageOf(rows, worked, now),
      workingHours: repWorkingIntervals(
        rep.time_zone,
        open,
        Math.min(day.from, own.from),
        Math.max(day.to, own.to),
      ),
    };
  });

  const windows: PlannedWindow[] = [];
  const inPlans = new Map<string, PersonInPlans>();
  for (const { rep, rows, workedAt: worked } of repDays) {
    rows.forEach((row, i) => {
      let seen = inPlans.get(row.personId);
      if (!seen)
        inPlans.set(
          row.personId,
          (seen = { planned: false, repNames: [], missedAt: null, skipped: false }),
        );
      if (!seen.repNames.includes(rep.name)) seen.repNames.push(rep.name);
      if (row.start === null || row.end === null) return;
      const skipped = row.action === 'skipped';
      if (row.action === 'done' || worked[i] != null || (!skipped && now < row.end))
        seen.planned = true;
      else if (skipped) seen.skipped = true;
      else seen.missedAt = Math.max(seen.missedAt ?? 0, row.end);
      // A skipped row is not going to be worked: it clashes with no one.
      if (skipped) return;
      windows.push({
        repId: rep.id,
        personId: row.personId,
        name: row.name,
        channel: row.channel,
        account: request.accountOf(row.personId),
        start: row.start,
        end: row.end,
      });
    });
  }

  const team = new Set(reps.map((r) => r.id));
  const userNames = new Map(reps.map((r) => [r.id, r.name]));
  return {
    date: day.date,
    now,
    manager: viewer,
    day: { from: day.from, to: day.to },
    reps: repDays,
    clashes: findClashes(windows),
    unplannedHot: unplannedHotContacts(db, {
      // "Today" is the manager's day up to now; a past day all of it, a coming one nothing yet.
      from: day.from,
      to: Math.min(day.to, now + 1),
      inScope: (owner) => owner === null || viewer.role === 'admin' || team.has(owner),
      inPlans,
      userNames,
      zone: viewer.time_zone,
    }),
    byHour: hoursOf(viewer.time_zone, day, repDays),
  };
}

/** TM-3: each hour of the manager's day, windows open across the team and reps working. */
function hoursOf(zone: string, day: { from: number; to: number }, reps: RepDay[]): TeamHour[] {
  // Whole hours of UTC time from local midnight: a DST day has 23 or 25 of them, named as the
  // clock on the wall reads (the repeated hour of an autumn night appears twice).
  const count = Math.ceil((day.to - day.from) / HOUR);
  const open = new Array<number>(count).fill(0);
  for (const r of reps)
    for (const row of r.rows) {
      if (row.start === null || row.end === null) continue;
      const start = Math.max(row.start, day.from);
      const end = Math.min(row.end, day.to);
      if (start >= end) continue;
      const last = Math.ceil((end - day.from) / HOUR);
      for (let h = Math.floor((start - day.from) / HOUR); h < last; h++)
        open[h] = (open[h] ?? 0) + 1;
    }
  return open.map((windowsOpen, h) => {
    const t = day.from + h * HOUR;
    const end = Math.min(t + HOUR, day.to);
    return {
      hour: DateTime.fromMillis(t, { zone }).toFormat('HH:00'),
      start: t,
      windowsOpen,
      repsWorking: reps.filter((r) => overlaps(r.workingHours, t, end)).length,
    };
  });
}
