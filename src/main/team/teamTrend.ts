import { DateTime } from 'luxon';
import type { TeamCoverage, TeamTrend } from '../../shared/teamContract';
import type { Db } from '../db/openDatabase';
import type { UserRow } from '../db/schema';
import { planDay } from '../planner/dayPlan';
import { readDayPlan } from '../planner/dayPlanSnapshots';
import type { DayOccurrences, PlanPerson } from '../planner/repPlanInputs';
import { occurrencesBetween, WindowClock } from '../planner/windowOccurrences';
import { coverageOf, loadLoggedWork, workedAt } from './teamCoverage';
import type { TeamDayRequest } from './teamSchedule';
import { zoneDay } from './teamSchedule';

/** The sparkline's length: working days before the day shown. */
export const TREND_DAYS = 10;

const clock = new WindowClock();

/** The working days (Monday to Friday in the rep's zone) before `date`, oldest first. */
export function workingDaysBefore(date: string, zone: string, count: number): string[] {
  const out: string[] = [];
  let day = DateTime.fromISO(date, { zone });
  while (out.length < count) {
    day = day.minus({ days: 1 });
    if (day.weekday <= 5) out.unshift(day.toISODate() ?? '');
  }
  return out;
}

/**
 * A past day's windows as the planner would plan it: as kept when the app showed it, else from
 * the windows learned now. Built apart from the people's own day cache, which holds today.
 */
function dayWindows(db: Db, rep: UserRow, people: readonly PlanPerson[], date: string) {
  const kept = readDayPlan(db, rep.id, date);
  if (kept) return kept;
  const { from, to } = zoneDay(rep.time_zone, 0, date);
  const out: DayOccurrences = new Map();
  for (const p of people) {
    if (!p.windows.call && !p.windows.email) continue;
    const dates = clock.localDates(p.zone, from, to);
    out.set(p.id, {
      call: p.windows.call ? occurrencesBetween(clock, p.zone, p.windows.call, from, to, dates) : null,
      email: p.windows.email
        ? occurrencesBetween(clock, p.zone, p.windows.email, from, to, dates)
        : null,
    });
  }
  return out;
}

/** Past days' coverage, kept per rep, day and channel until the data changes. */
export class TrendCache {
  private readonly kept = new Map<string, TeamCoverage>();

  get(key: string): TeamCoverage | undefined {
    return this.kept.get(key);
  }

  set(key: string, coverage: TeamCoverage): void {
    this.kept.set(key, coverage);
  }

  invalidate(): void {
    this.kept.clear();
  }
}

/**
 * TM-2's sparkline: each rep's share of windows worked on each of the working days before the
 * day shown, each day planned as `plan --date` plans it and counted as the day's coverage is.
 */
export function teamTrend(
  db: Db,
  request: Omit<TeamDayRequest, 'viewer' | 'accountOf'>,
  cache: TrendCache,
): TeamTrend {
  const { reps, now, channel } = request;
  const days = new Map(
    reps.map((rep) => [
      rep.id,
      workingDaysBefore(zoneDay(rep.time_zone, now, request.date).date, rep.time_zone, TREND_DAYS),
    ]),
  );
  const missing = reps.filter((rep) =>
    (days.get(rep.id) ?? []).some((d) => !cache.get(`${rep.id}|${d}|${channel ?? ''}`)),
  );
  if (missing.length) {
    const spans = missing.flatMap((rep) => {
      const list = days.get(rep.id) ?? [];
      return [
        zoneDay(rep.time_zone, now, list[0]).from,
        zoneDay(rep.time_zone, now, list[list.length - 1]).to,
      ];
    });
    const work = loadLoggedWork(
      db,
      missing.map((r) => r.id),
      Math.min(...spans),
      Math.max(...spans),
    );
    for (const rep of missing) {
      const people = request.inputsOf(rep.id);
      for (const date of days.get(rep.id) ?? []) {
        const key = `${rep.id}|${date}|${channel ?? ''}`;
        if (cache.get(key)) continue;
        // A copy of the list: the planner keeps per-list notes of today's reads on the original.
        const plan = planDay(
          db,
          rep,
          request.orgTz,
          now,
          request.settings,
          date,
          [...people],
          dayWindows(db, rep, people, date),
        );
        const rows = channel ? plan.rows.filter((r) => r.channel === channel) : plan.rows;
        cache.set(
          key,
          coverageOf(
            rows,
            rows.map((r) => workedAt(r, work)),
            now,
          ),
        );
      }
    }
  }
  return {
    reps: reps.map((rep) => ({
      repId: rep.id,
      days: (days.get(rep.id) ?? []).map((date) => {
        const c = cache.get(`${rep.id}|${date}|${channel ?? ''}`);
        return { date, windows: c?.windows ?? 0, shareWorked: c?.shareWorked ?? 0 };
      }),
    })),
  };
}
