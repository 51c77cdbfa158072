import { DateTime } from 'luxon';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Settings } from '../../shared/contract';
import { STRIKE_AFTER_MS } from '../../shared/slotStates';
import type { Channel } from '../../shared/signals';
import type { TeamCoverage, TeamTrend } from '../../shared/teamContract';
import type { Db } from '../db/openDatabase';
import type { UserRow } from '../db/schema';
import { dayOpening } from '../planner/businessDays';
import { readDayPlan } from '../planner/dayPlanSnapshots';
import { rowActions, sameMarks, type RowMark } from '../planner/planActions';
import type { PlanPerson } from '../planner/repPlanInputs';
import { occurrencesBetween, openingFor, WindowClock } from '../planner/windowOccurrences';
import {
  channelsInUse,
  countDayWindows,
  CoverageCount,
  loadLoggedWork,
  WINDOW_OVERHANG_MS,
  type LoggedWork,
} from './teamCoverage';
import type { DayWindow } from './windowWork';
import { zoneDay } from './teamSchedule';

/** The sparkline's length: working days before the day shown. */
export const TREND_DAYS = 10;

const clock = new WindowClock();

/** Days looked back for working ones at most: hours open on no day of the week have none. */
const LOOK_BACK_DAYS = 400;

/**
 * The days the rep works before `date`, oldest first: days their planner does not close (their
 * shift's hours, else the organisation's, less their holidays; `dayOpening`, as the day's plan
 * and lane decide a day off), so a Saturday shift's Saturdays count and a holiday does not. With
 * no hours stored the planner closes no day, and neither does this.
 */
function workingDaysBefore(db: Db, rep: UserRow, date: string, count: number): string[] {
  const out: string[] = [];
  const open = openingFor(db, rep);
  let day = DateTime.fromISO(date, { zone: rep.time_zone }).startOf('day');
  for (let i = 0; i < LOOK_BACK_DAYS && out.length < count; i++) {
    const next = day;
    day = day.minus({ days: 1 }).startOf('day');
    const iso = day.toISODate() ?? '';
    // Midnight to midnight of the rep's zone: 23 or 25 hours on a clock change.
    if (!dayOpening(open, rep.time_zone, day.toMillis(), next.toMillis(), iso).closed)
      out.unshift(iso);
  }
  return out;
}

/**
 * One past day's coverage of a rep, counted as the day's plan counts it (`coverageOf` over
 * `plan --date`'s rows: every window of each person's channel, `countDayWindows`) without building
 * the rows: the same windows (as kept when the app showed the day, else from the windows learned
 * now) and marks.
 */
function pastDayCoverage(
  db: Db,
  rep: UserRow,
  people: readonly PlanPerson[],
  date: string,
  channels: readonly Channel[],
  work: LoggedWork,
  marks: ReadonlyMap<string, RowMark>,
  now: number,
): TeamCoverage {
  const kept = readDayPlan(db, rep.id, date);
  const { from, to } = zoneDay(rep.time_zone, now, date);
  // The channels the rep worked in the four weeks up to that day's end, as the day's own view reads them.
  const inUse = channelsInUse(db, rep.id, Math.min(to, now + 1));
  // Counted as it will stay: read at 00:10, a window that ended at 23:50 (or runs past midnight)
  // is not struck through yet, and the share kept until the records change would leave it out.
  // Past the latest end a day's window can have (the overhang) and its strike, each is settled.
  // A day not over yet (the trend of a date to come includes today) is counted as of now.
  const settled = to <= now ? Math.max(now, to + WINDOW_OVERHANG_MS + STRIKE_AFTER_MS) : now;
  const count = new CoverageCount();
  const datesOf = new Map<string, { date: string; weekday: number }[]>();
  // The day's windows as its plan places them: held to the rep's hours on that date.
  const open = openingFor(db, rep);
  // Reused for every person and channel: a rep's ten days read thousands.
  const windows: DayWindow[] = [];
  const countRow = (personId: string, channel: Channel): void => {
    if (windows.length === 0) return;
    windows.sort((a, b) => a.start - b.start);
    const mark = marks.size ? marks.get(`${personId}|${channel}`) : undefined;
    const times = work[channel].get(personId);
    countDayWindows(count, windows, times, mark, settled, { from, to }, inUse[channel]);
  };
  for (const p of people) {
    if (kept) {
      const planned = kept.get(p.id);
      if (!planned) continue;
      for (const channel of channels) {
        windows.length = 0;
        for (const o of planned[channel] ?? []) windows.push(o);
        countRow(p.id, channel);
      }
      continue;
    }
    if (!p.windows.call && !p.windows.email) continue;
    let dates = datesOf.get(p.zone);
    if (!dates) datesOf.set(p.zone, (dates = clock.localDates(p.zone, from, to)));
    for (const channel of channels) {
      const weekly = channel === 'call' ? p.windows.call : p.windows.email;
      if (!weekly) continue;
      windows.length = 0;
      for (const o of occurrencesBetween(clock, p.zone, weekly, from, to, dates, open))
        windows.push(o);
      countRow(p.id, channel);
    }
  }
  return count.result();
}

