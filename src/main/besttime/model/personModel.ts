import { CHANNELS, SIGNAL_TYPES, type Channel, type SignalType } from '../../../shared/signals';
import { MODEL_PARAMS, SPARSE_SIGNALS, type ModelParams } from './modelParams';
import { CHANNEL_WEIGHTS, PersonGridBuilder } from './personGrid';
import { buildPriors, type BesttimePriors } from './priors';
import { explainWindow, type ReasonInput } from './reasonText';
import { PopulationShares } from './populationShares';
import { weekdayShares } from './shrinkage';
import { QUALIFYING_WEIGHT } from './signalWeights';
import { openSlots } from './slotCalendar';
import { starsFor } from './starRating';
import type { BesttimeEvent, BesttimeOptions, LearnedWindow, PersonChannelWindows } from './types';
import { expectedHitRate } from './hitCalibration';
import {
  pickBuffer,
  pickOptions,
  pickWindows,
  rankPicks,
  type PickedWindow,
  type PickOptions,
} from './windowPicker';

/** Per-run caches and scratch buffers, so 50,000 contacts do not mean 50,000 allocations each. */
class Scorer {
  private readonly spd: number;
  private readonly populations: Record<Channel, PopulationShares>;
  private readonly population: Float64Array;
  private readonly calendars = new Map<string, Uint8Array>();
  private readonly hourly: Float64Array;
  private readonly shares: Float64Array;
  private readonly day: Float64Array;
  private readonly used: Uint8Array;
  private readonly typeCounts = new Uint32Array(SIGNAL_TYPES.length);
  private readonly reason: ReasonInput = {
    channel: 'call',
    weekday: 1,
    startMin: 0,
    endMin: 0,
    typeCounts: [],
    lastAt: null,
    asOf: 0,
    ownSignals: 0,
    sparse: false,
    theirZone: null,
    borrowedFrom: null,
  };
  /** Qualifying own sittings per cell of the channel being scored. */
  private readonly cellSittings: Int32Array;
  private readonly picks: PickedWindow[];
  readonly grid: PersonGridBuilder;
  private readonly pick: PickOptions;

  constructor(
    private readonly priors: BesttimePriors,
    private readonly opts: BesttimeOptions,
    private readonly params: ModelParams,
  ) {
    if (priors.slotMinutes !== opts.slotMinutes) {
      throw new Error(
        `priors were built for ${priors.slotMinutes}-minute slots, not ${opts.slotMinutes}`,
      );
    }
    this.spd = 1440 / opts.slotMinutes;
    this.hourly = new Float64Array(this.spd);
    this.shares = new Float64Array(7 * this.spd);
    this.day = new Float64Array(this.spd);
    this.used = new Uint8Array(this.spd);
    this.population = new Float64Array(7 * this.spd);
    this.populations = {
      call: new PopulationShares(priors, 'call', this.spd, params),
      email: new PopulationShares(priors, 'email', this.spd, params),
    };
    this.cellSittings = new Int32Array(7 * this.spd);
    this.grid = new PersonGridBuilder(opts, { ...params, halfLifeDays: priors.halfLifeDays });
    this.pick = pickOptions(opts.slotMinutes, opts.top);
    this.picks = pickBuffer(opts.top);
  }

  score(personId: string, events: readonly BesttimeEvent[], out: PersonChannelWindows[]): void {
    this.grid.load(personId, events);
    for (const channel of CHANNELS) {
      // Borrowed patterns may shape a window but never create one: the channel needs own evidence.
      if (this.grid.channels[channel].strongCount === 0) continue;
      const windows = this.windowsFor(channel);
      if (windows.length > 0) {
        const { ownSignals, sparse, theirZone, borrowedFrom } = this.reason;
        const context = { ownSignals, sparse, theirZone, borrowedFrom };
        out.push({ personId, channel, tz: this.grid.tz, windows, context });
      }
    }
  }

  private calendar(tz: string): Uint8Array {
    let open = this.calendars.get(tz);
    if (!open) {
      open = openSlots(tz, this.opts);
      this.calendars.set(tz, open);
    }
    return open;
  }

  private windowsFor(channel: Channel): LearnedWindow[] {
    const { spd, grid, day, shares } = this;
    const own = grid.channels[channel];
    const open = this.calendar(grid.tz);
    const population = this.populations[channel].shareFor(grid.tz, own, this.population);
    weekdayShares(own, population, spd, this.priors.strengths[channel], this.hourly, shares);
    const calibration = this.priors.calibration[channel];
    const sittingsIn = this.cellSittings;
    sittingsIn.fill(0);
    const { sittings } = own;
    let ownSittings = 0;
    for (let i = 0; i < sittings.count; i++) {
      if ((sittings.weight[i] ?? 0) < QUALIFYING_WEIGHT) continue;
      const c = sittings.cell[i] ?? 0;
      sittingsIn[c] = (sittingsIn[c] ?? 0) + 1;
      ownSittings++;
    }
    const windows: LearnedWindow[] = [];
    const picks = this.picks;
    this.startReasons(channel);
    for (let d = 0; d < 7; d++) {
      const base = d * spd;
      let openSum = 0;
      let openCount = 0;
      for (let s = 0; s < spd; s++) {
        const v = open[base + s] === 1 ? (shares[base + s] as number) : 0;
        day[s] = v;
        openSum += v;
        openCount += open[base + s] as number;
      }
      if (openSum <= 0) continue;
      const scale = 1 / openSum;
      for (let s = 0; s < spd; s++) day[s] = (day[s] as number) * scale;
      const count = pickWindows(day, open, base, this.used, 0.5 / openCount, this.pick, picks);
      for (let k = 0; k < count; k++) {
        const w = picks[k] as PickedWindow;
        let inWindow = 0;
        for (let s = w.firstSlot; s < w.endSlot; s++) inWindow += sittingsIn[base + s] ?? 0;
        w.score = expectedHitRate(calibration, w.score, inWindow, ownSittings);
      }
      // Ranked by expected hit rate, not by share: where the organisation's record says windows
      // borrowed from other days are hit less often than own ones, an own window comes first.
      rankPicks(picks, count);
      for (let k = 0; k < count; k++) {
        const w = picks[k] as PickedWindow;
        windows.push(this.describe(channel, d + 1, base + w.firstSlot, base + w.endSlot, w.score));
      }
    }
    return windows;
  }

