import { CHANNELS, type Channel } from '../../../shared/signals';
import type { ModelParams } from './modelParams';
import type { BesttimePriors } from './priorTypes';
import { PopulationShares } from './populationShares';
import type { Strengths } from './shrinkage';
import {
  ReplayState,
  replaySittings,
  type SampledPerson,
  type SittingSample,
} from './sittingReplay';
import type { Steps } from './steps';

/** Repeat sittings scored per candidate at most: the likelihood surface is settled long before. */
const MAX_TARGETS = 50_000;
/** Strengths are searched between 2^-2 and 2^12 pseudo-sittings. */
const MIN_LOG2 = -2;
const MAX_LOG2 = 12;

/**
 * Every repeat sitting of the sample, with what the model knew of that contact just before it:
 * their decayed mass in the sitting's cell, on its weekday, in its slot across the week and in
 * all, and the population's share of the cell. Any pair of strengths then scores the sample in
 * one pass, without replaying the histories.
 */
class Targets {
  count = 0;
  cell = new Float64Array(1024);
  day = new Float64Array(1024);
  hour = new Float64Array(1024);
  all = new Float64Array(1024);
  population = new Float64Array(1024);
  /** Index of the sampled contact each target belongs to. */
  owner = new Int32Array(1024);

  push(
    cell: number,
    day: number,
    hour: number,
    all: number,
    population: number,
    owner: number,
  ): void {
    if (this.count === this.cell.length) {
      const size = this.count * 2;
      const grow = (a: Float64Array) => {
        const b = new Float64Array(size);
        b.set(a);
        return b;
      };
      this.cell = grow(this.cell);
      this.day = grow(this.day);
      this.hour = grow(this.hour);
      this.all = grow(this.all);
      this.population = grow(this.population);
      const owners = new Int32Array(size);
      owners.set(this.owner);
      this.owner = owners;
    }
    const i = this.count++;
    this.cell[i] = cell;
    this.day[i] = day;
    this.hour[i] = hour;
    this.all[i] = all;
    this.population[i] = population;
    this.owner[i] = owner;
  }

  /** Log-probability of target `i` under the model's two-step shrinkage (shrinkage.ts). */
  private logProb(i: number, person: number, day: number): number {
    const prior =
      ((this.hour[i] as number) + person * (this.population[i] as number)) /
      ((this.all[i] as number) + person);
    return Math.log(((this.cell[i] as number) + day * prior) / ((this.day[i] as number) + day));
  }

  score(person: number, day: number): number {
    let sum = 0;
    for (let i = 0; i < this.count; i++) sum += this.logProb(i, person, day);
    return sum;
  }

  /** Adds each target's log-probability to its contact's entry of `out`. */
  addByOwner(strengths: Strengths, out: Float64Array): void {
    for (let i = 0; i < this.count; i++) {
      const o = this.owner[i] as number;
      out[o] = (out[o] as number) + this.logProb(i, strengths.person, strengths.day);
    }
  }
}

/**
 * Hill-climbs the log-likelihood over a grid of octaves, then half and quarter octaves: the
 * surface is smooth and single-peaked in practice, and this needs a few dozen passes over the
 * targets where a full grid would need hundreds.
 */
function* climb(
  targets: Targets,
  start: Strengths,
): Steps<{ strengths: Strengths; score: number }> {
  const seen = new Map<number, number>();
  // Yields after each pass over the targets (up to MAX_TARGETS of them).
  function* score(a: number, b: number): Steps<number> {
    const key = a * 1000 + b;
    let s = seen.get(key);
    if (s === undefined) {
      s = targets.score(2 ** a, 2 ** b);
      seen.set(key, s);
      yield;
    }
    return s;
  }
  const clamp = (x: number): number => Math.max(MIN_LOG2, Math.min(MAX_LOG2, x));
  let a = clamp(Math.round(Math.log2(start.person)));
  let b = clamp(Math.round(Math.log2(start.day)));
  let best = yield* score(a, b);
  for (const step of [1, 0.5, 0.25]) {
    for (;;) {
      let moved = false;
      for (const [da, db] of [
        [step, 0],
        [-step, 0],
        [0, step],
        [0, -step],
      ] as const) {
        const na = clamp(a + da);
        const nb = clamp(b + db);
        const s = yield* score(na, nb);
        if (s > best + 1e-9) {
          best = s;
          a = na;
          b = nb;
          moved = true;
        }
      }
      if (!moved) break;
    }
  }
  return { strengths: { person: 2 ** a, day: 2 ** b }, score: best };
}

