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

/**
 * Empirical-Bayes shrinkage in two steps, each a Dirichlet posterior mean: the contact's
 * all-week hour profile is pulled toward the population's profile for that weekday, then their
 * profile for one weekday is pulled toward that result. Sparse contacts end up with the
 * population's hours; contacts with many signals keep their own. (A middle step toward a
 * workday/weekend profile was tried and did not help on the tuning cut-offs.) Writes into `out`;
 * `hourly` is scratch of slotsPerDay.
 */
export function weekdayShares(
  own: ChannelGrid,
  population: Float64Array,
  slotsPerDay: number,
  params: ModelParams,
  hourly: Float64Array,
  out: Float64Array,
): void {
  hourly.fill(0);
  for (let d = 0; d < 7; d++) {
    for (let s = 0; s < slotsPerDay; s++) {
      hourly[s] = (hourly[s] ?? 0) + (own.mass[d * slotsPerDay + s] ?? 0);
    }
  }
  const { personStrength, dayStrength } = params;
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
