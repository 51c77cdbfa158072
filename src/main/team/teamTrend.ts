import { DateTime } from 'luxon';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Settings } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import { currentWindow } from '../../shared/slotStates';
import type { TeamCoverage, TeamTrend } from '../../shared/teamContract';
import type { Db } from '../db/openDatabase';
import type { UserRow } from '../db/schema';
import { readDayPlan } from '../planner/dayPlanSnapshots';
import { rowActions } from '../planner/planActions';
import type { PlanPerson } from '../planner/repPlanInputs';
import { occurrencesBetween, WindowClock } from '../planner/windowOccurrences';
import {
  CoverageCount,
  loadLoggedWork,
  WINDOW_OVERHANG_MS,
  workedInside,
  type LoggedWork,
} from './teamCoverage';
import { zoneDay } from './teamSchedule';

/** The sparkline's length: working days before the day shown. */
export const TREND_DAYS = 10;

const clock = new WindowClock();

/** The working days (Monday to Friday in the rep's zone) before `date`, oldest first. */
function workingDaysBefore(date: string, zone: string, count: number): string[] {
  const out: string[] = [];
  let day = DateTime.fromISO(date, { zone });
  while (out.length < count) {
    day = day.minus({ days: 1 });
    if (day.weekday <= 5) out.unshift(day.toISODate() ?? '');
  }
  return out;
}

/**
 * One past day's coverage of a rep, counted as the day's plan would count it (`coverageOf` over
 * `plan --date`'s rows) without building the rows: the same windows (as kept when the app showed
 * the day, else from the windows learned now), marks and pick of the window that speaks for a row.
 */
function pastDayCoverage(
  db: Db,
  rep: UserRow,
  people: readonly PlanPerson[],
  date: string,
  channels: readonly Channel[],
  work: LoggedWork,
  now: number,
): TeamCoverage {
  const kept = readDayPlan(db, rep.id, date);
  const { from, to } = zoneDay(rep.time_zone, now, date);
  const actions = rowActions(db, rep.id, date);
  const count = new CoverageCount();
  const datesOf = new Map<string, { date: string; weekday: number }[]>();
  const row = (
    personId: string,
    channel: Channel,
    day: readonly { start: number; end: number; stars: number }[],
  ): void => {
    if (day.length === 0) return;
    const mark = actions.size ? actions.get(`${personId}|${channel}`) : undefined;
    const action = mark?.action ?? null;
    // A snooze moves the row past the window that spoke for it when the rep snoozed (`mark.at`),
    // as the planner does; the windows after it speak for the row as of `now`.
    let pool: readonly { start: number; end: number; stars: number }[] = day;
    if (mark?.action === 'snoozed') {
      const then = currentWindow(day, mark.at);
      pool = then ? day.filter((o) => o.start > then.start) : [];
    }
    const pick = currentWindow(pool, now);
    if (!pick) return;
    let best = 0;
    for (const o of day) if (o.stars > best) best = o.stars;
    const worked =
      work[channel].has(personId) && workedInside(work, personId, channel, day, now) !== null;
    count.add(best, pick.end, action, worked, now);
  };
  for (const p of people) {
    if (kept) {
      const planned = kept.get(p.id);
      if (!planned) continue;
      for (const channel of channels) {
        const day = planned[channel];
        if (day) row(p.id, channel, day);
      }
      continue;
    }
    if (!p.windows.call && !p.windows.email) continue;
    let dates = datesOf.get(p.zone);
    if (!dates) datesOf.set(p.zone, (dates = clock.localDates(p.zone, from, to)));
    for (const channel of channels) {
      const weekly = channel === 'call' ? p.windows.call : p.windows.email;
      if (!weekly) continue;
      // A snoozed row needs the day's windows in order; the rest are counted without a list.
      if (actions.size && actions.get(`${p.id}|${channel}`)?.action === 'snoozed') {
        row(p.id, channel, occurrencesBetween(clock, p.zone, weekly, from, to, dates));
        continue;
      }
      // `currentWindow` over the day's windows, one at a time: the open one (most stars, then
      // the earliest), else the next to open, else the one that ended last.
      let windows = 0;
      let best = 0;
      let openStart = 0;
      let openEnd = 0;
      let openStars = -1;
      let nextStart = Infinity;
      let nextEnd = 0;
      let nextStars = 0;
      let lastEnd = -Infinity;
      let worked = false;
      const times = work[channel].get(p.id);
      for (const { date: local, weekday } of dates)
        for (const w of weekly[weekday] ?? []) {
          const start = clock.instant(p.zone, local, w.startMin);
          if (start < from || start >= to) continue;
          const end = clock.instant(p.zone, local, w.endMin);
          windows++;
          if (w.stars > best) best = w.stars;
          if (start <= now && now < end) {
            if (w.stars > openStars || (w.stars === openStars && start < openStart)) {
              openStart = start;
              openEnd = end;
              openStars = w.stars;
            }
          } else if (now < start) {
            if (start < nextStart || (start === nextStart && w.stars > nextStars)) {
              nextStart = start;
              nextEnd = end;
              nextStars = w.stars;
            }
          } else if (end > lastEnd) lastEnd = end;
          if (times && !worked)
            for (const t of times) if (t <= now && t >= start && t < end) worked = true;
        }
      if (windows === 0) continue;
      const action = actions.size ? (actions.get(`${p.id}|${channel}`)?.action ?? null) : null;
      const end = openStars >= 0 ? openEnd : nextStart < Infinity ? nextEnd : lastEnd;
      count.add(best, end, action, worked, now);
    }
  }
  return count.result();
}

