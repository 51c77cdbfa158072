import { CHANNELS, SIGNAL_TYPES, type Channel, type SignalType } from '../../shared/signals';
import { clockFor, isValidZone } from './localClock';
import type { ModelParams } from './modelParams';
import { isUsableSignal, QUALIFYING_WEIGHT, signalWeight } from './signalWeights';
import type { BesttimeEvent, BesttimeOptions } from './types';

const DAY_MS = 86_400_000;
const TYPE_INDEX = new Map<string, number>(SIGNAL_TYPES.map((t, i) => [t, i]));
const TYPE_SLOTS = 16;
const WEIGHTS: Record<Channel, Float64Array> = {
  call: Float64Array.from(SIGNAL_TYPES, (t) => signalWeight(t, 'call')),
  email: Float64Array.from(SIGNAL_TYPES, (t) => signalWeight(t, 'email')),
};

export interface ChannelGrid {
  /** Decayed, weighted signal mass per (weekday, slot) cell; cell = (weekday - 1) * slotsPerDay + slot. */
  mass: Float64Array;
  total: number;
  /** The same mass before neighbour spreading: what the per-contact shrinkage is estimated from. */
  raw: Float64Array;
  /** Signals with any weight for this channel (mass = total / signals on average per signal). */
  signals: number;
  /** Own signals strong enough for this channel (weight >= QUALIFYING_WEIGHT). */
  strongCount: number;
}

/**
 * One contact's signals laid on their local week. The builder reuses its buffers from contact
 * to contact (a full recompute walks 50,000 of them), so a loaded grid is valid only until the
 * next load.
 */
export class PersonGridBuilder {
  personId = '';
  tz = '';
  readonly channels: Record<Channel, ChannelGrid>;
  /** Kept signals (at < asOf, usable, bursts collapsed), oldest first. */
  keptCount = 0;
  keptAt = new Float64Array(64);
  keptType = new Uint8Array(64);
  keptCell = new Int32Array(64);
  /** Kept signals grouped by cell: indexes byCell[cellStart[c] .. cellStart[c + 1]). */
  cellStart: Int32Array;
  byCell = new Int32Array(64);
  private keys = new Float64Array(64);
  private readonly slotsPerDay: number;
  private readonly lastByType = new Float64Array(SIGNAL_TYPES.length);

  constructor(
    private readonly opts: BesttimeOptions,
    private readonly params: ModelParams,
  ) {
    this.slotsPerDay = 1440 / opts.slotMinutes;
    const cells = 7 * this.slotsPerDay;
    this.cellStart = new Int32Array(cells + 1);
    this.channels = {
      call: emptyChannel(cells),
      email: emptyChannel(cells),
    };
  }

  keptTypeAt(i: number): SignalType {
    return SIGNAL_TYPES[this.keptType[i] ?? 0] ?? 'page_visit';
  }

  load(personId: string, events: readonly BesttimeEvent[]): this {
    this.personId = personId;
    this.tz = personZone(events, this.opts.orgTz);
    this.collect(events);
    this.spread();
    this.indexCells();
    return this;
  }

  /** Counting sort by cell, so explaining a window reads only that window's signals. */
  private indexCells(): void {
    const start = this.cellStart;
    start.fill(0);
    for (let i = 0; i < this.keptCount; i++) {
      const c = (this.keptCell[i] ?? 0) + 1;
      start[c] = (start[c] ?? 0) + 1;
    }
    for (let c = 1; c < start.length; c++) start[c] = (start[c] ?? 0) + (start[c - 1] ?? 0);
    const next = Int32Array.from(start);
    for (let i = 0; i < this.keptCount; i++) {
      const c = this.keptCell[i] ?? 0;
      const slot = next[c] ?? 0;
      this.byCell[slot] = i;
      next[c] = slot + 1;
    }
  }

