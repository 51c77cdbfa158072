import type { ModelParams } from './modelParams';
import type { CallAttempts } from './personGrid';
import type { AnswerCounts, BesttimePriors } from './priorTypes';

/**
 * Pseudo-tries pulling the organisation's answer rate toward "every call answered": where no
 * unanswered call is on record (a CRM that does not log them) every rate is 1 and call windows
 * are what the engagement alone says.
 */
const ORG_PSEUDO = 10;
/** Pseudo-tries pulling the population's rate at an hour toward the organisation's, and at a weekday's hour toward that hour's. */
const POPULATION_PSEUDO = 10;
/**
 * Pseudo-tries pulling a contact's rate at an hour (all weekdays) toward the population's, and
 * at one weekday's hour toward their own at that hour. Two: a contact who let six calls at 15:00
 * go unanswered is unlikely to pick up at 15:00, whatever the others do.
 */
const PERSON_PSEUDO = 2;

export function emptyAnswerCounts(cells: number): AnswerCounts {
  return { answered: new Float64Array(cells), unanswered: new Float64Array(cells) };
}

/** Adds a contact's tries to a group's counts. */
export function addAttempts(counts: AnswerCounts, attempts: CallAttempts): void {
  for (let i = 0; i < attempts.count; i++) {
    const c = attempts.cell[i] as number;
    if (attempts.answered[i] === 1) counts.answered[c] = (counts.answered[c] as number) + 1;
    else counts.unanswered[c] = (counts.unanswered[c] as number) + 1;
  }
}

/** Beta posterior mean: `answered` of `tries`, with `pseudo` more tries answered at `prior`. */
export function shrunkRate(answered: number, tries: number, prior: number, pseudo: number): number {
  return (answered + pseudo * prior) / (tries + pseudo);
}

/** A zone's population of tries, the zone's and the organisation's mixed: what a contact there borrows. */
interface Population {
  answered: Float64Array;
  unanswered: Float64Array;
  /** Per slot of the day, summed over the weekdays. */
  hourAnswered: Float64Array;
  hourUnanswered: Float64Array;
  totalAnswered: number;
  totalUnanswered: number;
  /**
   * The population's rate at a cell is alpha + beta * the organisation's rate: at the slots
   * where a contact has no tries of their own, that is their rate, and leaving them out of the
   * organisation's overall rate costs one multiplication a cell.
   */
  alpha: Float64Array;
  beta: Float64Array;
  /** The rates of a contact with no tries of their own: nothing of theirs to leave out. */
  untried: Float64Array | null;
}

/**
 * The chance that a call placed in a cell of the contact's week reaches them (BT-12): their own
 * answered and unanswered tries there, shrunk in two steps as their hours are (shrinkage.ts),
 * toward their own rate at that hour on every weekday and that toward the population's at that
 * weekday and hour, which is their zone's and the organisation's tries (themself left out),
 * shrunk toward the hour on every weekday and the organisation's overall rate. Counts are not
 * decayed: how often calls at an hour reach someone changes more slowly than when they write.
 * Runs for every contact with calls, so each zone's population is mixed once and a contact's
 * own tries are taken out of it cell by cell.
 */
export class AnswerRates {
  private readonly cells: number;
  private readonly orgUnanswered: number;
  private readonly zones = new Map<string, Population>();
  private readonly out: Float64Array;
  private readonly ownA: Float64Array;
  private readonly ownN: Float64Array;
  private readonly ownHourA: Float64Array;
  private readonly ownHourN: Float64Array;

  constructor(
    private readonly priors: BesttimePriors,
    private readonly slotsPerDay: number,
    private readonly params: ModelParams,
  ) {
    this.cells = 7 * slotsPerDay;
    let n = 0;
    for (const v of priors.answers.org.unanswered) n += v;
    this.orgUnanswered = n;
    this.out = new Float64Array(this.cells);
    this.ownA = new Float64Array(this.cells);
    this.ownN = new Float64Array(this.cells);
    this.ownHourA = new Float64Array(slotsPerDay);
    this.ownHourN = new Float64Array(slotsPerDay);
  }

  /**
   * Answer rates per cell for a contact of zone `tz` with these tries, or null when every rate
   * is 1 (nobody in the organisation let a call go unanswered, this contact included). The
   * array is reused: valid until the next call.
   */
  rateFor(tz: string, attempts: CallAttempts): Float64Array | null {
    if (this.orgUnanswered === 0 && attempts.unanswered === 0) return null;
    const population = this.population(tz);
    if (attempts.count === 0) {
      population.untried ??= this.compute(population, null).slice();
      return population.untried;
    }
    return this.compute(population, attempts);
  }

