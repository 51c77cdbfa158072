import type { ChannelGrid } from './personGrid';

/** Pseudo-sittings of the two shrinkage steps (see strengthFit.ts for how they are chosen). */
export interface Strengths {
  person: number;
  day: number;
}

/**
 * Empirical-Bayes shrinkage in two steps, each a Dirichlet posterior mean: the contact's
 * all-week hour profile is pulled toward the population's profile for that weekday, then their
 * profile for one weekday is pulled toward that result. How hard each step pulls is learned
 * per organisation (strengthFit.ts); a contact's own evidence takes over as it grows, since
 * each step weighs n own sittings against a fixed number of pseudo-sittings. (Strengths
 * re-estimated per contact, and a middle step toward a workday/weekend profile, were tried and
 * did not help on the tuning cut-offs.) Writes into `out`; `hourly` is scratch of slotsPerDay.
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
