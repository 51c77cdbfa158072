import { DateTime } from 'luxon';
import { CHANNELS, type Channel } from '../../../shared/signals';
import type { BacktestReport, BacktestScores, BacktestStarLevel } from '../../../shared/contract';
import type { BusinessHours } from '../model/businessHours';
import { MODEL_PARAMS } from '../model/modelParams';
import type { BesttimeEvent, BesttimeOptions, SlotMinutes } from '../model/types';
import type { Db } from '../../db/openDatabase';
import { readSettings } from '../../settings/settingsStore';
import { allSignalEventsSteps } from '../store/signalEvents';
import { readOrgHours } from '../store/recomputeWindows';
import { ownerShifts } from '../store/ownerShifts';
import { emptyTally, scoreCutoffSteps, type ChannelTally } from './evaluationRun';
import { runSteps, type Steps } from '../model/steps';
import { backtestInputsVersion } from '../store/backtestInputs';
import { runInSlices } from '../../core/runInSlices';
import type { HitCounts } from './evaluationScoring';

interface BacktestOptions {
  /** The model learns from signals before this instant (UTC ms) and is scored after it. */
  asOf: number;
  days: number;
  orgTz: string;
  businessHours: BusinessHours | null;
  hoursOf?: BesttimeOptions['hoursOf'];
  slotMinutes: SlotMinutes;
}

const rate = (hits: number, acts: number): number => (acts === 0 ? 0 : hits / acts);
const hits = (h: HitCounts) => ({ hit1: rate(h.hit1, h.acts), hit3: rate(h.hit3, h.acts) });

/**
 * The star levels of one tally's windows, or of several added together (the command's `by_stars`
 * adds the channels), from the fewest stars up.
 */
export function starLevels(tallies: readonly ChannelTally['stars'][]): BacktestStarLevel[] {
  const stars = new Map<number, { windows: number; acts: number }>();
  for (const tally of tallies)
    for (const [level, bucket] of tally) {
      const sum = stars.get(level) ?? { windows: 0, acts: 0 };
      sum.windows += bucket.trials;
      sum.acts += bucket.hits;
      stars.set(level, sum);
    }
  return [...stars.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([level, s]) => ({
      stars: level,
      windows: s.windows,
      acts: s.acts,
      hit_rate: rate(s.acts, s.windows),
    }));
}

/** The `backtest` command's report: its fixed keys, in their order, without the panel's. */
export function commandReport(scores: BacktestScores): BacktestReport {
  const { as_of, days, channels, by_stars } = scores;
  return { as_of, days, channels, by_stars };
}

/**
 * BT-13 on an organisation's own signals: `npm run eval`'s scoring of one cut-off (the model
 * trained as the app trains it, in the organisation's zone and business hours, against the
 * same three simple rules), for the settings panel and the `backtest` command.
 */
function* backtest(events: readonly BesttimeEvent[], opts: BacktestOptions): Steps<BacktestScores> {
  const tallies: Record<Channel, ChannelTally> = { call: emptyTally(), email: emptyTally() };
  yield* scoreCutoffSteps(events, opts.asOf, opts.slotMinutes, tallies, MODEL_PARAMS, {
    orgTz: opts.orgTz,
    businessHours: opts.businessHours,
    ...(opts.hoursOf ? { hoursOf: opts.hoursOf } : {}),
    days: opts.days,
  });
  const channels = {} as BacktestReport['channels'];
  const starsByChannel = {} as BacktestScores['starsByChannel'];
  const pairedByChannel = {} as BacktestScores['pairedByChannel'];
  for (const channel of CHANNELS) {
    const t = tallies[channel];
    channels[channel] = {
      acts: t.model.acts,
      ...hits(t.model),
      baselines: { org: hits(t.orgHours), own: hits(t.ownHour), last: hits(t.lastHour) },
    };
    starsByChannel[channel] = starLevels([t.stars]);
    pairedByChannel[channel] = {
      org: { ...t.paired.orgHours },
      own: { ...t.paired.ownHour },
      last: { ...t.paired.lastHour },
    };
  }
  return {
    as_of: new Date(opts.asOf).toISOString(),
    days: opts.days,
    channels,
    by_stars: starLevels(CHANNELS.map((c) => tallies[c].stars)),
    starsByChannel,
    pairedByChannel,
  };
}

/**
 * How many of the `days` calendar days from `start` are over at `now` (both in the organisation's
 * zone): whole days only, a day of 23 or 25 hours being one. Zero when the first is not over.
 */
export function daysOver(start: DateTime, days: number, now: DateTime): number {
  return Math.max(0, Math.min(days, Math.floor(now.diff(start, 'days').days)));
}

/**
 * The backtest of a database's organisation, in its zone, business hours and slot length. Days
 * are the organisation's calendar days (one of 23 or 25 hours across a clock change is one day).
 * With `now`, a period that runs past it is scored on its days already over, and its report's
 * `days` says how many: a day still to come has no acts yet, and would read as windows that
 * missed. A null `asOf` is the `days` whole days before `now`'s day.
 */
export function backtestStored(
  db: Db,
  /** The signed-in rep, whose tie-break gives a visit matched by a shared e-mail (as relearns do). */
  repId: string | null,
  asOf: number | null,
  days: number,
  now?: number,
): BacktestScores {
  return runSteps(backtestSteps(db, repId, asOf, days, now));
}