  private population(tz: string): Population {
    let p = this.zones.get(tz);
    if (p) return p;
    const { cells, slotsPerDay: spd } = this;
    const org = this.priors.answers.org;
    const zone = this.priors.answers.byZone.get(tz);
    const people = zone ? (this.priors.byZone.get(tz)?.people.call ?? 0) : 0;
    const zw = people / (people + this.params.zonePeople);
    p = {
      answered: new Float64Array(cells),
      unanswered: new Float64Array(cells),
      hourAnswered: new Float64Array(spd),
      hourUnanswered: new Float64Array(spd),
      totalAnswered: 0,
      totalUnanswered: 0,
      alpha: new Float64Array(cells),
      beta: new Float64Array(cells),
      untried: null,
    };
    for (let c = 0; c < cells; c++) {
      const a = zw * (zone?.answered[c] ?? 0) + (1 - zw) * (org.answered[c] as number);
      const n = zw * (zone?.unanswered[c] ?? 0) + (1 - zw) * (org.unanswered[c] as number);
      p.answered[c] = a;
      p.unanswered[c] = n;
      const s = c % spd;
      p.hourAnswered[s] = (p.hourAnswered[s] as number) + a;
      p.hourUnanswered[s] = (p.hourUnanswered[s] as number) + n;
      p.totalAnswered += a;
      p.totalUnanswered += n;
    }
    for (let c = 0; c < cells; c++) {
      const s = c % spd;
      const ha = p.hourAnswered[s] as number;
      const hourPseudo = ha + (p.hourUnanswered[s] as number) + POPULATION_PSEUDO;
      const pa = p.answered[c] as number;
      const cellPseudo = pa + (p.unanswered[c] as number) + POPULATION_PSEUDO;
      // shrunkRate(pa, .., shrunkRate(ha, .., orgRate, P), P), unfolded in orgRate.
      p.alpha[c] = (pa + (POPULATION_PSEUDO * ha) / hourPseudo) / cellPseudo;
      p.beta[c] = (POPULATION_PSEUDO * POPULATION_PSEUDO) / hourPseudo / cellPseudo;
    }
    this.zones.set(tz, p);
    return p;
  }

  private compute(p: Population, attempts: CallAttempts | null): Float64Array {
    const { cells, slotsPerDay: spd, ownA, ownN, ownHourA, ownHourN, out } = this;
    let ownTotalA = 0;
    let ownTotalN = 0;
    const count = attempts?.count ?? 0;
    for (let i = 0; i < count; i++) {
      const c = attempts?.cell[i] as number;
      const s = c % spd;
      if (attempts?.answered[i] === 1) {
        ownA[c] = (ownA[c] as number) + 1;
        ownHourA[s] = (ownHourA[s] as number) + 1;
        ownTotalA++;
      } else {
        ownN[c] = (ownN[c] as number) + 1;
        ownHourN[s] = (ownHourN[s] as number) + 1;
        ownTotalN++;
      }
    }
    // The contact is in the population's counts (priors learned before some of their tries may
    // not count them all, hence never below zero): they are left out of what they borrow.
    const totalA = Math.max(0, p.totalAnswered - ownTotalA);
    const totalN = Math.max(0, p.totalUnanswered - ownTotalN);
    const orgRate = shrunkRate(totalA, totalA + totalN, 1, ORG_PSEUDO);
    const { alpha, beta } = p;
    for (let c = 0; c < cells; c++) {
      const s = c % spd;
      const oha = ownHourA[s] as number;
      const ohn = ownHourN[s] as number;
      if (oha + ohn === 0) {
        out[c] = (alpha[c] as number) + (beta[c] as number) * orgRate;
        continue;
      }
      const ha = Math.max(0, (p.hourAnswered[s] as number) - oha);
      const hn = Math.max(0, (p.hourUnanswered[s] as number) - ohn);
      const hour = shrunkRate(ha, ha + hn, orgRate, POPULATION_PSEUDO);
      const oa = ownA[c] as number;
      const on = ownN[c] as number;
      const pa = Math.max(0, (p.answered[c] as number) - oa);
      const pn = Math.max(0, (p.unanswered[c] as number) - on);
      const population = shrunkRate(pa, pa + pn, hour, POPULATION_PSEUDO);
      const ownHour = shrunkRate(oha, oha + ohn, population, PERSON_PSEUDO);
      out[c] = shrunkRate(oa, oa + on, ownHour, PERSON_PSEUDO);
    }
    // Back to zeros, touching only the cells and slots the tries did.
    for (let i = 0; i < count; i++) {
      const c = attempts?.cell[i] as number;
      ownA[c] = 0;
      ownN[c] = 0;
      ownHourA[c % spd] = 0;
      ownHourN[c % spd] = 0;
    }
    return out;
  }
}
