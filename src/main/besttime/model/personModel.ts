import { CHANNELS, SIGNAL_TYPES, type Channel, type SignalType } from '../../../shared/signals';
import { MODEL_PARAMS, SPARSE_SIGNALS, type ModelParams } from './modelParams';
import { AnswerRates } from './answerRates';
import { isOwnWeekday, OWN_EVIDENCE, ownWeekdays, PersonGridBuilder } from './personGrid';
import { buildPriorsSteps, type BesttimePriors } from './priors';
import { runSteps, type Steps } from './steps';
import { explainWindow, type ReasonInput } from './reasonText';
import { PopulationShares } from './populationShares';
import { weekdayShares } from './shrinkage';
import { QUALIFYING_WEIGHT } from './signalWeights';
import { openSlots } from './slotCalendar';
import { starsFor } from './starRating';
import type {
  BesttimeEvent,
  BesttimeOptions,
  EventsByPerson,
  LearnedWindow,
  PersonChannelWindows,
  WorkingHours,
} from './types';
import { expectedHitRate } from './hitCalibration';
import {
  pickBuffer,
  pickOptions,
  pickWindows,
  rankPicks,
  type PickedWindow,
  type PickOptions,
} from './windowPicker';

const NO_ANSWER = SIGNAL_TYPES.indexOf('call_no_answer');
/** The kinds a reason counts one by one, as the person page's timeline lists each call. */
const EACH_CALL = new Uint8Array(SIGNAL_TYPES.length);
for (const t of ['call_answered', 'call_inbound_missed', 'call_inbound_answered', 'call_no_answer'])
  EACH_CALL[SIGNAL_TYPES.indexOf(t as SignalType)] = 1;
/**
 * The contact's own daytime, in minutes of their day: a slot outside it is offered only where
 * they have engaged at that hour themselves (BT-11), never on borrowed evidence alone.
 */
const DAY_STARTS = 7 * 60;
const DAY_ENDS = 22 * 60;

/** Per-run caches and scratch buffers, so 50,000 contacts do not mean 50,000 allocations each. */
class Scorer {
  private readonly spd: number;
  private readonly populations: Record<Channel, PopulationShares>;
  private readonly population: Float64Array;
  private readonly calendars = new Map<string, Uint8Array>();
  /** The shift the contact being scored is offered in, if their rep works one. */
  private shift: WorkingHours | undefined;
  private readonly nightCells = new Map<string, Int32Array>();
  private readonly hourly: Float64Array;
  private readonly shares: Float64Array;
  private readonly day: Float64Array;
  private readonly used: Uint8Array;
  private readonly typeCounts = new Uint32Array(SIGNAL_TYPES.length);
  private readonly reason: ReasonInput = {
    channel: 'call',
    weekday: 1,
    startMin: 0,
    endMin: 0,
    typeCounts: [],
    lastAt: null,
    asOf: 0,
    zone: 'UTC',
    ownSignals: 0,
    sparse: false,
    theirZone: null,
    borrowedFrom: null,
  };
  /** Qualifying own sittings per cell of the channel being scored. */
  private readonly cellSittings: Int32Array;
  /** 1 for the slots of a day inside the contact's daytime. */
  private readonly daytime: Uint8Array;
  /** The contact's open cells: the calendar's, less night slots without their own evidence. */
  private readonly personOpen: Uint8Array;
  /** Per slot of the day: own evidence for the channel there (any weekday), then unanswered tries. */
  private readonly slotCounts: Int32Array;
  private readonly answerRates: AnswerRates;
  private readonly picks: PickedWindow[];
  readonly grid: PersonGridBuilder;
  private readonly pick: PickOptions;

