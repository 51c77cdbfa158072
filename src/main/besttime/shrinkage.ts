import type { Channel } from '../../shared/signals';
import type { ModelParams } from './modelParams';
import type { ChannelGrid } from './personGrid';
import type { BesttimePriors } from './priors';

/** A little uniform mass so no open slot is ever impossible, even in an empty organisation. */
const UNIFORM_MIX = 0.02;

/**
 * The population's profile per (weekday, slot), each weekday summing to 1: the zone's contacts
 * and the organisation's, mixed by how many contacts the zone has.
 */
export function populationShare(
  priors: BesttimePriors,
  tz: string,
  channel: Channel,
  slotsPerDay: number,
  params: ModelParams,
): Float64Array {
  const org = priors.org.mass[channel];
  const zone = priors.byZone.get(tz);
  const zoneMass = zone?.mass[channel];
  const zonePeople = zone?.people[channel] ?? 0;
  const zoneWeight = zonePeople / (zonePeople + params.zonePeople);
  const out = new Float64Array(7 * slotsPerDay);
  for (let d = 0; d < 7; d++) {
    const base = d * slotsPerDay;
    let orgSum = 0;
    let zoneSum = 0;
    for (let s = 0; s < slotsPerDay; s++) {
      orgSum += org[base + s] ?? 0;
      zoneSum += zoneMass?.[base + s] ?? 0;
    }
    const zw = zoneSum > 0 ? zoneWeight : 0;
    for (let s = 0; s < slotsPerDay; s++) {
      const fromOrg = orgSum > 0 ? (org[base + s] ?? 0) / orgSum : 1 / slotsPerDay;
      const fromZone = zoneSum > 0 ? (zoneMass?.[base + s] ?? 0) / zoneSum : 0;
      out[base + s] =
        (1 - UNIFORM_MIX) * (zw * fromZone + (1 - zw) * fromOrg) + UNIFORM_MIX / slotsPerDay;
    }
  }
  return out;
}

/** A contact's strength may move this many octaves (factors of two) either way from the default. */
const MAX_OCTAVES = 5;

export interface Strengths {
  person: number;
  day: number;
}

/** Scratch for {@link estimateStrengths}, reused from contact to contact. */
export class StrengthScratch {
  readonly cells: Int32Array;
  readonly mass: Float64Array;
  readonly others: Float64Array;
  readonly share: Float64Array;
  readonly hourly: Float64Array;
  readonly daily = new Float64Array(7);
  /** Terms whose signal is alone in its group: mass * (log strength + log share), summed. */
  readonly single = { mass: 0, logs: 0 };
  /** Terms left after {@link compact}, packed first in mass, others and share. */
  terms = 0;
  /** Denominators: each signal of group k is divided by (groupOthers[k] + strength). */
  readonly groupMass = new Float64Array(7);
  readonly groupOthers = new Float64Array(7);
  groups = 0;
  constructor(slotsPerDay: number) {
    this.cells = new Int32Array(7 * slotsPerDay);
    this.mass = new Float64Array(7 * slotsPerDay);
    this.others = new Float64Array(7 * slotsPerDay);
    this.share = new Float64Array(7 * slotsPerDay);
    this.hourly = new Float64Array(slotsPerDay);
  }
}

/**
 * Moves the terms mass * log(others + strength * share) with others = 0 (a signal alone in its
 * group, the common case) into `single` as mass * (log strength + log share), so each candidate
 * strength costs a logarithm only for the rest. Returns how many terms are left, packed first.
 */
function compact(
  n: number,
  mass: Float64Array,
  others: Float64Array,
  share: Float64Array,
  single: { mass: number; logs: number },
): number {
  single.mass = 0;
  single.logs = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = mass[i] as number;
    if ((others[i] as number) > 0) {
      mass[m] = v;
      others[m] = others[i] as number;
      share[m] = share[i] as number;
      m++;
    } else {
      single.mass += v;
      single.logs += v * Math.log(share[i] as number);
    }
  }
  return m;
}

/** Leave-one-out log-likelihood of one shrinkage step at `strength`, from the packed terms. */
function stepScore(s: StrengthScratch, strength: number): number {
  const log = Math.log(strength);
  let score = s.single.mass * log + s.single.logs;
  const { mass, others, share, groupMass, groupOthers } = s;
  for (let i = 0; i < s.terms; i++)
    score +=
      (mass[i] as number) * Math.log((others[i] as number) + strength * (share[i] as number));
  for (let k = 0; k < s.groups; k++)
    score -= (groupMass[k] as number) * Math.log((groupOthers[k] as number) + strength);
  return score;
}

/**
 * The strength, fallback * 2^k, maximising stepScore - perOctave * k^2: the score at one octave
 * either side of the default and at it, and the vertex of the parabola through the three (one
 * Newton step in log strength; the leave-one-out log-likelihood of a Dirichlet strength is
 * smooth and, with the penalty, concave in practice), kept within MAX_OCTAVES. Three scores
 * per step keep a full recompute of 50,000 contacts within budget.
 */
