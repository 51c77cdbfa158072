import type { Channel } from '../../shared/signals';
import type { ModelParams } from './modelParams';
import type { ChannelGrid, Sittings } from './personGrid';
import type { OwnProfile } from './populationShares';
import { QUALIFYING_WEIGHT } from './signalWeights';

const DAY_MS = 86_400_000;
/** Above e^500 the stored masses are brought back to the present before they overflow. */
const MAX_EXPONENT = 500;

export interface SampledSittings {
  count: number;
  at: Float64Array;
  cell: Int32Array;
  weight: Float64Array;
}

/** One sampled contact's sittings per channel, copied out of the reused grid. */
export interface SampledPerson {
  tz: string;
  sittings: Record<Channel, SampledSittings>;
  /** Their contribution to the priors, left out of the population they are replayed against. */
  own: Record<Channel, OwnProfile>;
}

/**
 * The contacts whose histories the organisation's strengths and star calibration are learned
 * from, kept while the priors are summed.
 */
export class SittingSample {
  readonly people: SampledPerson[] = [];

  keep(tz: string, channels: Record<Channel, ChannelGrid>): void {
    const copy = (s: Sittings): SampledSittings => ({
      count: s.count,
      at: s.at.slice(0, s.count),
      cell: s.cell.slice(0, s.count),
      weight: s.weight.slice(0, s.count),
    });
    const own = (g: ChannelGrid): OwnProfile => ({ mass: g.mass.slice(), total: g.total });
    this.people.push({
      tz,
      sittings: { call: copy(channels.call.sittings), email: copy(channels.email.sittings) },
      own: { call: own(channels.call), email: own(channels.email) },
    });
  }
}

/**
 * What the model knew of a contact just before one of their sittings. Masses are stored grown
 * by e^((at - base) * decay), so older ones need no update as time passes: multiply by `now`
 * to read them at the sitting's time.
 */
export class ReplayState {
  readonly cellMass: Float64Array;
  readonly hourMass: Float64Array;
  readonly dayMass = new Float64Array(7);
  /** Qualifying sittings so far per cell, undecayed: "did they ever engage here". */
  readonly cellSittings: Int32Array;
  all = 0;
  sittings = 0;
  now = 1;

  constructor(readonly slotsPerDay: number) {
    this.cellMass = new Float64Array(7 * slotsPerDay);
    this.hourMass = new Float64Array(slotsPerDay);
    this.cellSittings = new Int32Array(7 * slotsPerDay);
  }

  reset(): void {
    this.cellMass.fill(0);
    this.hourMass.fill(0);
    this.dayMass.fill(0);
    this.cellSittings.fill(0);
    this.all = 0;
    this.sittings = 0;
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
 * Replays one contact's sittings in time order and calls `visit` before each sitting the
 * channel qualifies (the ones a rep would want to predict) that has earlier ones to predict it
 * from. Spreading and decay are the model's own (personGrid.ts), so what is learned from the
 * replay fits the shares the model computes.
 */
export function replaySittings(
  s: SampledSittings,
  params: ModelParams,
  state: ReplayState,
  visit: (cell: number) => void,
): void {
  const spd = state.slotsPerDay;
  const { cellMass, hourMass, dayMass, cellSittings } = state;
  state.reset();
  const perMs = Math.LN2 / (params.halfLifeDays * DAY_MS);
  const side = params.neighbourShare;
  let base = s.count > 0 ? (s.at[0] as number) : 0;
  for (let i = 0; i < s.count; i++) {
    const at = s.at[i] as number;
    let exponent = (at - base) * perMs;
    if (exponent > MAX_EXPONENT) {
      state.rescale(Math.exp(-exponent));
      base = at;
      exponent = 0;
    }
    state.now = Math.exp(-exponent);
    const cell = s.cell[i] as number;
    const weight = s.weight[i] as number;
    const qualifies = weight >= QUALIFYING_WEIGHT;
    if (qualifies && state.all > 0) visit(cell);
    const m = weight / state.now;
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
    state.all += m;
    if (qualifies) {
      cellSittings[cell] = (cellSittings[cell] as number) + 1;
      state.sittings++;
    }
  }
}