  constructor(
    private readonly priors: BesttimePriors,
    private readonly opts: BesttimeOptions,
    private readonly params: ModelParams,
  ) {
    if (priors.slotMinutes !== opts.slotMinutes) {
      throw new Error(
        `priors were built for ${priors.slotMinutes}-minute slots, not ${opts.slotMinutes}`,
      );
    }
    this.spd = 1440 / opts.slotMinutes;
    this.hourly = new Float64Array(this.spd);
    this.shares = new Float64Array(7 * this.spd);
    this.day = new Float64Array(this.spd);
    this.used = new Uint8Array(this.spd);
    this.population = new Float64Array(7 * this.spd);
    this.populations = {
      call: new PopulationShares(priors, 'call', this.spd, params),
      email: new PopulationShares(priors, 'email', this.spd, params),
    };
    this.cellSittings = new Int32Array(7 * this.spd);
    this.daytime = Uint8Array.from({ length: this.spd }, (_, slot) => {
      const start = slot * opts.slotMinutes;
      return start >= DAY_STARTS && start + opts.slotMinutes <= DAY_ENDS ? 1 : 0;
    });
    this.personOpen = new Uint8Array(7 * this.spd);
    this.slotCounts = new Int32Array(this.spd);
    this.answerRates = new AnswerRates(priors, this.spd, params);
    this.grid = new PersonGridBuilder(opts, { ...params, halfLifeDays: priors.halfLifeDays });
    this.pick = pickOptions(opts.slotMinutes, opts.top);
    this.picks = pickBuffer(opts.top);
  }

  score(personId: string, events: readonly BesttimeEvent[], out: PersonChannelWindows[]): void {
    this.grid.load(personId, events);
    this.shift = this.opts.hoursOf?.(personId);
    for (const channel of CHANNELS) {
      // Borrowed patterns may shape a window but never create one: the channel needs own
      // evidence. Unanswered calls are not evidence of anything but when not to call.
      if (this.grid.channels[channel].ownCount === 0) continue;
      const windows = this.windowsFor(channel);
      if (windows.length > 0) {
        const { ownSignals, sparse, theirZone, borrowedFrom } = this.reason;
        const context: PersonChannelWindows['context'] = {
          ownSignals,
          sparse,
          theirZone,
          borrowedFrom,
          ownWeekdays: this.reason.ownWeekdays ?? 0,
        };
        out.push({ personId, channel, tz: this.grid.tz, windows, context });
      }
    }
  }

  /** The calendar's key: the contact's zone, and the shift their rep works if any. */
  private calendarKey(tz: string): string {
    return this.shift ? `${tz}|${this.shift.key}` : tz;
  }

  private calendar(tz: string): Uint8Array {
    const key = this.calendarKey(tz);
    let open = this.calendars.get(key);
    if (!open) {
      open = openSlots(tz, this.opts, this.shift);
      this.calendars.set(key, open);
    }
    return open;
  }

  /**
   * The cells the contact may be offered: the organisation's open hours in their zone, less
   * slots outside their daytime (07:00-22:00 their time) where they never showed this
   * channel's evidence themselves (BT-11), on any weekday.
   */
  private openFor(channel: Channel): Uint8Array {
    const { spd, grid, slotCounts } = this;
    const calendar = this.calendar(grid.tz);
    const night = this.nightOpen(grid.tz, calendar);
    // Most contacts' business hours lie in their daytime: nothing to take out, nothing to copy.
    if (night.length === 0) return calendar;
    slotCounts.fill(0);
    const own = OWN_EVIDENCE[channel];
    for (let i = 0; i < grid.keptCount; i++) {
      if (own[grid.keptType[i] ?? 0] !== 1) continue;
      const s = (grid.keptCell[i] ?? 0) % spd;
      slotCounts[s] = (slotCounts[s] ?? 0) + 1;
    }
    const open = this.personOpen;
    open.set(calendar);
    for (let k = 0; k < night.length; k++) {
      const c = night[k] as number;
      const s = c % spd;
      // At that hour or the slot beside it: a habit is not cut at the hour (the shares spread
      // each signal to its neighbours too). Requiring the very slot lost 1.3 points of hit@1 on
      // collegemsg's tuning cut-offs, where students write around midnight; this, 0.4.
      const seen =
        (slotCounts[s] ?? 0) > 0 || (slotCounts[s - 1] ?? 0) > 0 || (slotCounts[s + 1] ?? 0) > 0;
      if (!seen) open[c] = 0;
    }
    return open;
  }

  /** The open cells of a zone's calendar outside the contact's daytime, once per zone. */
  private nightOpen(tz: string, calendar: Uint8Array): Int32Array {
    const key = this.calendarKey(tz);
    let night = this.nightCells.get(key);
    if (!night) {
      const cells: number[] = [];
      for (let c = 0; c < calendar.length; c++)
        if (calendar[c] === 1 && this.daytime[c % this.spd] !== 1) cells.push(c);
      night = Int32Array.from(cells);
      this.nightCells.set(key, night);
    }
    return night;
  }

