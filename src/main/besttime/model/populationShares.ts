import type { Channel } from '../../../shared/signals';
import type { ModelParams } from './modelParams';
import type { BesttimePriors } from './priorTypes';

/** A little uniform mass so no open slot is ever impossible, even in an empty organisation. */
const UNIFORM_MIX = 0.02;
/** Sums below this after taking a contact out are rounding left-overs of nothing. */
const EMPTY = 1e-9;

/**
 * A contact adds their profile to the organisation's and their zone's scaled to total N/(N+1):
 * everyone counts about once, so a handful of very active contacts cannot become "the
 * organisation's pattern", and a contact with a single signal counts half.
 */
export function contributionScale(total: number): number {
  return 1 / (total + 1);
}

/** A contact's own contribution to the priors, to be left out of what they borrow. */
export interface OwnProfile {
  mass: Float64Array;
  total: number;
}

interface ZoneSums {
  /** All zeros when the zone has no profile. */
  mass: Float64Array;
  people: number;
  /** Per weekday. */
  sums: Float64Array;
}

/**
 * The population's profile per (weekday, slot) that one contact borrows from, each weekday
 * summing to 1: the zone's contacts and the organisation's, mixed by how many contacts the zone
 * has, with the contact themself left out. Without that, a contact who is most of their zone, or
 * the only one engaging on some weekday, would borrow their own few signals back as "the
 * pattern of others" and look far surer than they are.
 */
export class PopulationShares {
  private readonly org: Float64Array;
  private readonly orgSums = new Float64Array(7);
  private readonly zones = new Map<string, ZoneSums>();
  private readonly none: Float64Array;
  /**
   * Per weekday of the last `shareFor`: 1 where anyone but the contact engaged on this channel
   * that weekday, 0 where what they borrow there is nothing but the uniform floor.
   */
  readonly othersByDay = new Uint8Array(7);

  constructor(
    private readonly priors: BesttimePriors,
    private readonly channel: Channel,
    private readonly slotsPerDay: number,
    private readonly params: ModelParams,
  ) {
    this.org = priors.org.mass[channel];
    this.none = new Float64Array(7 * slotsPerDay);
    daySums(this.org, slotsPerDay, this.orgSums);
  }

  private zone(tz: string): ZoneSums {
    let z = this.zones.get(tz);
    if (!z) {
      const profile = this.priors.byZone.get(tz);
      const mass = profile?.mass[this.channel] ?? this.none;
      const sums = new Float64Array(7);
      daySums(mass, this.slotsPerDay, sums);
      z = { mass, people: profile?.people[this.channel] ?? 0, sums };
      this.zones.set(tz, z);
    }
    return z;
  }

  /**
   * Writes the shares for a contact of zone `tz` into `out` (7 * slotsPerDay) and returns it.
   * Runs for every contact and channel, so each weekday is reduced to three coefficients on
   * the zone's, the organisation's and the contact's own mass.
   */
  shareFor(tz: string, own: OwnProfile | null, out: Float64Array): Float64Array {
    const spd = this.slotsPerDay;
    const org = this.org;
    const zone = this.zone(tz);
    const zoneMass = zone.mass;
    const counted = own !== null && own.total > 0;
    const ownScale = counted ? contributionScale(own.total) : 0;
    const ownMass = own !== null ? own.mass : this.none;
    const zonePeople = Math.max(0, zone.people - (counted ? 1 : 0));
    const zoneWeight = zonePeople / (zonePeople + this.params.zonePeople);
    const uniform = UNIFORM_MIX / spd;
    for (let d = 0; d < 7; d++) {
      const base = d * spd;
      let ownSum = 0;
      if (counted) for (let s = 0; s < spd; s++) ownSum += ownMass[base + s] as number;
      ownSum *= ownScale;
      const orgSum = (this.orgSums[d] as number) - ownSum;
      const zoneSum = (zone.sums[d] as number) - ownSum;
      this.othersByDay[d] = orgSum > EMPTY ? 1 : 0;
      const zw = zoneSum > EMPTY ? zoneWeight : 0;
      const fromZone = zw > 0 ? ((1 - UNIFORM_MIX) * zw) / zoneSum : 0;
      const fromOrg = orgSum > EMPTY ? ((1 - UNIFORM_MIX) * (1 - zw)) / orgSum : 0;
      const floor = orgSum > EMPTY ? uniform : uniform + ((1 - UNIFORM_MIX) * (1 - zw)) / spd;
      const fromOwn = (fromZone + fromOrg) * ownScale;
      for (let s = 0; s < spd; s++) {
        const c = base + s;
        const v =
          fromZone * (zoneMass[c] as number) +
          fromOrg * (org[c] as number) -
          fromOwn * (ownMass[c] as number);
        // Negative only when the priors predate some of the contact's signals (an incremental
        // recompute): they cannot have taken out more than everyone put in.
        out[c] = v > 0 ? floor + v : floor;
      }
    }
    return out;
  }
}

function daySums(mass: Float64Array, slotsPerDay: number, out: Float64Array): void {
  for (let d = 0; d < 7; d++) {
    let sum = 0;
    for (let s = 0; s < slotsPerDay; s++) sum += mass[d * slotsPerDay + s] ?? 0;
    out[d] = sum;
  }
}
