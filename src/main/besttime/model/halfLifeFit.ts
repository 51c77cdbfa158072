import type { Channel } from '../../../shared/signals';
import type { ModelParams } from './modelParams';
import type { BesttimePriors, CandidateProfiles } from './priorTypes';
import type { Strengths } from './shrinkage';
import type { SittingSample } from './sittingReplay';
import { fitStrengths, type StrengthFit } from './strengthFit';
import type { Steps } from './steps';

/**
 * Half-lives an organisation's history chooses among, in days: a year, a quarter and a sixteenth
 * of it (about three weeks), and ten years (the default, `MODEL_PARAMS.halfLifeDays`, is added
 * when it is none of these). Each a quarter of the next, so that summing the population for every
 * candidate costs one exponential per sitting beside the default's (candidateProfiles.ts). The
 * halves between them chose the same on both real data sets, at the price of two more population
 * sums over every contact and two more replays in each full recompute.
 */
const HALF_LIFE_CANDIDATES: readonly number[] = [365 / 16, 365 / 4, 365, 3650];

/**
 * Standard errors by which a candidate must out-predict the default half-life to replace it:
 * the usual two, so that noise in a few thousand sittings does not move an organisation off
 * the long memory that suits steady habits.
 */
const MIN_Z = 2;
/**
 * Sittings per channel replayed for each candidate at most: whole contacts, since the error
 * is estimated per contact. The strengths for the chosen half-life are then fitted on the
 * whole sample, as before.
 */
const MAX_SITTINGS = 30_000;

export function halfLifeCandidates(params: ModelParams): number[] {
  return [...new Set([...HALF_LIFE_CANDIDATES, params.halfLifeDays])].sort((a, b) => a - b);
}

export interface HalfLifeFit {
  /** Index into the candidates. */
  index: number;
  strengths: Record<Channel, Strengths>;
}

/**
 * How far one fit out-predicts another, in standard errors of the difference. Sittings of one
 * contact are not independent (a habit that shifted shows in all their later sittings), so the
 * error is estimated from the per-contact sums, as with any clustered sample.
 */
function zScore(candidate: StrengthFit, reference: StrengthFit): number {
  const a = candidate.byPerson;
  const b = reference.byPerson;
  const n = a.length;
  if (n < 2) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) total += (a[i] as number) - (b[i] as number);
  const mean = total / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number) - mean;
    squares += d * d;
  }
  const se = Math.sqrt((squares * n) / (n - 1));
  return se > 0 ? total / se : 0;
}

/**
 * How long a contact's past sittings keep their weight, learned like the strengths
 * (strengthFit.ts): for each candidate half-life, the strengths that best predict each sampled
 * contact's sittings, and the half-life whose best strengths predict best. The population, the
 * contact's own profile left out of it and the replay all decay with the candidate, as scoring
 * would. A sitting is predicted from what was known at the start of its horizon block, as the
 * windows are used: judged from just before each sitting, last night's chat predicts tonight's
 * and every organisation would look as if it wanted a short memory. A candidate replaces the
 * default only when it predicts clearly better (MIN_Z); where hours drift, as in a student
 * network over a term, a short half-life wins by far. Too few repeat sittings to fit the
 * strengths keeps `params.halfLifeDays`. The strengths are then refitted for the chosen
 * half-life just before each sitting, as without this fit (strengthFit.ts). That last fit
 * leaves `sample` spread with the chosen half-life, as the star calibration then needs it.
 * In slices, as the fits it runs (a whole organisation's takes seconds).
 */
export function* fitHalfLife(
  sample: SittingSample,
  base: BesttimePriors,
  candidates: readonly CandidateProfiles[],
  params: ModelParams,
): Steps<HalfLifeFit> {
  const spd = 1440 / base.slotMinutes;
  const priorsFor = (c: CandidateProfiles): BesttimePriors => ({
    ...base,
    org: c.org,
    byZone: c.byZone,
    halfLifeDays: c.halfLifeDays,
  });
  const thinned = sample.thinned(MAX_SITTINGS);
  function* fit(c: CandidateProfiles, horizon: boolean): Steps<StrengthFit> {
    const on = horizon ? thinned : sample;
    yield* on.useHalfLife(c.halfLifeDays, spd, params.neighbourShare);
    return yield* fitStrengths(
      on,
      priorsFor(c),
      { ...params, halfLifeDays: c.halfLifeDays },
      horizon,
    );
  }
  const fallback = Math.max(
    0,
    candidates.findIndex((c) => c.halfLifeDays === params.halfLifeDays),
  );
  const reference = yield* fit(candidates[fallback] as CandidateProfiles, true);
  if (reference.targets === 0) {
    // No sitting has a whole earlier block to be judged from (a history of a few weeks): no
    // half-life can be told apart, but the strengths can still be learned sitting by sitting.
    return {
      index: fallback,
      strengths: (yield* fit(candidates[fallback] as CandidateProfiles, false)).strengths,
    };
  }
  let index = fallback;
  let bestScore = reference.logLikelihood;
  for (let k = 0; k < candidates.length; k++) {
    if (k === fallback) continue;
    const c = candidates[k] as CandidateProfiles;
    const f = yield* fit(c, true);
    const z = zScore(f, reference);
    if (z >= MIN_Z && f.logLikelihood > bestScore) {
      bestScore = f.logLikelihood;
      index = k;
    }
  }
  const { strengths } = yield* fit(candidates[index] as CandidateProfiles, false);
  return { index, strengths };
}