  private windowsFor(channel: Channel): LearnedWindow[] {
    const { spd, grid, day, shares } = this;
    const own = grid.channels[channel];
    const open = this.openFor(channel);
    const populations = this.populations[channel];
    const population = populations.shareFor(grid.tz, own, this.population);
    weekdayShares(own, population, spd, this.priors.strengths[channel], this.hourly, shares);
    if (channel === 'call') {
      // What they engage in, weighed by whether a call then reaches them (BT-12).
      const rates = this.answerRates.rateFor(grid.tz, grid.attempts);
      if (rates)
        for (let c = 0; c < shares.length; c++)
          shares[c] = (shares[c] as number) * (rates[c] as number);
    }
    const calibration = this.priors.calibration[channel];
    const sittingsIn = this.cellSittings;
    sittingsIn.fill(0);
    const { sittings } = own;
    let ownSittings = 0;
    for (let i = 0; i < sittings.count; i++) {
      if ((sittings.weight[i] ?? 0) < QUALIFYING_WEIGHT) continue;
      const c = sittings.cell[i] ?? 0;
      sittingsIn[c] = (sittingsIn[c] ?? 0) + 1;
      ownSittings++;
    }
    const windows: LearnedWindow[] = [];
    const picks = this.picks;
    this.startReasons(channel);
    for (let d = 0; d < 7; d++) {
      const base = d * spd;
      let openSum = 0;
      let daySum = 0;
      let openCount = 0;
      for (let s = 0; s < spd; s++) {
        const share = shares[base + s] as number;
        const v = open[base + s] === 1 ? share : 0;
        day[s] = v;
        daySum += share;
        openSum += v;
        openCount += open[base + s] as number;
      }
      if (openSum <= 0) continue;
      const scale = 1 / openSum;
      for (let s = 0; s < spd; s++) day[s] = (day[s] as number) * scale;
      const count = pickWindows(day, open, base, this.used, 0.5 / openCount, this.pick, picks);
      // Windows are picked among the open hours, but a window's promise is its share of the
      // whole day: a contact who engages mostly after the office closes is rarely caught by
      // the open hours' best window, however it stands among them (a Los Angeles contact of a
      // Berlin office read 3.5 stars on windows hit 4% of the time).
      const ofWholeDay = openSum / daySum;
      for (let k = 0; k < count; k++) {
        const w = picks[k] as PickedWindow;
        let inWindow = 0;
        for (let s = w.firstSlot; s < w.endSlot; s++) inWindow += sittingsIn[base + s] ?? 0;
        w.score = expectedHitRate(calibration, w.score * ofWholeDay, inWindow, ownSittings);
        w.ownSittings = inWindow;
      }
      // Ranked by expected hit rate, not by share: where the organisation's record says windows
      // borrowed from other days are hit less often than own ones, an own window comes first.
      rankPicks(picks, count);
      for (let k = 0; k < count; k++) {
        const w = picks[k] as PickedWindow;
        windows.push(
          this.describe(
            channel,
            d + 1,
            base + w.firstSlot,
            base + w.endSlot,
            w.score,
            w.ownSittings,
          ),
        );
      }
    }
    capBorrowedDays(windows, this.reason.ownWeekdays ?? 0, populations.othersByDay);
    return windows;
  }

  /** The zone is named as the source only when its contacts, not the organisation's, dominate the mix. */
  private zoneLeads(zonePeople: number, channel: Channel): boolean {
    return (
      zonePeople >= this.params.zonePeople || zonePeople >= 0.9 * this.priors.org.people[channel]
    );
  }

