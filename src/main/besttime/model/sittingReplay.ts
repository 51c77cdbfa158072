import { CHANNELS, type Channel } from '../../../shared/signals';
import type { ModelParams } from './modelParams';
import { isOwnWeekday, spreadSittings, type ChannelGrid, type Sittings } from './personGrid';
import type { OwnProfile } from './populationShares';
import { QUALIFYING_WEIGHT } from './signalWeights';
import type { Steps } from './steps';

const DAY_MS = 86_400_000;
/** Above e^500 the stored masses are brought back to the present before they overflow. */
const MAX_EXPONENT = 500;

export interface SampledSittings {
  count: number;
  at: Float64Array;
  cell: Int32Array;
  weight: Float64Array;
  /** The weekdays of each sitting's own evidence for the channel (Sittings.ownDays). */
  ownDays: Uint8Array;
}

/** One sampled contact's sittings per channel, copied out of the reused grid. */
export interface SampledPerson {
  tz: string;
  /** Their latest usable signal, where their decay runs from (personGrid.ts). */
  latestAt: number;
  sittings: Record<Channel, SampledSittings>;
  /**
   * Their sittings per channel that a replay predicts (QUALIFYING_WEIGHT): with none, replaying
   * the channel visits nothing, so the fits skip it (collegemsg's messages are all e-mail, and
   * replaying their call sittings was a fifth of learning its priors).
   */
  targets: Record<Channel, number>;
  /**
   * Their contribution to the priors, left out of the population they are replayed against;
   * spread with the half-life last passed to `useHalfLife`.
   */
  own: Record<Channel, OwnProfile>;
}

/**
 * The contacts whose histories the organisation's strengths and star calibration are learned
 * from, kept while the priors are summed.
 */
export class SittingSample {
  readonly people: SampledPerson[] = [];

  keep(tz: string, latestAt: number, channels: Record<Channel, ChannelGrid>): void {
    const copy = (s: Sittings): SampledSittings => ({
      count: s.count,
      at: s.at.slice(0, s.count),
      cell: s.cell.slice(0, s.count),
      weight: s.weight.slice(0, s.count),
      ownDays: s.ownDays.slice(0, s.count),
    });
    const own = (g: ChannelGrid): OwnProfile => ({ mass: g.mass.slice(), total: g.total });
    const targets = (s: Sittings): number => {
      let n = 0;
      for (let i = 0; i < s.count; i++) if ((s.weight[i] as number) >= QUALIFYING_WEIGHT) n++;
      return n;
    };
    this.people.push({
      tz,
      latestAt,
      sittings: { call: copy(channels.call.sittings), email: copy(channels.email.sittings) },
      targets: { call: targets(channels.call.sittings), email: targets(channels.email.sittings) },
      own: { call: own(channels.call), email: own(channels.email) },
    });
  }

  /** Every k-th kept contact, so that no channel has more than about `maxSittings` sittings. */
  thinned(maxSittings: number): SittingSample {
    let most = 0;
    for (const channel of CHANNELS) {
      let n = 0;
      for (const p of this.people) n += p.sittings[channel].count;
      most = Math.max(most, n);
    }
    const stride = Math.ceil(most / maxSittings);
    if (stride <= 1) return this;
    const out = new SittingSample();
    for (let i = 0; i < this.people.length; i += stride)
      out.people.push(this.people[i] as SampledPerson);
    return out;
  }

  /** Re-spreads every kept contact's own profile with another half-life; yields per contact. */
  *useHalfLife(halfLifeDays: number, slotsPerDay: number, neighbourShare: number): Steps<void> {
    for (const p of this.people) {
      for (const channel of CHANNELS) {
        // Read only by the replays of a channel with something to predict.
        if (p.targets[channel] === 0) continue;
        const own = p.own[channel];
        own.total = spreadSittings(
          p.sittings[channel],
          p.latestAt,
          halfLifeDays,
          slotsPerDay,
          neighbourShare,
          own.mass,
        );
      }
      yield;
    }
  }
}

/**
 * What the model knew of a contact when the windows a sitting is judged against were computed:
 * their sittings before the start of its horizon block (see replaySittings). Masses are stored
 * grown by e^((at - base) * decay), so older ones need no update as time passes: multiply by
 * `now` to read them as of the last of those sittings, which is where the model's own decay
 * runs from (personGrid.ts).
 */
export class ReplayState {
  readonly cellMass: Float64Array;
  readonly hourMass: Float64Array;
  readonly dayMass = new Float64Array(7);
  /** Qualifying sittings so far per cell, undecayed: "did they ever engage here". */
  readonly cellSittings: Int32Array;
  all = 0;
  sittings = 0;
  /** The weekdays with the channel's own evidence so far: ownWeekdays of the sittings replayed. */
  ownDays = 0;
  now = 1;
  /** Bumped by each copyFrom: a new value means another contact's or another block's state. */
  copies = 0;
  /** For the state known at a block's start: which horizon block (replaySittings). */
  block = 0;

