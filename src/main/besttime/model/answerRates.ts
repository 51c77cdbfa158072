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

/**
 * The chance that a call placed in a cell of the contact's week reaches them (BT-12): their own
 * answered and unanswered tries there, shrunk in two steps as their hours are (shrinkage.ts),
 * toward their own rate at that hour on every weekday and that toward the population's at that
 * weekday and hour, which is their zone's and the organisation's tries (themself left out),
 * shrunk toward the hour on every weekday and the organisation's overall rate. Counts are not
 * decayed: how often calls at an hour reach someone changes more slowly than when they write.
 */
export class AnswerRates {
  private readonly cells: number;
  private readonly orgUnanswered: number;
  private readonly byZone = new Map<string, Float64Array | null>();
  private readonly out: Float64Array;
  private readonly ownA: Float64Array;
  private readonly ownN: Float64Array;
  private readonly popA: Float64Array;
  private readonly popN: Float64Array;
  private readonly hourA: Float64Array;
  private readonly hourN: Float64Array;
  private readonly ownHourA: Float64Array;
  private readonly ownHourN: Float64Array;
  private readonly none: Float64Array;

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
    this.popA = new Float64Array(this.cells);
    this.popN = new Float64Array(this.cells);
    this.hourA = new Float64Array(slotsPerDay);
    this.hourN = new Float64Array(slotsPerDay);
    this.ownHourA = new Float64Array(slotsPerDay);
    this.ownHourN = new Float64Array(slotsPerDay);
    this.none = new Float64Array(this.cells);
  }

  /**
   * Answer rates per cell for a contact of zone `tz` with these tries, or null when every rate
   * is 1 (nobody in the organisation let a call go unanswered, this contact included). The
   * array is reused: valid until the next call.
   */
  rateFor(tz: string, attempts: CallAttempts): Float64Array | null {
    if (attempts.count === 0) {
      if (this.orgUnanswered === 0) return null;
      let cached = this.byZone.get(tz);
      if (cached === undefined) {
        cached = this.compute(tz, attempts).slice();
        this.byZone.set(tz, cached);
      }
      return cached;
    }
    if (this.orgUnanswered === 0 && attempts.unanswered === 0) return null;
    return this.compute(tz, attempts);
  }

  private compute(tz: string, attempts: CallAttempts): Float64Array {
    const {
      cells,
      slotsPerDay: spd,
      ownA,
      ownN,
      popA,
      popN,
      hourA,
      hourN,
      ownHourA,
      ownHourN,
    } = this;
    ownA.fill(0);
    ownN.fill(0);
    for (let i = 0; i < attempts.count; i++) {
      const c = attempts.cell[i] as number;
      if (attempts.answered[i] === 1) ownA[c] = (ownA[c] as number) + 1;
      else ownN[c] = (ownN[c] as number) + 1;
    }
    const org = this.priors.answers.org;
    const zone = this.priors.answers.byZone.get(tz);
    const zoneA = zone?.answered ?? this.none;
    const zoneN = zone?.unanswered ?? this.none;
    const people = zone ? (this.priors.byZone.get(tz)?.people.call ?? 0) : 0;
    const zw = people / (people + this.params.zonePeople);
    let totalA = 0;
    let totalN = 0;
    hourA.fill(0);
    hourN.fill(0);
    ownHourA.fill(0);
    ownHourN.fill(0);
    for (let c = 0; c < cells; c++) {
      const oa = ownA[c] as number;
      const on = ownN[c] as number;
      // Never below zero: priors learned before some of the contact's tries did not count them.
      const a =
        zw * Math.max(0, (zoneA[c] as number) - oa) +
        (1 - zw) * Math.max(0, (org.answered[c] as number) - oa);
      const n =
        zw * Math.max(0, (zoneN[c] as number) - on) +
        (1 - zw) * Math.max(0, (org.unanswered[c] as number) - on);
      popA[c] = a;
      popN[c] = n;
      totalA += a;
      totalN += n;
      const s = c % spd;
      hourA[s] = (hourA[s] as number) + a;
      hourN[s] = (hourN[s] as number) + n;
      ownHourA[s] = (ownHourA[s] as number) + oa;
      ownHourN[s] = (ownHourN[s] as number) + on;
    }
    const orgRate = shrunkRate(totalA, totalA + totalN, 1, ORG_PSEUDO);
    const out = this.out;
    for (let c = 0; c < cells; c++) {
      const s = c % spd;
      const ha = hourA[s] as number;
      const hour = shrunkRate(ha, ha + (hourN[s] as number), orgRate, POPULATION_PSEUDO);
      const pa = popA[c] as number;
      const population = shrunkRate(pa, pa + (popN[c] as number), hour, POPULATION_PSEUDO);
      const oha = ownHourA[s] as number;
      const ownHour = shrunkRate(oha, oha + (ownHourN[s] as number), population, PERSON_PSEUDO);
      const oa = ownA[c] as number;
      out[c] = shrunkRate(oa, oa + (ownN[c] as number), ownHour, PERSON_PSEUDO);
    }
    return out;
  }
}