/** Past days' coverage, kept per rep, day and channel until the data changes. */
export class TrendCache {
  private readonly kept = new Map<string, TeamCoverage>();
  /** Moves on with every change: a count begun before one is not kept after it. */
  generation = 0;

  get(key: string): TeamCoverage | undefined {
    return this.kept.get(key);
  }

  set(key: string, coverage: TeamCoverage, generation: number): void {
    if (generation === this.generation) this.kept.set(key, coverage);
  }

  invalidate(): void {
    this.kept.clear();
    this.generation++;
  }
}

/**
 * TM-2's sparkline: each rep's share of windows worked on each of the working days before the
 * day shown, each day counted as its coverage is (see `pastDayCoverage`).
 */
export async function teamTrend(
  db: Db,
  request: {
    reps: readonly UserRow[];
    now: number;
    settings: Settings;
    date?: string | undefined;
    channel?: Channel | undefined;
    inputsOf: (repId: string) => PlanPerson[];
  },
  cache: TrendCache,
): Promise<TeamTrend> {
  const { reps, now, channel, settings } = request;
  const channels = (
    [
      ...(settings.callSuggestions ? (['call'] as const) : []),
      ...(settings.emailSuggestions ? (['email'] as const) : []),
    ] as Channel[]
  ).filter((c) => !channel || c === channel);
  const keyOf = (repId: string, date: string) => `${repId}|${date}|${channels.join(',')}`;
  const days = new Map(
    reps.map((rep) => [
      rep.id,
      workingDaysBefore(zoneDay(rep.time_zone, now, request.date).date, rep.time_zone, TREND_DAYS),
    ]),
  );
  const generation = cache.generation;
  const computed = new Map<string, TeamCoverage>();
  const missing = reps.filter((rep) =>
    (days.get(rep.id) ?? []).some((d) => !cache.get(keyOf(rep.id, d))),
  );
  if (missing.length) {
    let from = Infinity;
    let to = -Infinity;
    for (const rep of missing) {
      const list = days.get(rep.id) ?? [];
      from = Math.min(from, zoneDay(rep.time_zone, now, list[0]).from);
      to = Math.max(to, zoneDay(rep.time_zone, now, list[list.length - 1]).to);
    }
    // A window that opens late in a day may close after it: its calls count too.
    const work = loadLoggedWork(
      db,
      missing.map((r) => r.id),
      from,
      to + WINDOW_OVERHANG_MS,
    );
    for (const rep of missing) {
      // A rep's ten days take a moment in a large organisation: let other calls in between.
      await yieldToEventLoop();
      const people = request.inputsOf(rep.id);
      for (const date of days.get(rep.id) ?? []) {
        const key = keyOf(rep.id, date);
        if (cache.get(key)) continue;
        const coverage = pastDayCoverage(db, rep, people, date, channels, work, now);
        computed.set(key, coverage);
        cache.set(key, coverage, generation);
      }
    }
  }
  return {
    reps: reps.map((rep) => ({
      repId: rep.id,
      days: (days.get(rep.id) ?? []).map((date) => {
        const key = keyOf(rep.id, date);
        const c = computed.get(key) ?? cache.get(key);
        return { date, windows: c?.windows ?? 0, shareWorked: c?.shareWorked ?? 0 };
      }),
    })),
  };
}