  /** Sets what every window of this contact and channel shares in their explanation. */
  private startReasons(channel: Channel): void {
    const { grid, opts, reason } = this;
    const ownCount = grid.channels[channel].ownCount;
    const zone = this.priors.byZone.get(grid.tz);
    reason.channel = channel;
    reason.asOf = opts.asOf;
    // The zone the windows are laid out in: "last 7 days ago" counts its calendar days.
    reason.zone = grid.tz;
    reason.ownSignals = ownCount;
    reason.sparse = ownCount < SPARSE_SIGNALS;
    reason.theirZone = grid.tz === opts.orgTz ? null : grid.tz;
    // Set by windowsFor's shareFor just before: nobody but the contact engaged on any weekday,
    // so what they borrow is their own hours (a one-contact organisation). '' says so.
    const othersByDay = this.populations[channel].othersByDay;
    let others = 0;
    for (let d = 0; d < 7; d++) others += othersByDay[d] as number;
    reason.borrowedFrom =
      others === 0 ? '' : this.zoneLeads(zone?.people[channel] ?? 0, channel) ? grid.tz : null;
    // The weekdays with any of their own, so a borrowed window can say its weekday has none.
    reason.ownWeekdays = ownWeekdays(grid.channels[channel].sittings);
  }

  private describe(
    channel: Channel,
    weekday: number,
    firstCell: number,
    endCell: number,
    score: number,
    ownSittings: number,
  ): LearnedWindow {
    const { grid, opts, reason } = this;
    const counts = this.typeCounts;
    counts.fill(0);
    let count = 0;
    let lastAt: number | null = null;
    const own = OWN_EVIDENCE[channel];
    // Stars read the kept signals (a burst of one type counts once); the last one's day is theirs.
    // The words count calls as the timeline lists them, each call and each unanswered try apart
    // ("answered 11 calls" stood beside 17 answered calls on the same page), and every other kind
    // as kept: a visit's page views, listed as one visit, count once (audit50 3).
    // A call window is explained by calls, not by the emails opened in the same hour: other
    // signals shape the shares, but "answered 4 calls" is what a rep can act on.
    let cited = 0;
    for (let j = grid.cellStart[firstCell] ?? 0, to = grid.cellStart[endCell] ?? 0; j < to; j++) {
      const i = grid.byCell[j] ?? 0;
      const t = grid.keptType[i] ?? 0;
      if (own[t] !== 1) continue;
      count++;
      const at = grid.keptAt[i] ?? 0;
      if (lastAt === null || at > lastAt) lastAt = at;
      if (EACH_CALL[t] === 1) continue;
      counts[t] = (counts[t] ?? 0) + 1;
      cited++;
    }
    let unanswered = 0;
    for (let j = grid.toldStart[firstCell] ?? 0, to = grid.toldStart[endCell] ?? 0; j < to; j++) {
      const t = grid.toldType[grid.toldByCell[j] ?? 0] ?? 0;
      if (EACH_CALL[t] !== 1) continue;
      if (t === NO_ANSWER) {
        if (channel !== 'call') continue;
        unanswered++;
      } else if (own[t] !== 1) continue;
      else cited++;
      counts[t] = (counts[t] ?? 0) + 1;
    }
    const byType: [SignalType, number][] = [];
    for (let t = 0; (cited > 0 || unanswered > 0) && t < counts.length; t++) {
      const c = counts[t] ?? 0;
      if (c > 0) byType.push([SIGNAL_TYPES[t] as SignalType, c]);
    }
    const startMin = (firstCell % this.spd) * opts.slotMinutes;
    const endMin = startMin + (endCell - firstCell) * opts.slotMinutes;
    reason.weekday = weekday;
    reason.startMin = startMin;
    reason.endMin = endMin;
    reason.lastAt = lastAt;
    reason.typeCounts = byType;
    // Stars and reason read the same evidence: a window with none of the channel's own signals
    // to cite says it is borrowed, and is starred as borrowed. A sitting is placed at its first
    // signal, so an e-mail at 12:50 and a call answered at 13:05 make a call sitting at 12:00,
    // in a 12:00-13:00 window whose reason has no call to name.
    const citedSittings = count === 0 ? 0 : ownSittings;
    return {
      weekday,
      startMin,
      endMin,
      stars: starsFor(score, reason.ownSignals, citedSittings, this.priors.calibration[channel]),
      score,
      reason: opts.wordReasons === false ? '' : explainWindow(reason),
      evidence: { count, lastAt, byType },
    };
  }
}

