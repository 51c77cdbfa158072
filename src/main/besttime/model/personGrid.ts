import { CHANNELS, SIGNAL_TYPES, type Channel, type SignalType } from '../../../shared/signals';
import { clockFor, isValidZone } from './localClock';
import type { ModelParams } from './modelParams';
import { isOwnEvidence, isUnansweredCall, signalWeight } from './signalWeights';
import type { BesttimeEvent, BesttimeOptions } from './types';

const DAY_MS = 86_400_000;
const TYPE_INDEX = new Map<string, number>(SIGNAL_TYPES.map((t, i) => [t, i]));
const TYPE_SLOTS = 16;
const NO_ANSWER = SIGNAL_TYPES.indexOf('call_no_answer');
const ANSWERED = SIGNAL_TYPES.indexOf('call_answered');
const CHANNEL_WEIGHTS: Record<Channel, Float64Array> = {
  call: Float64Array.from(SIGNAL_TYPES, (t) => signalWeight(t, 'call')),
  email: Float64Array.from(SIGNAL_TYPES, (t) => signalWeight(t, 'email')),
};
/** 1 where a signal type is the contact's own evidence for the channel (signalWeights.ts). */
export const OWN_EVIDENCE: Record<Channel, Uint8Array> = {
  call: Uint8Array.from(SIGNAL_TYPES, (t) => (isOwnEvidence(t, 'call') ? 1 : 0)),
  email: Uint8Array.from(SIGNAL_TYPES, (t) => (isOwnEvidence(t, 'email') ? 1 : 0)),
};

/**
 * A contact's sittings for one channel, oldest first: runs of signals at most
 * `sittingMinutes` apart, each at its first signal's time and cell, weighing as much as its
 * strongest signal for the channel.
 */
export class Sittings {
  count = 0;
  at = new Float64Array(16);
  cell = new Int32Array(16);
  weight = new Float64Array(16);
  /**
   * The weekdays (bit 0 Monday) of the sitting's kept signals that are the channel's own
   * evidence: an e-mail sitting holding only an answered call has none (ownWeekdays).
   */
  ownDays = new Uint8Array(16);

  push(at: number, cell: number, weight: number): void {
    if (this.count === this.at.length) {
      const size = this.count * 2;
      this.at = grown(this.at, new Float64Array(size));
      this.cell = grown(this.cell, new Int32Array(size));
      this.weight = grown(this.weight, new Float64Array(size));
      this.ownDays = grown(this.ownDays, new Uint8Array(size));
    }
    this.at[this.count] = at;
    this.cell[this.count] = cell;
    this.weight[this.count] = weight;
    this.ownDays[this.count] = 0;
    this.count++;
  }
}

/** Every weekday, bit 0 Monday. */
const ALL_WEEKDAYS = 127;

/**
 * The weekdays on which the contact showed the channel's own evidence (bit 0 Monday), from
 * their first `end` sittings: what a day's windows are capped by when it has none
 * (capBorrowedDays in personModel.ts) and what its reason says. The app reads all of a
 * contact's sittings; the star record's replay the ones before a block began (sittingReplay.ts),
 * so the record caps the days the app caps.
 */
export function ownWeekdays(
  sittings: { count: number; ownDays: Uint8Array },
  end = sittings.count,
): number {
  let days = 0;
  // Most contacts have all seven soon: the loop stops there.
  for (let i = 0; i < end && days !== ALL_WEEKDAYS; i++) days |= sittings.ownDays[i] ?? 0;
  return days;
}

/** The latest sitting holds some of the channel's own evidence on `weekday` (0 Monday). */
function markOwnDay(s: Sittings, weekday: number): void {
  const i = s.count - 1;
  s.ownDays[i] = (s.ownDays[i] ?? 0) | (1 << weekday);
}

/** Whether weekday `weekday` (0 Monday) is among `days` (ownWeekdays). */
export function isOwnWeekday(days: number, weekday: number): boolean {
  return (days & (1 << weekday)) !== 0;
}

function grown<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * The calls the rep placed to a contact (BT-12), oldest first: runs of outbound calls at most
 * `sittingMinutes` apart (a redial is the same try), each at its first call's cell, answered
 * when any call of the run was.
 */
export class CallAttempts {
  count = 0;
  cell = new Int32Array(16);
  answered = new Uint8Array(16);
  /** How many of them went unanswered. */
  unanswered = 0;
  private lastAt = -Infinity;

  reset(): void {
    this.count = 0;
    this.unanswered = 0;
    this.lastAt = -Infinity;
  }

  add(at: number, cell: number, answered: boolean, sittingMs: number): void {
    if (at - this.lastAt <= sittingMs && this.count > 0) {
      this.lastAt = at;
      const i = this.count - 1;
      if (answered && this.answered[i] === 0) {
        this.answered[i] = 1;
        this.unanswered--;
      }
      return;
    }
    this.lastAt = at;
    if (this.count === this.cell.length) {
      this.cell = grown(this.cell, new Int32Array(this.count * 2));
      this.answered = grown(this.answered, new Uint8Array(this.count * 2));
    }
    this.cell[this.count] = cell;
    this.answered[this.count] = answered ? 1 : 0;
    if (!answered) this.unanswered++;
    this.count++;
  }
}

