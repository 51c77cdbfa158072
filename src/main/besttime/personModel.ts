import { CHANNELS, SIGNAL_TYPES, type Channel, type SignalType } from '../../shared/signals';
import { MODEL_PARAMS, SPARSE_SIGNALS, type ModelParams } from './modelParams';
import { PersonGridBuilder } from './personGrid';
import { buildPriors, type BesttimePriors } from './priors';
import { explainWindow } from './reasonText';
import { estimateStrengths, populationShare, StrengthScratch, weekdayShares } from './shrinkage';
import { openSlots } from './slotCalendar';
import { starsFor } from './starRating';
import type { BesttimeEvent, BesttimeOptions, BestWindow, PersonChannelWindows } from './types';
import { maxWindowSlots, pickWindows, type PickOptions } from './windowPicker';

/** A neighbour slot at 60% of the best one is still "about as good": worth a wider window. */
const MERGE_RATIO = 0.6;

/** Per-run caches and scratch buffers, so 50,000 contacts do not mean 50,000 allocations each. */
class Scorer {
  private readonly spd: number;
  private readonly populations: Record<Channel, Map<string, Float64Array>> = {
    call: new Map(),
    email: new Map(),
  };
  private readonly calendars = new Map<string, Uint8Array>();
  private readonly hourly: Float64Array;
  private readonly shares: Float64Array;
  private readonly day: Float64Array;
  private readonly used: Uint8Array;
  private readonly strengthScratch: StrengthScratch;
  private readonly typeCounts = new Uint32Array(SIGNAL_TYPES.length);
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
    this.strengthScratch = new StrengthScratch(this.spd);
    this.grid = new PersonGridBuilder(opts, params);
    this.pick = {
      top: opts.top,
      maxSlots: maxWindowSlots(opts.slotMinutes),
      mergeRatio: MERGE_RATIO,
    };
  }

  score(personId: string, events: readonly BesttimeEvent[], out: PersonChannelWindows[]): void {
    this.grid.load(personId, events);
    for (const channel of CHANNELS) {
      // Borrowed patterns may shape a window but never create one: the channel needs own evidence.
      if (this.grid.channels[channel].strongCount === 0) continue;
      const windows = this.windowsFor(channel);
      if (windows.length > 0) out.push({ personId, channel, tz: this.grid.tz, windows });
    }
  }

  private population(tz: string, channel: Channel): Float64Array {
    let population = this.populations[channel].get(tz);
    if (!population) {
      population = populationShare(this.priors, tz, channel, this.spd, this.params);
      this.populations[channel].set(tz, population);
    }
    return population;
  }

  private calendar(tz: string): Uint8Array {
    let open = this.calendars.get(tz);
    if (!open) {
      open = openSlots(tz, this.opts);
      this.calendars.set(tz, open);
    }
    return open;
  }

  private windowsFor(channel: Channel): BestWindow[] {
    const { spd, grid, day, shares } = this;
    const own = grid.channels[channel];
    const open = this.calendar(grid.tz);
    const population = this.population(grid.tz, channel);
    const strengths = estimateStrengths(own, population, spd, this.params, this.strengthScratch);
    weekdayShares(own, population, spd, strengths, this.hourly, shares);
    const windows: BestWindow[] = [];
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
      const picked = pickWindows(day, open, base, this.used, 0.5 / openCount, this.pick);
      for (const w of picked)
        windows.push(this.describe(channel, d + 1, base + w.firstSlot, base + w.endSlot, w.score));
    }
    return windows;
  }

  /** The zone is named as the source only when its contacts, not the organisation's, dominate the mix. */
  private zoneLeads(zonePeople: number, channel: Channel): boolean {
    return (
      zonePeople >= this.params.zonePeople || zonePeople >= 0.9 * this.priors.org.people[channel]
    );
  }

  private describe(
    channel: Channel,
    weekday: number,
    firstCell: number,
    endCell: number,
    score: number,
  ): BestWindow {
    const { grid, opts } = this;
    const counts = this.typeCounts;
    counts.fill(0);
    let count = 0;
    let lastAt: number | null = null;
    const from = grid.cellStart[firstCell] ?? 0;
    const to = grid.cellStart[endCell] ?? 0;
    for (let j = from; j < to; j++) {
      const i = grid.byCell[j] ?? 0;
      const t = grid.keptType[i] ?? 0;
      counts[t] = (counts[t] ?? 0) + 1;
      count++;
      const at = grid.keptAt[i] ?? 0;
      if (lastAt === null || at > lastAt) lastAt = at;
    }
    const typeCounts: [SignalType, number][] = [];
    for (let t = 0; count > 0 && t < counts.length; t++) {
      const c = counts[t] ?? 0;
      if (c > 0) typeCounts.push([SIGNAL_TYPES[t] as SignalType, c]);
    }
    const startMin = (firstCell % this.spd) * opts.slotMinutes;
    const endMin = startMin + (endCell - firstCell) * opts.slotMinutes;
    const strong = grid.channels[channel].strongCount;
    const zone = this.priors.byZone.get(grid.tz);
    return {
      weekday,
      startMin,
      endMin,
      stars: starsFor(score, strong),
      score,
      reason: explainWindow({
        channel,
        weekday,
        startMin,
        endMin,
        typeCounts,
        lastAt,
        asOf: opts.asOf,
        ownSignals: strong,
        sparse: strong < SPARSE_SIGNALS,
        theirZone: grid.tz === opts.orgTz ? null : grid.tz,
        borrowedFrom: this.zoneLeads(zone?.people[channel] ?? 0, channel) ? grid.tz : null,
      }),
      evidence: { count, lastAt },
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