/** Fitted strengths, and how well they predicted the sample (the half-life fit compares these). */
export interface StrengthFit {
  strengths: Record<Channel, Strengths>;
  /** Summed over the channels with enough repeat sittings to fit; 0 when none had. */
  logLikelihood: number;
  /** Repeat sittings scored in those channels; 0 when none had enough. */
  targets: number;
  /** The log-likelihood split by sampled contact (index in `sample.people`). */
  byPerson: Float64Array;
}

/**
 * Empirical Bayes: how many pseudo-sittings pull a contact's hours toward the population and a
 * weekday toward their whole week, chosen so that each sampled contact's every next sitting is
 * predicted as well as possible from their sittings before it (prequential log-likelihood).
 * An organisation of creatures of habit gets small strengths and trusts a contact's first few
 * sittings; one where individual hours scatter around a shared rhythm leans on the rhythm. The
 * same data decides for a two-month-old organisation and a twenty-year-old one, and a time
 * split is built in: only earlier sittings predict later ones.
 *
 * With `horizon`, each sitting is predicted from what was known at the start of its horizon
 * block instead (sittingReplay.ts), as the half-life fit compares candidates (halfLifeFit.ts).
 * In slices: it yields after each sampled contact replayed and each pass over the targets.
 */
export function* fitStrengths(
  sample: SittingSample,
  priors: BesttimePriors,
  params: ModelParams,
  horizon = false,
): Steps<StrengthFit> {
  const spd = 1440 / priors.slotMinutes;
  const state = new ReplayState(spd);
  const known = horizon ? new ReplayState(spd) : null;
  const fallback: Strengths = { person: params.personStrength, day: params.dayStrength };
  const out = { call: fallback, email: fallback };
  let logLikelihood = 0;
  let fittedTargets = 0;
  const byPerson = new Float64Array(sample.people.length);
  for (const channel of CHANNELS) {
    const populations = new PopulationShares(priors, channel, spd, params);
    const share = new Float64Array(7 * spd);
    const targets = new Targets();
    let sittings = 0;
    for (const person of sample.people) sittings += person.sittings[channel].count;
    const stride = Math.max(1, Math.ceil(sittings / MAX_TARGETS));
    let seen = 0;
    for (let p = 0; p < sample.people.length; p++) {
      const person = sample.people[p] as SampledPerson;
      if (person.targets[channel] === 0) continue;
      populations.shareFor(person.tz, person.own[channel], share);
      replaySittings(person.sittings[channel], params, state, known, (cell, at) => {
        if (seen++ % stride !== 0) return;
        const slot = cell % spd;
        const now = at.now;
        targets.push(
          (at.cellMass[cell] as number) * now,
          (at.dayMass[(cell - slot) / spd] as number) * now,
          (at.hourMass[slot] as number) * now,
          at.all * now,
          share[cell] as number,
          p,
        );
      });
      yield;
    }
    if (targets.count >= params.minFitTargets) {
      const fit = yield* climb(targets, fallback);
      out[channel] = fit.strengths;
      logLikelihood += fit.score;
      fittedTargets += targets.count;
      targets.addByOwner(fit.strengths, byPerson);
    }
  }
  return { strengths: out, logLikelihood, targets: fittedTargets, byPerson };
}
