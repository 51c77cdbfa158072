import { CHANNELS, type Channel } from '../../shared/signals';
import { MODEL_PARAMS, type ModelParams } from './modelParams';
import { PersonGridBuilder } from './personGrid';
import { contributionScale } from './populationShares';
import { fitCalibration, TRUST_SHARES, type HitCalibration } from './hitCalibration';
import type { Strengths } from './shrinkage';
import { SittingSample } from './sittingReplay';
import { fitStrengths } from './strengthFit';
import type { BesttimeEvent, BesttimeOptions } from './types';
import { pickOptions } from './windowPicker';

/**
 * Signals whose contacts' histories the strengths are learned from: every contact in an
 * organisation up to this size, an evenly spread sample above it, so a full recompute of two
 * million signals does not replay them all.
 */
const FIT_SIGNALS = 250_000;

/** Summed local-week profiles of a group of people, per channel. */
export interface GroupProfile {
  mass: Record<Channel, Float64Array>;
  people: Record<Channel, number>;
}

/** What sparse contacts borrow from: the organisation and each zone's contacts. */
export interface BesttimePriors {
  slotMinutes: number;
  org: GroupProfile;
  byZone: Map<string, GroupProfile>;
  /** How far contacts' hours are trusted, learned from this organisation's own history. */
  strengths: Record<Channel, Strengths>;
  /** What a window's share means as a hit rate here: ranks windows and sets their stars. */
  calibration: Record<Channel, HitCalibration>;
}

function emptyProfile(cells: number): GroupProfile {
  return {
    mass: { call: new Float64Array(cells), email: new Float64Array(cells) },
    people: { call: 0, email: 0 },
  };
}

export function groupByPerson(events: readonly BesttimeEvent[]): Map<string, BesttimeEvent[]> {
  const byPerson = new Map<string, BesttimeEvent[]>();
  for (const e of events) {
    const list = byPerson.get(e.personId);
    if (list) list.push(e);
    else byPerson.set(e.personId, [e]);
  }
  return byPerson;
}

function addToProfile(profile: GroupProfile, grid: PersonGridBuilder): void {
  for (const channel of CHANNELS) {
    const own = grid.channels[channel];
    if (own.total <= 0) continue;
    const scale = contributionScale(own.total);
    const target = profile.mass[channel];
    for (let i = 0; i < target.length; i++)
      target[i] = (target[i] ?? 0) + (own.mass[i] ?? 0) * scale;
    profile.people[channel]++;
  }
}

/** Priors from all events, flat or already grouped by person. */
export function buildPriors(
  events: readonly BesttimeEvent[] | ReadonlyMap<string, readonly BesttimeEvent[]>,
  opts: BesttimeOptions,
  params: ModelParams = MODEL_PARAMS,
): BesttimePriors {
  const byPerson: ReadonlyMap<string, readonly BesttimeEvent[]> = Array.isArray(events)
    ? groupByPerson(events as readonly BesttimeEvent[])
    : (events as ReadonlyMap<string, readonly BesttimeEvent[]>);
  const cells = 7 * (1440 / opts.slotMinutes);
  const fallback = { person: params.personStrength, day: params.dayStrength };
  const priors: BesttimePriors = {
    slotMinutes: opts.slotMinutes,
    org: emptyProfile(cells),
    byZone: new Map(),
    strengths: { call: fallback, email: fallback },
    calibration: { call: TRUST_SHARES, email: TRUST_SHARES },
  };
  const grid = new PersonGridBuilder(opts, params);
  let signals = 0;
  for (const list of byPerson.values()) signals += list.length;
  const stride = Math.max(1, Math.ceil(signals / FIT_SIGNALS));
  const sample = new SittingSample();
  // Sorted so the sums, and so every score, do not depend on the order events arrived in.
  const ids = [...byPerson.keys()].sort();
  for (let i = 0; i < ids.length; i++) {
    const personId = ids[i] as string;
    grid.load(personId, byPerson.get(personId) ?? [], false);
    if (i % stride === 0) sample.keep(grid.tz, grid.channels);
    addToProfile(priors.org, grid);
    let zone = priors.byZone.get(grid.tz);
    if (!zone) {
      zone = emptyProfile(cells);
      priors.byZone.set(grid.tz, zone);
    }
    addToProfile(zone, grid);
  }
  priors.strengths = fitStrengths(sample, priors, params);
  priors.calibration = fitCalibration(
    sample,
    priors,
    params,
    pickOptions(opts.slotMinutes, opts.top),
  );
  return priors;
}