function* backtestSteps(
  db: Db,
  repId: string | null,
  asOf: number | null,
  days: number,
  now?: number,
): Steps<BacktestScores> {
  const { start, over } = period(db, asOf, days, now);
  const hours = readOrgHours(db);
  const events = [...(yield* allSignalEventsSteps(db, hours.orgTz, repId)).values()].flat();
  return yield* backtest(events, {
    asOf: start,
    days: over,
    ...hours,
    hoursOf: ownerShifts(db),
    slotMinutes: readSettings(db).slotMinutes,
  });
}

/** The period a backtest scores: its first instant and how many of its days are over. */
function period(
  db: Db,
  asOf: number | null,
  days: number,
  now: number | undefined,
): { start: number; over: number } {
  const { orgTz } = readOrgHours(db);
  const today = now === undefined ? null : DateTime.fromMillis(now, { zone: orgTz });
  if (asOf === null && !today) throw new Error('A backtest needs a start or the current time.');
  const start =
    asOf === null
      ? (today as DateTime).startOf('day').minus({ days })
      : DateTime.fromMillis(asOf, { zone: orgTz });
  const over = today ? daysOver(start, days, today) : days;
  if (over < 1)
    throw new Error('None of this period’s days is over yet: pick a start before today.');
  return { start: start.toMillis(), over };
}

/** What a run of the Backtests answers: a report, or why it stopped. */
class BacktestStopped extends Error {
  constructor() {
    super('The backtest was stopped before it finished: ask for the period again to see it.');
    this.name = 'BacktestStopped';
  }
}

interface Run {
  /** The period and the inputs' version it was computed from. */
  key: string;
  report: Promise<BacktestScores>;
  /** Per ask still waiting for it (the request as asked), how many asked. */
  waiting: Map<string, number>;
  /** Set when no ask waits any more: the run stops at its next slice. */
  state: { stopped: boolean };
}

/** An ask as the panel makes it: what `stop` is given to name the same ask again. */
const askKey = (repId: string | null, asOf: number | null, days: number): string =>
  JSON.stringify([repId, asOf, days]);

/**
 * The app's backtests (the Settings panel's). A relearn of a whole organisation takes seconds,
 * and the core answers every other request (People, the planner, alerts) on the same thread:
 * the work is done in slices of a few milliseconds with a turn of the event loop between them,
 * so a search asked meanwhile is answered between two slices, not after the backtest. A report
 * is kept until what the backtest reads changes (backtestInputs.ts: the signals, people, shifts,
 * hours; not the day plans the planner keeps): the same period asked again (Settings opened
 * again) is answered at once. The same period asked while it is being computed waits for that
 * run. A run nobody waits for any more (Settings left, another period picked: `stop`) stops at
 * its next slice. `computed` counts the runs started and `slices` the slices run (for tests and
 * the `stats` of a session).
 */
export class Backtests {
  private kept: { key: string; report: BacktestScores } | null = null;
  private readonly runs = new Set<Run>();
  private version: (() => string) | null = null;
  computed = 0;
  slices = 0;

  constructor(private readonly db: Db) {}

  /**
   * The triggers that count writes go in at the first report, not with the core: until someone
   * asks, nothing is kept, and a sync (millions of rows on a first one) pays nothing for them.
   */
  private inputsVersion(): string {
    this.version ??= backtestInputsVersion(this.db);
    return this.version();
  }

  async report(
    repId: string | null,
    asOf: number | null,
    days: number,
    now: number,
  ): Promise<BacktestScores> {
    const { start, over } = period(this.db, asOf, days, now);
    const keyNow = (): string => JSON.stringify([repId, start, over, this.inputsVersion()]);
    const key = keyNow();
    if (this.kept?.key === key) return this.kept.report;
    const ask = askKey(repId, asOf, days);
    let run = [...this.runs].find((r) => r.key === key && !r.state.stopped);
    if (!run) {
      const state = { stopped: false };
      const done: Run = {
        key,
        report: this.compute(state, repId, start, over, now).then(
          (report) => {
            this.runs.delete(done);
            // Kept only if nothing it read was written while it ran: its events were read before.
            if (key === keyNow()) this.kept = { key, report };
            return report;
          },
          (error: unknown) => {
            this.runs.delete(done);
            throw error;
          },
        ),
        waiting: new Map(),
        state,
      };
      run = done;
      this.runs.add(done);
    }
    const waiting = run.waiting;
    waiting.set(ask, (waiting.get(ask) ?? 0) + 1);
    return run.report;
  }

  /**
   * One ask of `report` with these arguments no longer waits (its panel was closed, or another
   * period asked instead): the run it waited for stops at its next slice if no other ask waits,
   * and its asks are answered with BacktestStopped. False when no such ask was waiting (its run
   * had finished).
   */
  stop(repId: string | null, asOf: number | null, days: number): boolean {
    const ask = askKey(repId, asOf, days);
    for (const run of this.runs) {
      const count = run.waiting.get(ask);
      if (!count || run.state.stopped) continue;
      if (count > 1) run.waiting.set(ask, count - 1);
      else run.waiting.delete(ask);
      if (run.waiting.size === 0) run.state.stopped = true;
      return true;
    }
    return false;
  }

  private async compute(
    run: { stopped: boolean },
    repId: string | null,
    start: number,
    over: number,
    now: number,
  ): Promise<BacktestScores> {
    this.computed++;
    // The days counted again from `start` (an instant): the same period, the same days over.
    return runInSlices(backtestSteps(this.db, repId, start, over, now), {
      stopped: () => (run.stopped ? new BacktestStopped() : null),
      onSlice: () => this.slices++,
    });
  }
}