export interface ChannelGrid {
  /** Decayed, weighted sitting mass per (weekday, slot) cell; cell = (weekday - 1) * slotsPerDay + slot. */
  mass: Float64Array;
  total: number;
  sittings: Sittings;
  /** Own signals that are evidence for this channel (isOwnEvidence): none, and no window is shown. */
  ownCount: number;
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
  /** Kept signals (at < asOf, usable, bursts of one type collapsed), oldest first: what reasons count. */
  keptCount = 0;
  keptAt = new Float64Array(64);
  keptType = new Uint8Array(64);
  keptCell = new Int32Array(64);
  /** Kept signals grouped by cell: indexes byCell[cellStart[c] .. cellStart[c + 1]). */
  cellStart: Int32Array;
  byCell = new Int32Array(64);
  /**
   * Every signal before asOf as the person page's timeline lists it (bursts not collapsed,
   * unanswered calls one by one), grouped by cell like the kept ones: what a reason's words
   * count, so "answered 17 calls" is 17 entries a rep can count, never one per burst (audit50 3).
   * Only words read them: nothing scored does.
   */
  toldCount = 0;
  toldType = new Uint8Array(64);
  toldCell = new Int32Array(64);
  toldStart: Int32Array;
  toldByCell = new Int32Array(64);
  /** UTC epoch ms of the latest usable signal, or 0 when there is none. */
  latestAt = 0;
  /** The calls the rep placed, answered or not: what the answer rate is learned from. */
  readonly attempts = new CallAttempts();
  private keys = new Float64Array(64);
  private next: Int32Array;
  private readonly slotsPerDay: number;
  private readonly lastByType = new Float64Array(SIGNAL_TYPES.length);

  constructor(
    private readonly opts: BesttimeOptions,
    private readonly params: ModelParams,
  ) {
    this.slotsPerDay = 1440 / opts.slotMinutes;
    const cells = 7 * this.slotsPerDay;
    this.cellStart = new Int32Array(cells + 1);
    this.toldStart = new Int32Array(cells + 1);
    this.next = new Int32Array(cells + 1);
    this.channels = {
      call: emptyChannel(cells),
      email: emptyChannel(cells),
    };
  }

  keptTypeAt(i: number): SignalType {
    return SIGNAL_TYPES[this.keptType[i] ?? 0] ?? 'page_visit';
  }

  /** `explain` false skips indexing signals by cell, which only explaining windows reads. */
  load(personId: string, events: readonly BesttimeEvent[], explain = true): this {
    this.personId = personId;
    this.tz = personZone(events, this.opts.orgTz);
    this.collect(events);
    this.spread();
    if (explain) {
      this.indexCells(this.keptCount, this.keptCell, this.cellStart, this.byCell);
      this.indexCells(this.toldCount, this.toldCell, this.toldStart, this.toldByCell);
    }
    return this;
  }

  /** Counting sort by cell, so explaining a window reads only that window's signals. */
  private indexCells(
    count: number,
    cells: Int32Array,
    start: Int32Array,
    byCell: Int32Array,
  ): void {
    start.fill(0);
    for (let i = 0; i < count; i++) {
      const c = (cells[i] ?? 0) + 1;
      start[c] = (start[c] ?? 0) + 1;
    }
    for (let c = 1; c < start.length; c++) start[c] = (start[c] ?? 0) + (start[c - 1] ?? 0);
    const next = this.next;
    next.set(start);
    for (let i = 0; i < count; i++) {
      const c = cells[i] ?? 0;
      const slot = next[c] ?? 0;
      byCell[slot] = i;
      next[c] = slot + 1;
    }
  }