  /** The zone is named as the source only when its contacts, not the organisation's, dominate the mix. */
  private zoneLeads(zonePeople: number, channel: Channel): boolean {
    return (
      zonePeople >= this.params.zonePeople || zonePeople >= 0.9 * this.priors.org.people[channel]
    );
  }

  /** Sets what every window of this contact and channel shares in their explanation. */
  private startReasons(channel: Channel): void {
    const { grid, opts, reason } = this;
    const strong = grid.channels[channel].strongCount;
    const zone = this.priors.byZone.get(grid.tz);
    reason.channel = channel;
    reason.asOf = opts.asOf;
    reason.ownSignals = strong;
    reason.sparse = strong < SPARSE_SIGNALS;
    reason.theirZone = grid.tz === opts.orgTz ? null : grid.tz;
    reason.borrowedFrom = this.zoneLeads(zone?.people[channel] ?? 0, channel) ? grid.tz : null;
  }

  private describe(
    channel: Channel,
    weekday: number,
    firstCell: number,
    endCell: number,
    score: number,
  ): LearnedWindow {
    const { grid, opts, reason } = this;
    const counts = this.typeCounts;
    counts.fill(0);
    let count = 0;
    let lastAt: number | null = null;
    const from = grid.cellStart[firstCell] ?? 0;
    const to = grid.cellStart[endCell] ?? 0;
    const weights = CHANNEL_WEIGHTS[channel];
    for (let j = from; j < to; j++) {
      const i = grid.byCell[j] ?? 0;
      const t = grid.keptType[i] ?? 0;
      // A call window is explained by calls, not by the emails opened in the same hour: weaker
      // signals shape the shares, but "answered 4 calls" is what a rep can act on.
      if ((weights[t] ?? 0) < QUALIFYING_WEIGHT) continue;
      counts[t] = (counts[t] ?? 0) + 1;
      count++;
      const at = grid.keptAt[i] ?? 0;
      if (lastAt === null || at > lastAt) lastAt = at;
    }
    const byType: [SignalType, number][] = [];
    for (let t = 0; count > 0 && t < counts.length; t++) {
      const c = counts[t] ?? 0;
      if (c > 0) byType.push([SIGNAL_TYPES[t] as SignalType, c]);
    }
    const startMin = (firstCell % this.spd) * opts.slotMinutes;
    const endMin = startMin + (endCell - firstCell) * opts.slotMinutes;
    reason.weekday = weekday;
    reason.startMin = startMin;
    reason.endMin = endMin;
    reason.lastAt = lastAt;
    reason.typeCounts = byType;
    return {
      weekday,
      startMin,
      endMin,
      stars: starsFor(score, reason.ownSignals, count, this.priors.calibration[channel].fitted),
      score,
      reason: opts.wordReasons === false ? '' : explainWindow(reason),
      evidence: { count, lastAt, byType },
    };
  }
}

function byPersonThenChannel(a: PersonChannelWindows, b: PersonChannelWindows): number {
  if (a.personId !== b.personId) return a.personId < b.personId ? -1 : 1;
  return CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel);
}

/**
 * Scores contacts one at a time and hands each contact's results to `sink` straight away, in
 * the map's order. This is the path for a full recompute in the app: each contact's windows go
 * to the database as they come, so 50,000 contacts never sit in memory at once.
 */
export function streamPeople(
  eventsByPerson: ReadonlyMap<string, readonly BesttimeEvent[]>,
  priors: BesttimePriors,
  opts: BesttimeOptions,
  sink: (personId: string, results: PersonChannelWindows[]) => void,
  params: ModelParams = MODEL_PARAMS,
): void {
  const scorer = new Scorer(priors, opts, params);
  for (const [personId, events] of eventsByPerson) {
    const out: PersonChannelWindows[] = [];
    scorer.score(personId, events, out);
    sink(personId, out);
  }
}

/** Recomputes the given contacts against existing priors (the incremental path). */
export function computePeople(
  eventsByPerson: ReadonlyMap<string, readonly BesttimeEvent[]>,
  priors: BesttimePriors,
  opts: BesttimeOptions,
  params: ModelParams = MODEL_PARAMS,
): PersonChannelWindows[] {
  const all: PersonChannelWindows[] = [];
  streamPeople(eventsByPerson, priors, opts, (_, results) => all.push(...results), params);
  return all.sort(byPersonThenChannel);
}

/** Full compute: priors from everyone, then everyone scored against them. */
export function computeAll(
  eventsByPerson: ReadonlyMap<string, readonly BesttimeEvent[]>,
  opts: BesttimeOptions,
  params: ModelParams = MODEL_PARAMS,
): { priors: BesttimePriors; results: PersonChannelWindows[] } {
  const priors = buildPriors(eventsByPerson, opts, params);
  return { priors, results: computePeople(eventsByPerson, priors, opts, params) };
}
