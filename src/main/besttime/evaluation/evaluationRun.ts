import { DateTime } from 'luxon';
import type { Channel } from '../../../shared/signals';
import type { PairedCounts } from '../../../shared/pairedMargin';
import { MODEL_PARAMS, type ModelParams } from '../model/modelParams';
import { computeAllSteps } from '../model/personModel';
import { runSteps, type Steps } from '../model/steps';
import { groupByPersonSteps } from '../model/priors';
import {
  collapseActs,
  emptyHits,
  localSlot,
  recordHit,
  sameWidthWindows,
  windowsByWeekday,
  type Act,
  type HitCounts,
  type SlotWindow,
} from './evaluationScoring';
import type {
  BesttimeEvent,
  BesttimeOptions,
  PersonChannelWindows,
  SlotMinutes,
} from '../model/types';
import type { BusinessHours } from '../model/businessHours';
import { openSlots } from '../model/slotCalendar';

export const TEST_DAYS = 28;

interface StarBucket {
  trials: number;
  hits: number;
}

export const BASELINES = ['orgHours', 'ownHour', 'lastHour'] as const;
export type Baseline = (typeof BASELINES)[number];

export interface ChannelTally {
  model: HitCounts;
  orgHours: HitCounts;
  ownHour: HitCounts;
  lastHour: HitCounts;
  /** Per baseline, the acts where the model's hit@1 and the baseline's differ. */
  paired: Record<Baseline, PairedCounts>;
  /** Every shown window on the act's weekday is a trial; a hit when the act falls inside. */
  stars: Map<number, StarBucket>;
}

export function emptyTally(): ChannelTally {
  return {
    model: emptyHits(),
    orgHours: emptyHits(),
    ownHour: emptyHits(),
    lastHour: emptyHits(),
    paired: {
      orgHours: { modelOnly: 0, baselineOnly: 0 },
      ownHour: { modelOnly: 0, baselineOnly: 0 },
      lastHour: { modelOnly: 0, baselineOnly: 0 },
    },
    stars: new Map(),
  };
}

function bumpPaired(p: PairedCounts, model: boolean, baseline: boolean): void {
  if (model && !baseline) p.modelOnly++;
  if (baseline && !model) p.baselineOnly++;
}

/** Events read between turns in the passes over all of them. */
const EVENTS_PER_STEP = 2000;

/** Each contact's latest zone; yields every EVENTS_PER_STEP events (two passes over them all). */
function* zonesOf(events: readonly BesttimeEvent[], fallback: string): Steps<Map<string, string>> {
  const latest = new Map<string, { at: number; tz: string }>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as BesttimeEvent;
    const seen = latest.get(e.personId);
    if (e.personTz && (!seen || e.at >= seen.at))
      latest.set(e.personId, { at: e.at, tz: e.personTz });
    if (i % EVENTS_PER_STEP === EVENTS_PER_STEP - 1) yield;
  }
  const zones = new Map<string, string>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as BesttimeEvent;
    zones.set(e.personId, latest.get(e.personId)?.tz ?? fallback);
    if (i % EVENTS_PER_STEP === EVENTS_PER_STEP - 1) yield;
  }
  return zones;
}

interface Baselines {
  org: Float64Array;
  own: Map<string, Float64Array>;
  ownHourly: Map<string, Float64Array>;
  /** Per contact: slots of their acts, most recent first, each slot once. */
  recentSlots: Map<string, number[]>;
}

/** Yields after each act (a zone lookup each): the organisation's acts take a second on their own. */
function* buildBaselines(
  acts: Act[],
  zones: Map<string, string>,
  slotMinutes: number,
): Steps<Baselines> {
  const spd = 1440 / slotMinutes;
  const b: Baselines = {
    org: new Float64Array(7 * spd),
    own: new Map(),
    ownHourly: new Map(),
    recentSlots: new Map(),
  };
  const sorted = [...acts].sort((x, y) => y.at - x.at);
  for (const act of sorted) {
    const { weekday, slot } = localSlot(zones.get(act.personId) ?? 'UTC', act.at, slotMinutes);
    const cell = (weekday - 1) * spd + slot;
    b.org[cell] = (b.org[cell] ?? 0) + 1;
    const own = b.own.get(act.personId) ?? new Float64Array(7 * spd);
    own[cell] = (own[cell] ?? 0) + 1;
    b.own.set(act.personId, own);
    const hourly = b.ownHourly.get(act.personId) ?? new Float64Array(spd);
    hourly[slot] = (hourly[slot] ?? 0) + 1;
    b.ownHourly.set(act.personId, hourly);
    const recent = b.recentSlots.get(act.personId) ?? [];
    if (!recent.includes(slot)) recent.push(slot);
    b.recentSlots.set(act.personId, recent);
    yield;
  }
  return b;
}

/** Baseline scores for one contact's weekday; tiny org terms only break ties. */
function baselineScores(
  b: Baselines,
  personId: string,
  weekday: number,
  spd: number,
): Record<'org' | 'own' | 'last', Float64Array> {
  const base = (weekday - 1) * spd;
  const org = b.org.slice(base, base + spd);
  const orgMax = Math.max(1, ...org);
  const own = new Float64Array(spd);
  const last = new Float64Array(spd);
  const ownDay = b.own.get(personId);
  const hourly = b.ownHourly.get(personId);
  const recent = b.recentSlots.get(personId) ?? [];
  for (let s = 0; s < spd; s++) {
    const tie = ((org[s] ?? 0) / orgMax) * 1e-6;
    // Own most frequent hour on that weekday; empty weekdays fall back to their hour overall.
    own[s] = (ownDay?.[base + s] ?? 0) + 1e-3 * (hourly?.[s] ?? 0) + tie;
    const rank = recent.indexOf(s);
    last[s] = (rank >= 0 ? 1 / (1 + rank) : 0) + tie;
  }
  return { org, own, last };
}

