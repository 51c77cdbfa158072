import { CHANNELS, type Channel } from '../../../shared/signals';
import type { PersonGridBuilder } from './personGrid';
import { contributionScale, type OwnProfile } from './populationShares';
import type { CandidateProfiles, GroupProfile } from './priorTypes';

const DAY_MS = 86_400_000;

export function emptyProfile(cells: number): GroupProfile {
  return {
    mass: { call: new Float64Array(cells), email: new Float64Array(cells) },
    people: { call: 0, email: 0 },
  };
}

/** Adds a contact's profile, scaled to count about once, to a group's (populationShares.ts). */
function addToProfile(profile: GroupProfile, grid: Record<Channel, OwnProfile>): void {
  for (const channel of CHANNELS) {
    const own = grid[channel];
    if (own.total <= 0) continue;
    const scale = contributionScale(own.total);
    const target = profile.mass[channel];
    for (let i = 0; i < target.length; i++)
      target[i] = (target[i] ?? 0) + (own.mass[i] ?? 0) * scale;
    profile.people[channel]++;
  }
}

/**
 * The organisation's and zones' profiles summed once per candidate half-life (halfLifeFit.ts),
 * as the contacts stream past. The loaded grid is already spread with `defaultHalfLife` and is
 * added as before. For the other candidates each sitting's decayed, scaled weight goes into its
 * zone's cell alone; spreading to neighbouring slots is linear, so it is done once per zone in
 * `finish`, and the organisation's profile is the sum of its zones'. Both give the sums
 * addToProfile would make of the profiles spreadSittings would lay out, without passes over
 * every cell for each candidate and each of 50,000 contacts. A half-life a quarter of another's
 * decays by that one's factor squared twice, which spares all but one exponential per sitting
 * (halfLifeFit.ts).
 */
export class CandidateProfileSums {
  private readonly candidates: CandidateProfiles[];
  private readonly perMs: Float64Array;
  /**
   * Index of the shortest longer candidate whose half-life is 2^k times this one's, whose factor
   * squared k times is this one's (k in `squarings`); -1 if none.
   */
  private readonly derivedFrom: Int32Array;
  private readonly squarings: Int32Array;
  private decay = new Float64Array(256);
  private age = new Float64Array(64);

  constructor(
    halfLives: readonly number[],
    private readonly defaultHalfLife: number,
    private readonly cells: number,
    private readonly slotsPerDay: number,
    private readonly side: number,
  ) {
    const sorted = [...halfLives].sort((a, b) => a - b);
    this.candidates = sorted.map((halfLifeDays) => ({
      halfLifeDays,
      org: emptyProfile(cells),
      byZone: new Map(),
    }));
    this.perMs = Float64Array.from(sorted, (h) => Math.LN2 / (h * DAY_MS));
    // The default's factors are not computed here (the grid has them spread already).
    const powerOfTwo = (x: number): number => {
      const k = Math.round(Math.log2(x));
      return k >= 1 && Math.abs(2 ** k - x) < 1e-9 ? k : 0;
    };
    this.derivedFrom = Int32Array.from(sorted, (h, c) =>
      sorted.findIndex(
        (longer, p) => p > c && longer !== defaultHalfLife && powerOfTwo(longer / h) > 0,
      ),
    );
    this.squarings = Int32Array.from(sorted, (h, c) => {
      const p = this.derivedFrom[c] as number;
      return p < 0 ? 0 : powerOfTwo((sorted[p] as number) / h);
    });
  }

  add(grid: PersonGridBuilder): void {
    for (let c = 0; c < this.candidates.length; c++) {
      const candidate = this.candidates[c] as CandidateProfiles;
      let zone = candidate.byZone.get(grid.tz);
      if (!zone) {
        zone = emptyProfile(this.cells);
        candidate.byZone.set(grid.tz, zone);
      }
      if (candidate.halfLifeDays === this.defaultHalfLife) {
        addToProfile(candidate.org, grid.channels);
        addToProfile(zone, grid.channels);
      }
    }
    for (const channel of CHANNELS) this.addDecayed(grid, channel);
  }

  /** The candidates' profiles, shortest half-life first; call once, after the last `add`. */
  finish(): CandidateProfiles[] {
    for (const candidate of this.candidates) {
      if (candidate.halfLifeDays === this.defaultHalfLife) continue;
      for (const zone of candidate.byZone.values()) {
        for (const channel of CHANNELS) {
          this.spread(zone.mass[channel]);
          const org = candidate.org.mass[channel];
          const mass = zone.mass[channel];
          for (let i = 0; i < org.length; i++) org[i] = (org[i] as number) + (mass[i] as number);
          candidate.org.people[channel] += zone.people[channel];
        }
      }
    }
    return this.candidates;
  }

  private addDecayed(grid: PersonGridBuilder, channel: Channel): void {
    const s = grid.channels[channel].sittings;
    const n = s.count;
    if (n === 0) return;
    const k = this.candidates.length;
    if (this.decay.length < n * k) this.decay = new Float64Array(n * k * 2);
    if (this.age.length < n) this.age = new Float64Array(n * 2);
    const { decay, age } = this;
    const { at, weight, cell } = s;
    const latest = grid.latestAt;
    for (let i = 0; i < n; i++) age[i] = latest - (at[i] as number);
    // Longest first, so a halved half-life finds its double's factors computed.
    for (let c = k - 1; c >= 0; c--) {
      const candidate = this.candidates[c] as CandidateProfiles;
      if (candidate.halfLifeDays === this.defaultHalfLife) continue;
      const from = this.derivedFrom[c] as number;
      const base = c * n;
      if (from > c) {
        const squarings = this.squarings[c] as number;
        for (let i = 0; i < n; i++) {
          let d = decay[from * n + i] as number;
          for (let k = 0; k < squarings; k++) d *= d;
          decay[base + i] = d;
        }
      } else {
        const perMs = -(this.perMs[c] as number);
        for (let i = 0; i < n; i++) decay[base + i] = Math.exp((age[i] as number) * perMs);
      }
      let total = 0;
      for (let i = 0; i < n; i++) total += (weight[i] as number) * (decay[base + i] as number);
      if (total <= 0) continue;
      const scale = contributionScale(total);
      const zone = candidate.byZone.get(grid.tz) as GroupProfile;
      const mass = zone.mass[channel];
      for (let i = 0; i < n; i++) {
        const x = cell[i] as number;
        mass[x] = (mass[x] as number) + (weight[i] as number) * (decay[base + i] as number) * scale;
      }
      zone.people[channel]++;
    }
  }

  /** In place, as spreadSittings spreads one sitting: neighbours on the same local day. */
  private spread(mass: Float64Array): void {
    const spd = this.slotsPerDay;
    const side = this.side;
    for (let d = 0; d < 7; d++) {
      const base = d * spd;
      let previous = 0;
      for (let s = 0; s < spd; s++) {
        const x = mass[base + s] as number;
        const next = s < spd - 1 ? (mass[base + s + 1] as number) : 0;
        // Own share, plus what each neighbour gives; an edge slot keeps the share it cannot give.
        let v = x * (1 - 2 * side) + side * (previous + next);
        if (s === 0) v += x * side;
        if (s === spd - 1) v += x * side;
        mass[base + s] = v;
        previous = x;
      }
    }
  }
}