  constructor(readonly slotsPerDay: number) {
    this.cellMass = new Float64Array(7 * slotsPerDay);
    this.hourMass = new Float64Array(slotsPerDay);
    this.cellSittings = new Int32Array(7 * slotsPerDay);
  }

  /** Whether the contact had shown the channel's own evidence on weekday `weekday` (0 Monday). */
  ownWeekday(weekday: number): boolean {
    return isOwnWeekday(this.ownDays, weekday);
  }

  /** Becomes a copy of `from`, read as of its latest sitting (`now` 1). */
  copyFrom(from: ReplayState): void {
    const f = from.now;
    const { cellMass, hourMass, dayMass } = this;
    for (let c = 0; c < cellMass.length; c++) cellMass[c] = (from.cellMass[c] as number) * f;
    for (let h = 0; h < hourMass.length; h++) hourMass[h] = (from.hourMass[h] as number) * f;
    for (let d = 0; d < 7; d++) dayMass[d] = (from.dayMass[d] as number) * f;
    this.cellSittings.set(from.cellSittings);
    this.all = from.all * f;
    this.sittings = from.sittings;
    this.ownDays = from.ownDays;
    this.now = 1;
    this.copies++;
  }

  reset(): void {
    this.cellMass.fill(0);
    this.hourMass.fill(0);
    this.dayMass.fill(0);
    this.cellSittings.fill(0);
    this.all = 0;
    this.sittings = 0;
    this.ownDays = 0;
  }

  rescale(f: number): void {
    const { cellMass, hourMass, dayMass } = this;
    for (let c = 0; c < cellMass.length; c++) cellMass[c] = (cellMass[c] as number) * f;
    for (let h = 0; h < hourMass.length; h++) hourMass[h] = (hourMass[h] as number) * f;
    for (let d = 0; d < 7; d++) dayMass[d] = (dayMass[d] as number) * f;
    this.all *= f;
  }
}

/**
 * Replays one contact's sittings in time order and calls `visit` for each sitting the channel
 * qualifies (the ones a rep would want to predict) that has earlier ones to predict it from,
 * with what was known of the contact. Without `known`, that is every sitting before it, read at
 * its time (`live`). With `known`, it is their sittings before the start of the sitting's
 * horizon block: blocks of `params.horizonDays` from the epoch, the same for every contact, as
 * one recompute's windows serve the weeks until the next. Spreading and decay are the model's
 * own (personGrid.ts), so what is learned from the replay fits the shares the model computes.
 */
export function replaySittings(
  s: SampledSittings,
  params: ModelParams,
  live: ReplayState,
  known: ReplayState | null,
  visit: (cell: number, state: ReplayState) => void,
): void {
  const spd = live.slotsPerDay;
  const { cellMass, hourMass, dayMass, cellSittings } = live;
  live.reset();
  known?.reset();
  const perMs = Math.LN2 / (params.halfLifeDays * DAY_MS);
  const blockMs = params.horizonDays * DAY_MS;
  const side = params.neighbourShare;
  let base = s.count > 0 ? (s.at[0] as number) : 0;
  let block = -Infinity;
  for (let i = 0; i < s.count; i++) {
    const at = s.at[i] as number;
    const cell = s.cell[i] as number;
    const weight = s.weight[i] as number;
    const qualifies = weight >= QUALIFYING_WEIGHT;
    if (known) {
      // Sittings are in time order, so the first one of a block finds `live` holding exactly
      // the sittings before the block began, read as of the last of them.
      const atBlock = Math.floor(at / blockMs);
      if (atBlock !== block) {
        block = atBlock;
        known.copyFrom(live);
        known.block = atBlock;
      }
    }
    let exponent = (at - base) * perMs;
    if (exponent > MAX_EXPONENT) {
      live.rescale(Math.exp(-exponent));
      base = at;
      exponent = 0;
    }
    live.now = Math.exp(-exponent);
    const seen = known ?? live;
    if (qualifies && seen.all > 0) visit(cell, seen);
    const m = weight / live.now;
    const slot = cell % spd;
    const day = (cell - slot) / spd;
    const left = slot > 0 ? slot - 1 : slot;
    const right = slot < spd - 1 ? slot + 1 : slot;
    const dayBase = day * spd;
    cellMass[cell] = (cellMass[cell] as number) + m * (1 - 2 * side);
    cellMass[dayBase + left] = (cellMass[dayBase + left] as number) + m * side;
    cellMass[dayBase + right] = (cellMass[dayBase + right] as number) + m * side;
    hourMass[slot] = (hourMass[slot] as number) + m * (1 - 2 * side);
    hourMass[left] = (hourMass[left] as number) + m * side;
    hourMass[right] = (hourMass[right] as number) + m * side;
    dayMass[day] = (dayMass[day] as number) + m;
    live.all += m;
    // ownWeekdays(s, i + 1), kept as it grows.
    live.ownDays |= s.ownDays[i] as number;
    if (qualifies) {
      cellSittings[cell] = (cellSittings[cell] as number) + 1;
      live.sittings++;
    }
  }
}