interface KeptCoverage {
  coverage: TeamCoverage;
  /** The rep's marks of the day it was counted with. */
  marks: ReadonlyMap<string, RowMark>;
  /** The changes that left the records alone it was last known good at. */
  changes: number;
}

/**
 * Past days' coverage, kept per rep, day and channel: until the records change (a sync, a call
 * logged); over a change that leaves them alone (a mark, a setting) while the rep's marks of that
 * day stay as they were. A rep's mark changes that rep's day: the other reps' days are kept.
 */
export class TrendCache {
  private readonly kept = new Map<string, KeptCoverage>();
  /** Moves on with every change of the records: a count begun before one is not kept after it. */
  generation = 0;
  private changes = 0;

  /** The coverage kept for the rep's day, if it still holds (`marksOf` reads the day's marks). */
  get(key: string, marksOf: () => ReadonlyMap<string, RowMark>): TeamCoverage | undefined {
    const kept = this.kept.get(key);
    if (!kept || kept.changes === this.changes) return kept?.coverage;
    if (!sameMarks(kept.marks, marksOf())) {
      this.kept.delete(key);
      return undefined;
    }
    kept.changes = this.changes;
    return kept.coverage;
  }

  /** Kept when counted with the records as they are (`generation` read before counting). */
  set(
    key: string,
    coverage: TeamCoverage,
    marks: ReadonlyMap<string, RowMark>,
    generation: number,
  ): void {
    if (generation === this.generation)
      this.kept.set(key, { coverage, marks, changes: this.changes });
  }

  invalidate(change: { records: boolean }): void {
    this.changes++;
    if (!change.records) return;
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
      workingDaysBefore(db, rep, zoneDay(rep.time_zone, now, request.date).date, TREND_DAYS),
    ]),
  );
  const generation = cache.generation;
  const computed = new Map<string, TeamCoverage>();
  const keptOf = (repId: string, date: string): TeamCoverage | undefined =>
    cache.get(keyOf(repId, date), () => rowActions(db, repId, date));
  // Read once here: those still kept after a mark are the days that mark left alone.
  for (const rep of reps)
    for (const date of days.get(rep.id) ?? []) {
      const kept = keptOf(rep.id, date);
      if (kept) computed.set(keyOf(rep.id, date), kept);
    }
  const missing = reps.filter((rep) =>
    (days.get(rep.id) ?? []).some((d) => !computed.has(keyOf(rep.id, d))),
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
        if (computed.has(key)) continue;
        const marks = rowActions(db, rep.id, date);
        const coverage = pastDayCoverage(db, rep, people, date, channels, work, marks, now);
        computed.set(key, coverage);
        cache.set(key, coverage, marks, generation);
      }
    }
  }
  return {
    reps: reps.map((rep) => ({
      repId: rep.id,
      days: (days.get(rep.id) ?? []).map((date) => {
        const c = computed.get(keyOf(rep.id, date));
        return { date, windows: c?.windows ?? 0, shareWorked: c?.shareWorked ?? 0 };
      }),
    })),
  };
}