/**
 * A weekday with none of the contact's own evidence for the channel is never rated above their
 * best window that cites some, and half a star below it where nobody else in the organisation
 * engaged on that weekday either. Such a day's windows are the contact's hours from their other
 * days, pooled and smoothed, and a day's profile pooled from elsewhere is flatter than the day
 * they really engaged on: its window grows to two slots (the neighbour clears the merge bar)
 * where the own day's sharper peak stays one slot, and holds more share. One call answered on a
 * Wednesday at 10:05 gave every other day, weekends included, 09:00-11:00 at 2.5 stars and the
 * Wednesday itself 10:00-11:00 at 2 (audit 40, item 1). Caps only lower stars; ranking within
 * a day (and so hit@1 and hit@3) is untouched. The organisation's record rates its replayed
 * windows capped the same way (shownRawHalves in starRating.ts), so a star level's hit rate is
 * that of the windows shown at it.
 */
function capBorrowedDays(windows: LearnedWindow[], ownDays: number, othersByDay: Uint8Array): void {
  let ownBest = 0;
  for (const w of windows) if (w.evidence.count > 0 && w.stars > ownBest) ownBest = w.stars;
  // All their evidence lies in closed hours: no own window to measure the others against.
  if (ownBest === 0) return;
  for (const w of windows) {
    if (isOwnWeekday(ownDays, w.weekday - 1)) continue;
    const cap = othersByDay[w.weekday - 1] === 1 ? ownBest : Math.max(0.5, ownBest - 0.5);
    if (w.stars > cap) w.stars = cap;
  }
}

function byPersonThenChannel(a: PersonChannelWindows, b: PersonChannelWindows): number {
  if (a.personId !== b.personId) return a.personId < b.personId ? -1 : 1;
  return CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel);
}

/**
 * Scores contacts one at a time and hands each contact's results to `sink` straight away, in
 * the map's order. This is the path for a full recompute in the app: each contact's windows go
 * to the database as they come, so 50,000 contacts never sit in memory at once.
 */
export function streamPeople(
  eventsByPerson: EventsByPerson,
  priors: BesttimePriors,
  opts: BesttimeOptions,
  sink: (personId: string, results: PersonChannelWindows[]) => void,
  params: ModelParams = MODEL_PARAMS,
): void {
  runSteps(streamPeopleSteps(eventsByPerson, priors, opts, sink, params));
}

/** `streamPeople` in slices: it yields after each contact is scored. */
function* streamPeopleSteps(
  eventsByPerson: EventsByPerson,
  priors: BesttimePriors,
  opts: BesttimeOptions,
  sink: (personId: string, results: PersonChannelWindows[]) => void,
  params: ModelParams,
): Steps<void> {
  const scorer = new Scorer(priors, opts, params);
  for (const [personId, events] of eventsByPerson) {
    const out: PersonChannelWindows[] = [];
    scorer.score(personId, events, out);
    sink(personId, out);
    yield;
  }
}

/** Recomputes the given contacts against existing priors (the incremental path). */
export function computePeople(
  eventsByPerson: ReadonlyMap<string, readonly BesttimeEvent[]>,
  priors: BesttimePriors,
  opts: BesttimeOptions,
  params: ModelParams = MODEL_PARAMS,
): PersonChannelWindows[] {
  const all: PersonChannelWindows[] = [];
  streamPeople(eventsByPerson, priors, opts, (_, results) => all.push(...results), params);
  return all.sort(byPersonThenChannel);
}

/** Full compute: priors from everyone, then everyone scored against them. */
export function computeAll(
  eventsByPerson: ReadonlyMap<string, readonly BesttimeEvent[]>,
  opts: BesttimeOptions,
  params: ModelParams = MODEL_PARAMS,
): { priors: BesttimePriors; results: PersonChannelWindows[] } {
  return runSteps(computeAllSteps(eventsByPerson, opts, params));
}

/** `computeAll` in slices: it yields after each contact learned from and each contact scored. */
export function* computeAllSteps(
  eventsByPerson: ReadonlyMap<string, readonly BesttimeEvent[]>,
  opts: BesttimeOptions,
  params: ModelParams = MODEL_PARAMS,
): Steps<{ priors: BesttimePriors; results: PersonChannelWindows[] }> {
  const priors = yield* buildPriorsSteps(eventsByPerson, opts, params);
  const all: PersonChannelWindows[] = [];
  yield* streamPeopleSteps(eventsByPerson, priors, opts, (_, r) => all.push(...r), params);
  return { priors, results: all.sort(byPersonThenChannel) };
}