function bumpStars(stars: Map<number, StarBucket>, windows: SlotWindow[], slot: number): void {
  for (const w of windows) {
    const bucket = stars.get(w.stars) ?? { trials: 0, hits: 0 };
    bucket.trials++;
    if (slot >= w.first && slot < w.end) bucket.hits++;
    stars.set(w.stars, bucket);
  }
}

/** Where the scored organisation works: the data sets have no zone or hours of their own. */
export interface ScoringSetting {
  orgTz: string;
  businessHours: BusinessHours | null;
  /** The shift each contact's owner works, when any does: their windows keep to it. */
  hoursOf?: BesttimeOptions['hoursOf'];
  /** Days after the cut-off whose acts are scored: calendar days in `orgTz`. */
  days: number;
}

const DATA_SET: ScoringSetting = { orgTz: 'UTC', businessHours: null, days: TEST_DAYS };

/** No baseline window in a slot the model may not suggest either (outside business hours). */
function closedOut(score: Float64Array, open: Uint8Array, base: number): Float64Array {
  for (let s = 0; s < score.length; s++) if (open[base + s] !== 1) score[s] = -Infinity;
  return score;
}

/**
 * Trains on everything before `cutoff` and scores the acts of the next 28 days (or
 * `setting.days`) into `tallies`; returns the half-life the organisation's history chose then,
 * or null when nothing was scored. Baselines keep to the organisation's business hours, as the
 * model does.
 */
export function scoreCutoff(
  events: readonly BesttimeEvent[],
  cutoff: number,
  slotMinutes: SlotMinutes,
  tallies: Record<Channel, ChannelTally>,
  params: ModelParams = MODEL_PARAMS,
  setting: ScoringSetting = DATA_SET,
): number | null {
  return runSteps(scoreCutoffSteps(events, cutoff, slotMinutes, tallies, params, setting));
}

/** `scoreCutoff` in slices: it yields per contact learned and scored, and per act scored. */
export function* scoreCutoffSteps(
  events: readonly BesttimeEvent[],
  cutoff: number,
  slotMinutes: SlotMinutes,
  tallies: Record<Channel, ChannelTally>,
  params: ModelParams = MODEL_PARAMS,
  setting: ScoringSetting = DATA_SET,
): Steps<number | null> {
  const { orgTz, businessHours, hoursOf } = setting;
  const train = events.filter((e) => e.at < cutoff);
  const until = DateTime.fromMillis(cutoff, { zone: orgTz })
    .plus({ days: setting.days })
    .toMillis();
  const test = events.filter((e) => e.at >= cutoff && e.at < until);
  if (train.length === 0 || test.length === 0) return null;
  const opts: BesttimeOptions = {
    asOf: cutoff,
    orgTz,
    businessHours,
    slotMinutes,
    top: 3,
    ...(hoursOf ? { hoursOf } : {}),
  };
  const byPerson = yield* groupByPersonSteps(train);
  const { priors, results } = yield* computeAllSteps(byPerson, opts, params);
  const byKey = new Map<string, PersonChannelWindows>(
    results.map((r) => [`${r.personId}|${r.channel}`, r]),
  );
  const zones = yield* zonesOf(train, orgTz);
  const spd = 1440 / slotMinutes;
  for (const channel of ['call', 'email'] as const) {
    const tally = tallies[channel];
    const baselines = yield* buildBaselines(collapseActs(train, channel), zones, slotMinutes);
    for (const act of collapseActs(test, channel)) {
      const result = byKey.get(`${act.personId}|${channel}`);
      if (!result) continue; // no own evidence before the cut-off: nobody, baselines included, is scored
      const { weekday, slot } = localSlot(result.tz, act.at, slotMinutes);
      const ours = windowsByWeekday(result, slotMinutes)[weekday - 1] ?? [];
      const modelHit = recordHit(tally.model, ours, slot);
      bumpStars(tally.stars, ours, slot);
      const widths = ours.map((w) => w.end - w.first);
      const scores = baselineScores(baselines, act.personId, weekday, spd);
      const shift = hoursOf?.(act.personId);
      if (businessHours || shift) {
        const open = openSlots(result.tz, opts, shift);
        const base = (weekday - 1) * spd;
        closedOut(scores.org, open, base);
        closedOut(scores.own, open, base);
        closedOut(scores.last, open, base);
      }
      const org = recordHit(tally.orgHours, sameWidthWindows(scores.org, widths), slot);
      const own = recordHit(tally.ownHour, sameWidthWindows(scores.own, widths), slot);
      const last = recordHit(tally.lastHour, sameWidthWindows(scores.last, widths), slot);
      bumpPaired(tally.paired.orgHours, modelHit, org);
      bumpPaired(tally.paired.ownHour, modelHit, own);
      bumpPaired(tally.paired.lastHour, modelHit, last);
      yield;
    }
  }
  return priors.halfLifeDays;
}