function climb(fallback: number, perOctave: number, s: StrengthScratch): number {
  const down = stepScore(s, fallback / 2) - perOctave;
  const here = stepScore(s, fallback);
  const up = stepScore(s, fallback * 2) - perOctave;
  const curvature = up + down - 2 * here;
  let k: number;
  if (curvature < 0) k = (down - up) / (2 * curvature);
  else k = up > down ? MAX_OCTAVES : -MAX_OCTAVES;
  if (curvature >= 0 && Math.max(up, down) <= here) k = 0;
  return fallback * 2 ** Math.max(-MAX_OCTAVES, Math.min(MAX_OCTAVES, k));
}

/**
 * Each contact's two shrinkage strengths, chosen from their own signals: for each candidate,
 * how well each of their signals is predicted by the shrunk profile of all their other signals
 * (leave-one-out, on the unspread mass; one signal weighs `total / signals`), less a penalty per
 * squared octave away from the default, so a contact with three signals cannot talk the model
 * into trusting them alone and one with two hundred can. A contact whose hours are steady keeps
 * their own profile, one whose hours scatter leans on the population, and one whose weekdays
 * differ keeps their weekday profiles.
 */
export function estimateStrengths(
  own: ChannelGrid,
  population: Float64Array,
  slotsPerDay: number,
  params: ModelParams,
  scratch: StrengthScratch,
): Strengths {
  const fallback = { person: params.personStrength, day: params.dayStrength };
  if (!params.perPersonStrength || own.signals < 2 || own.total <= 0) return fallback;
  const { cells, mass, others, share, hourly, daily } = scratch;
  const raw = own.raw;
  hourly.fill(0);
  daily.fill(0);
  let n = 0;
  for (let d = 0, c = 0; d < 7; d++) {
    for (let h = 0; h < slotsPerDay; h++, c++) {
      const v = raw[c] as number;
      if (v <= 0) continue;
      cells[n++] = c;
      hourly[h] = (hourly[h] as number) + v;
      daily[d] = (daily[d] as number) + v;
    }
  }
  const unit = own.total / own.signals;
  const rest = Math.max(0, own.total - unit);
  // Step 1: each signal against (the rest of its hour + a * population share) / (rest + a).
  for (let i = 0; i < n; i++) {
    const c = cells[i] as number;
    mass[i] = raw[c] as number;
    others[i] = Math.max(0, (hourly[c % slotsPerDay] as number) - unit);
    share[i] = population[c] as number;
  }
  scratch.terms = compact(n, mass, others, share, scratch.single);
  scratch.groups = 1;
  scratch.groupMass[0] = own.total;
  scratch.groupOthers[0] = rest;
  const person = climb(fallback.person, params.strengthPenalty, scratch);
  // Step 2: each signal against (the rest of its cell + b * its step-1 share) / (rest of day + b).
  for (let i = 0; i < n; i++) {
    const c = cells[i] as number;
    const hourOthers = Math.max(0, (hourly[c % slotsPerDay] as number) - unit);
    mass[i] = raw[c] as number;
    others[i] = Math.max(0, (raw[c] as number) - unit);
    share[i] = (hourOthers + person * (population[c] as number)) / (rest + person);
  }
  scratch.terms = compact(n, mass, others, share, scratch.single);
  scratch.groups = 7;
  for (let d = 0; d < 7; d++) {
    scratch.groupMass[d] = daily[d] as number;
    scratch.groupOthers[d] = Math.max(0, (daily[d] as number) - unit);
  }
  const day = climb(fallback.day, params.strengthPenalty, scratch);
  return { person, day };
}

/**
 * Empirical-Bayes shrinkage in two steps, each a Dirichlet posterior mean: the contact's
 * all-week hour profile is pulled toward the population's profile for that weekday, then their
 * profile for one weekday is pulled toward that result. How hard each step pulls is the
 * contact's own (see {@link estimateStrengths}). (A middle step toward a workday/weekend
 * profile was tried and did not help on the tuning cut-offs.) Writes into `out`; `hourly` is
 * scratch of slotsPerDay.
 */
export function weekdayShares(
  own: ChannelGrid,
  population: Float64Array,
  slotsPerDay: number,
  strengths: Strengths,
  hourly: Float64Array,
  out: Float64Array,
): void {
  hourly.fill(0);
  for (let d = 0; d < 7; d++) {
    for (let s = 0; s < slotsPerDay; s++) {
      hourly[s] = (hourly[s] ?? 0) + (own.mass[d * slotsPerDay + s] ?? 0);
    }
  }
  const { person: personStrength, day: dayStrength } = strengths;
  const priorScale = 1 / (own.total + personStrength);
  for (let d = 0; d < 7; d++) {
    const base = d * slotsPerDay;
    let dayTotal = 0;
    for (let s = 0; s < slotsPerDay; s++) dayTotal += own.mass[base + s] ?? 0;
    const dayScale = 1 / (dayTotal + dayStrength);
    for (let s = 0; s < slotsPerDay; s++) {
      const prior = ((hourly[s] ?? 0) + personStrength * (population[base + s] ?? 0)) * priorScale;
      out[base + s] = ((own.mass[base + s] ?? 0) + dayStrength * prior) * dayScale;
    }
  }
}