  private collect(events: readonly BesttimeEvent[]): void {
    const { asOf, slotMinutes } = this.opts;
    if (this.keys.length < events.length)
      this.keys = new Float64Array(Math.max(events.length, this.keys.length * 2));
    // One number per signal, time then type, so a native numeric sort orders them without a
    // comparator; exact while |at| < 2^49 ms (until the year 19,800). A call too short to have
    // been answered goes in as an unanswered one.
    let m = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as BesttimeEvent;
      if (e.at >= asOf) continue;
      let type = TYPE_INDEX.get(e.type) ?? 0;
      if (type === ANSWERED && isUnansweredCall(e.type, e.durationS)) type = NO_ANSWER;
      this.keys[m++] = Math.floor(e.at) * TYPE_SLOTS + type;
    }
    const keys = this.keys.subarray(0, m).sort();
    if (this.keptAt.length < m) this.grow(m);
    const clock = clockFor(this.tz);
    const burstMs = this.params.burstMinutes * 60_000;
    const sittingMs = this.params.sittingMinutes * 60_000;
    const call = this.channels.call.sittings;
    const email = this.channels.email.sittings;
    const callWeights = CHANNEL_WEIGHTS.call;
    const emailWeights = CHANNEL_WEIGHTS.email;
    const callOwn = OWN_EVIDENCE.call;
    const emailOwn = OWN_EVIDENCE.email;
    const attempts = this.attempts;
    call.count = 0;
    email.count = 0;
    attempts.reset();
    let callLast = -Infinity;
    let emailLast = -Infinity;
    this.lastByType.fill(-Infinity);
    let n = 0;
    let told = 0;
    let latest = 0;
    for (let j = 0; j < m; j++) {
      const key = keys[j] ?? 0;
      const at = Math.floor(key / TYPE_SLOTS);
      const type = key - at * TYPE_SLOTS;
      const minute = clock.minuteOfWeek(at);
      const day = Math.floor(minute / 1440);
      const cell = day * this.slotsPerDay + Math.floor((minute - day * 1440) / slotMinutes);
      this.toldType[told] = type;
      this.toldCell[told] = cell;
      told++;
      if (type === NO_ANSWER) {
        attempts.add(at, cell, false, sittingMs);
        continue;
      }
      if (type === ANSWERED) attempts.add(at, cell, true, sittingMs);
      latest = at;
      // Both channels unrolled: this loop runs once per signal of the whole organisation.
      const cw = callWeights[type] ?? 0;
      if (cw > 0) {
        if (at - callLast <= sittingMs) {
          const s = call.count - 1;
          if (cw > (call.weight[s] ?? 0)) call.weight[s] = cw;
        } else call.push(at, cell, cw);
        callLast = at;
      }
      const ew = emailWeights[type] ?? 0;
      if (ew > 0) {
        if (at - emailLast <= sittingMs) {
          const s = email.count - 1;
          if (ew > (email.weight[s] ?? 0)) email.weight[s] = ew;
        } else email.push(at, cell, ew);
        emailLast = at;
      }
      if (at - (this.lastByType[type] ?? -Infinity) < burstMs) continue;
      this.lastByType[type] = at;
      // Kept signals are what a reason counts: a weekday is the contact's own where one is.
      if (cw > 0 && callOwn[type] === 1) markOwnDay(call, day);
      if (ew > 0 && emailOwn[type] === 1) markOwnDay(email, day);
      this.keptAt[n] = at;
      this.keptType[n] = type;
      this.keptCell[n] = cell;
      n++;
    }
    this.keptCount = n;
    this.toldCount = told;
    this.latestAt = latest;
  }

  private spread(): void {
    // Decay runs from the contact's own latest signal, not from asOf: how far a quiet contact's
    // habits are trusted against the population should not shrink while nothing happens.
    for (const channel of CHANNELS) {
      const grid = this.channels[channel];
      grid.total = spreadSittings(
        grid.sittings,
        this.latestAt,
        this.params.halfLifeDays,
        this.slotsPerDay,
        this.params.neighbourShare,
        grid.mass,
      );
      const own = OWN_EVIDENCE[channel];
      let count = 0;
      for (let i = 0; i < this.keptCount; i++) count += own[this.keptType[i] ?? 0] ?? 0;
      grid.ownCount = count;
    }
  }

  private grow(size: number): void {
    const capacity = Math.max(size, this.keptAt.length * 2);
    this.keptAt = new Float64Array(capacity);
    this.keptType = new Uint8Array(capacity);
    this.keptCell = new Int32Array(capacity);
    this.byCell = new Int32Array(capacity);
    this.toldType = new Uint8Array(capacity);
    this.toldCell = new Int32Array(capacity);
    this.toldByCell = new Int32Array(capacity);
  }
}

/**
 * Lays sittings on the week into `mass` (7 * slotsPerDay), each decayed by its age at `latest`
 * and shared with its neighbouring slots; returns the total. The priors also call it with other
 * half-lives, to weigh candidate half-lives against each other (halfLifeFit.ts).
 */
export function spreadSittings(
  sittings: { count: number; at: Float64Array; cell: Int32Array; weight: Float64Array },
  latest: number,
  halfLifeDays: number,
  slotsPerDay: number,
  side: number,
  mass: Float64Array,
): number {
  const spd = slotsPerDay;
  const perMs = Math.LN2 / (halfLifeDays * DAY_MS);
  mass.fill(0);
  let total = 0;
  for (let i = 0; i < sittings.count; i++) {
    const m = (sittings.weight[i] ?? 0) * Math.exp(-(latest - (sittings.at[i] ?? 0)) * perMs);
    const cell = sittings.cell[i] ?? 0;
    const slot = cell % spd;
    // Neighbours stay on the same local day so a window never borrows across midnight.
    mass[cell] = (mass[cell] ?? 0) + m * (1 - 2 * side);
    const left = slot > 0 ? cell - 1 : cell;
    const right = slot < spd - 1 ? cell + 1 : cell;
    mass[left] = (mass[left] ?? 0) + m * side;
    mass[right] = (mass[right] ?? 0) + m * side;
    total += m;
  }
  return total;
}

function emptyChannel(cells: number): ChannelGrid {
  return { mass: new Float64Array(cells), total: 0, sittings: new Sittings(), ownCount: 0 };
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