  private collect(events: readonly BesttimeEvent[]): void {
    const { asOf, slotMinutes } = this.opts;
    if (this.keys.length < events.length)
      this.keys = new Float64Array(Math.max(events.length, this.keys.length * 2));
    // One number per signal, time then type, so a native numeric sort orders them without a
    // comparator; exact while |at| < 2^49 ms (until the year 19,800).
    let m = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as BesttimeEvent;
      if (e.at >= asOf || !isUsableSignal(e.type, e.durationS)) continue;
      this.keys[m++] = Math.floor(e.at) * TYPE_SLOTS + (TYPE_INDEX.get(e.type) ?? 0);
    }
    const keys = this.keys.subarray(0, m).sort();
    if (this.keptAt.length < m) this.grow(m);
    const clock = clockFor(this.tz);
    const burstMs = this.params.burstMinutes * 60_000;
    this.lastByType.fill(-Infinity);
    let n = 0;
    for (let j = 0; j < m; j++) {
      const key = keys[j] ?? 0;
      const at = Math.floor(key / TYPE_SLOTS);
      const type = key - at * TYPE_SLOTS;
      if (at - (this.lastByType[type] ?? -Infinity) < burstMs) continue;
      this.lastByType[type] = at;
      const minute = clock.minuteOfWeek(at);
      const day = Math.floor(minute / 1440);
      this.keptAt[n] = at;
      this.keptType[n] = type;
      this.keptCell[n] = day * this.slotsPerDay + Math.floor((minute - day * 1440) / slotMinutes);
      n++;
    }
    this.keptCount = n;
  }

  private spread(): void {
    const spd = this.slotsPerDay;
    const n = this.keptCount;
    // Decay runs from the contact's own latest signal, not from asOf: how far a quiet contact's
    // habits are trusted against the population should not shrink while nothing happens.
    const latest = n > 0 ? (this.keptAt[n - 1] ?? 0) : 0;
    const perMs = Math.LN2 / (this.params.halfLifeDays * DAY_MS);
    const side = this.params.neighbourShare;
    for (const channel of CHANNELS) {
      const grid = this.channels[channel];
      const weights = WEIGHTS[channel];
      const { mass, raw } = grid;
      mass.fill(0);
      raw.fill(0);
      let total = 0;
      let strong = 0;
      let signals = 0;
      for (let i = 0; i < n; i++) {
        const weight = weights[this.keptType[i] ?? 0] ?? 0;
        if (weight >= QUALIFYING_WEIGHT) strong++;
        if (weight <= 0) continue;
        signals++;
        const m = weight * Math.exp(-(latest - (this.keptAt[i] ?? 0)) * perMs);
        const cell = this.keptCell[i] ?? 0;
        raw[cell] = (raw[cell] ?? 0) + m;
        const slot = cell % spd;
        // Neighbours stay on the same local day so a window never borrows across midnight.
        mass[cell] = (mass[cell] ?? 0) + m * (1 - 2 * side);
        const left = slot > 0 ? cell - 1 : cell;
        const right = slot < spd - 1 ? cell + 1 : cell;
        mass[left] = (mass[left] ?? 0) + m * side;
        mass[right] = (mass[right] ?? 0) + m * side;
        total += m;
      }
      grid.total = total;
      grid.strongCount = strong;
      grid.signals = signals;
    }
  }

  private grow(size: number): void {
    const capacity = Math.max(size, this.keptAt.length * 2);
    this.keptAt = new Float64Array(capacity);
    this.keptType = new Uint8Array(capacity);
    this.keptCell = new Int32Array(capacity);
    this.byCell = new Int32Array(capacity);
  }
}

function emptyChannel(cells: number): ChannelGrid {
  return {
    mass: new Float64Array(cells),
    raw: new Float64Array(cells),
    total: 0,
    signals: 0,
    strongCount: 0,
  };
}

/** The latest explicit valid zone wins; contacts move, and CRM records get corrected. */
function personZone(events: readonly BesttimeEvent[], orgTz: string): string {
  let bestAt = -Infinity;
  let zone = orgTz;
  for (const e of events) {
    // Ties go to the larger name so shuffled input gives the same zone.
    const later =
      e.at > bestAt || (e.at === bestAt && e.personTz !== undefined && e.personTz > zone);
    if (e.personTz && later && isValidZone(e.personTz)) {
      bestAt = e.at;
      zone = e.personTz;
    }
  }
  return zone;
}
