import { MODEL_PARAMS, type ModelParams } from './modelParams';
import { CandidateProfileSums, emptyProfile } from './candidateProfiles';
import { fitHalfLife, halfLifeCandidates } from './halfLifeFit';
import { PersonGridBuilder } from './personGrid';
import { fitCalibration, TRUST_SHARES } from './hitCalibration';
import { addAttempts, emptyAnswerCounts } from './answerRates';
import { PRIORS_VERSION, type BesttimePriors, type CandidateProfiles } from './priorTypes';
import { SittingSample } from './sittingReplay';
import type { BesttimeEvent, BesttimeOptions, EventsByPerson } from './types';
import { pickOptions } from './windowPicker';
import { runSteps, type Steps } from './steps';

// Code outside the model names the priors through this module.
export type { BesttimePriors } from './priorTypes';
export { PRIORS_VERSION } from './priorTypes';

/**
 * Signals whose contacts' histories the strengths are learned from: every contact in an
 * organisation up to this size, an evenly spread sample above it, so a full recompute of two
 * million signals does not replay them all.
 */
const FIT_SIGNALS = 250_000;

export function groupByPerson(events: readonly BesttimeEvent[]): Map<string, BesttimeEvent[]> {
  return runSteps(groupByPersonSteps(events));
}

/** Events grouped between turns: a whole organisation's take most of a second. */
const GROUPED_PER_STEP = 2000;

/** `groupByPerson` in slices: it yields after every GROUPED_PER_STEP events. */
export function* groupByPersonSteps(
  events: readonly BesttimeEvent[],
): Steps<Map<string, BesttimeEvent[]>> {
  const byPerson = new Map<string, BesttimeEvent[]>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as BesttimeEvent;
    const list = byPerson.get(e.personId);
    if (list) list.push(e);
    else byPerson.set(e.personId, [e]);
    if (i % GROUPED_PER_STEP === GROUPED_PER_STEP - 1) yield;
  }
  return byPerson;
}

/** Priors from all events, flat or already grouped by person. */
export function buildPriors(
  events: readonly BesttimeEvent[] | EventsByPerson,
  opts: BesttimeOptions,
  params: ModelParams = MODEL_PARAMS,
): BesttimePriors {
  return runSteps(buildPriorsSteps(events, opts, params));
}

/** `buildPriors` in slices: it yields after each contact's history is summed. */
export function* buildPriorsSteps(
  events: readonly BesttimeEvent[] | EventsByPerson,
  opts: BesttimeOptions,
  params: ModelParams = MODEL_PARAMS,
): Steps<BesttimePriors> {
  const byPerson: EventsByPerson = Array.isArray(events)
    ? yield* groupByPersonSteps(events as readonly BesttimeEvent[])
    : (events as EventsByPerson);
  const cells = 7 * (1440 / opts.slotMinutes);
  const fallback = { person: params.personStrength, day: params.dayStrength };
  const priors: BesttimePriors = {
    version: PRIORS_VERSION,
    slotMinutes: opts.slotMinutes,
    org: emptyProfile(cells),
    byZone: new Map(),
    halfLifeDays: params.halfLifeDays,
    strengths: { call: fallback, email: fallback },
    calibration: { call: TRUST_SHARES, email: TRUST_SHARES },
    answers: { org: emptyAnswerCounts(cells), byZone: new Map() },
  };
  const spd = 1440 / opts.slotMinutes;
  const sums = new CandidateProfileSums(
    halfLifeCandidates(params),
    params.halfLifeDays,
    cells,
    spd,
    params.neighbourShare,
  );
  const grid = new PersonGridBuilder(opts, params);
  // Counted without building every person's list where the store knows it (PackedEvents).
  let signals = byPerson.signalCount;
  if (signals === undefined) {
    signals = 0;
    for (const list of byPerson.values()) signals += list.length;
  }
  const stride = Math.max(1, Math.ceil(signals / FIT_SIGNALS));
  const sample = new SittingSample();
  // Sorted so the sums, and so every score, do not depend on the order events arrived in.
  const ids = [...byPerson.keys()].sort();
  for (let i = 0; i < ids.length; i++) {
    const personId = ids[i] as string;
    grid.load(personId, byPerson.get(personId) ?? [], false);
    if (i % stride === 0) sample.keep(grid.tz, grid.latestAt, grid.channels);
    sums.add(grid);
    if (grid.attempts.count > 0) {
      let zone = priors.answers.byZone.get(grid.tz);
      if (!zone) {
        zone = emptyAnswerCounts(cells);
        priors.answers.byZone.set(grid.tz, zone);
      }
      addAttempts(priors.answers.org, grid.attempts);
      addAttempts(zone, grid.attempts);
    }
    yield;
  }
  const candidates = sums.finish();
  const fit = yield* fitHalfLife(sample, priors, candidates, params);
  const chosen = candidates[fit.index] as CandidateProfiles;
  priors.halfLifeDays = chosen.halfLifeDays;
  priors.org = chosen.org;
  priors.byZone = chosen.byZone;
  priors.strengths = fit.strengths;
  const fitted = { ...params, halfLifeDays: chosen.halfLifeDays };
  // The sample's own profiles are spread with the chosen half-life (fitHalfLife's last fit).
  priors.calibration = yield* fitCalibration(
    sample,
    priors,
    fitted,
    pickOptions(opts.slotMinutes, opts.top),
    opts.asOf,
  );
  return priors;
}
