import { DateTime } from 'luxon';
import { CHANNELS, type Channel } from '../../../shared/signals';
import type { BacktestReport } from '../../../shared/contract';
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
import { dataVersion } from '../../db/repos/dataVersion';
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
 * BT-13 on an organisation's own signals: `npm run eval`'s scoring of one cut-off (the model
 * trained as the app trains it, in the organisation's zone and business hours, against the
 * same three simple rules), for the settings panel and the `backtest` command.
 */
function* backtest(events: readonly BesttimeEvent[], opts: BacktestOptions): Steps<BacktestReport> {
  const tallies: Record<Channel, ChannelTally> = { call: emptyTally(), email: emptyTally() };
  yield* scoreCutoffSteps(events, opts.asOf, opts.slotMinutes, tallies, MODEL_PARAMS, {
    orgTz: opts.orgTz,
    businessHours: opts.businessHours,
    ...(opts.hoursOf ? { hoursOf: opts.hoursOf } : {}),
    days: opts.days,
  });
  const channels = {} as BacktestReport['channels'];
  const stars = new Map<number, { windows: number; acts: number }>();
  for (const channel of CHANNELS) {
    const t = tallies[channel];
    channels[channel] = {
      acts: t.model.acts,
      ...hits(t.model),
      baselines: { org: hits(t.orgHours), own: hits(t.ownHour), last: hits(t.lastHour) },
    };
    for (const [level, bucket] of t.stars) {
      const sum = stars.get(level) ?? { windows: 0, acts: 0 };
      sum.windows += bucket.trials;
      sum.acts += bucket.hits;
      stars.set(level, sum);
    }
  }
  return {
    as_of: new Date(opts.asOf).toISOString(),
    days: opts.days,
    channels,
    by_stars: [...stars.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([level, s]) => ({
        stars: level,
        windows: s.windows,
        acts: s.acts,
        hit_rate: rate(s.acts, s.windows),
      })),
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
): BacktestReport {
  return runSteps(backtestSteps(db, repId, asOf, days, now));
}

function* backtestSteps(
  db: Db,
  repId: string | null,
  asOf: number | null,
  days: number,
  now?: number,
): Steps<BacktestReport> {
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

/** A turn of the event loop for the core's other requests. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** The longest the backtest holds the core's thread before letting other requests in. */
const SLICE_MS = 8;

/**
 * The app's backtests (the Settings panel's). A relearn of a whole organisation takes seconds,
 * and the core answers every other request (People, the planner, alerts) on the same thread:
 * the work is done in slices of a few milliseconds with a turn of the event loop between them,
 * so a search asked meanwhile is answered between two slices, not after the backtest. A report
 * is kept until the database changes: the same period asked again (Settings opened again) is
 * answered at once. The same period asked while it is being computed waits for that run.
 * `computed` counts the runs actually made (for tests and the `stats` of a session).
 */
export class Backtests {
  private kept: { key: string; report: BacktestReport } | null = null;
  private running: { key: string; report: Promise<BacktestReport> } | null = null;
  computed = 0;

  constructor(private readonly db: Db) {}

  async report(
    repId: string | null,
    asOf: number | null,
    days: number,
    now: number,
  ): Promise<BacktestReport> {
    const { start, over } = period(this.db, asOf, days, now);
    const key = JSON.stringify([repId, start, over, dataVersion(this.db)]);
    if (this.kept?.key === key) return this.kept.report;
    if (this.running?.key === key) return this.running.report;
    const running = { key, report: this.compute(repId, start, over, now) };
    this.running = running;
    try {
      const report = await running.report;
      // Kept only if nothing was written while it ran: its events were read before that.
      if (key === JSON.stringify([repId, start, over, dataVersion(this.db)]))
        this.kept = { key, report };
      return report;
    } finally {
      if (this.running === running) this.running = null;
    }
  }

  private async compute(
    repId: string | null,
    start: number,
    over: number,
    now: number,
  ): Promise<BacktestReport> {
    this.computed++;
    await turn();
    // The days counted again from `start` (an instant): the same period, the same days over.
    const steps = backtestSteps(this.db, repId, start, over, now);
    let sliceStart = Date.now();
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (Date.now() - sliceStart >= SLICE_MS) {
        await turn();
        sliceStart = Date.now();
      }
    }
  }
}
