import { CHANNELS, type Channel } from '../../../shared/signals';
import type { ModelParams } from './modelParams';
import type { BesttimePriors, HitCalibration } from './priorTypes';
import { PopulationShares } from './populationShares';
import { ReplayState, replaySittings, type SittingSample } from './sittingReplay';
import { pickBuffer, pickWindows, type PickedWindow, type PickOptions } from './windowPicker';
import { IDENTITY_BANDS, rawStars, shownRawHalves, starBand, type OwnBest } from './starRating';
import type { Steps } from './steps';

export const TRUST_SHARES: HitCalibration = {
  fitted: false,
  intercept: 0,
  score: 1,
  ownWindow: 0,
  ownSittings: 0,
  bands: IDENTITY_BANDS,
};
/**
 * Replayed windows a star band needs before its hit rate is its own; fewer, and it is pooled
 * with its neighbour. About 300 measure a rate of 25% to within 2.5 points.
 */
const MIN_BAND_TRIALS = 300;

/** Fewer trials than this and the shares are trusted as they are. */
const MIN_TRIALS = 500;
/** Repeat sittings replayed for calibration at most; more only repeat what these say. */
const MAX_TARGETS = 20_000;
const FEATURES = 4;
const DAY_MS = 86_400_000;

function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

export function expectedHitRate(
  c: HitCalibration,
  share: number,
  windowSittings: number,
  ownSittings: number,
): number {
  const z =
    c.intercept +
    c.score * logit(share) +
    c.ownWindow * Math.log1p(windowSittings) +
    c.ownSittings * Math.log1p(ownSittings);
  return 1 / (1 + Math.exp(-z));
}

/**
 * The windows a replayed contact was shown, per block, on the weekdays where they had engaged:
 * what a borrowed day's stars are capped at in the app (capBorrowedDays in personModel.ts).
 * Group g's windows are [start[g], start[g + 1]); only windows with own sittings in them count.
 */
class OwnWindows {
  count = 0;
  share: number[] = [];
  ownWindow: number[] = [];
  ownSittings: number[] = [];
  readonly start: number[] = [0];

  push(share: number, ownWindow: number, ownSittings: number): void {
    this.share.push(share);
    this.ownWindow.push(ownWindow);
    this.ownSittings.push(ownSittings);
    this.count++;
  }

  /** Closes the current group and returns its index. */
  close(): number {
    this.start.push(this.count);
    return this.start.length - 2;
  }

  /** The best expected hit rate among group g's windows, and its raw band; rate 0 for none. */
  best(c: HitCalibration, g: number): OwnBest {
    let rate = 0;
    let halves = 0;
    for (let i = this.start[g] as number; i < (this.start[g + 1] as number); i++) {
      const own = this.ownWindow[i] as number;
      const r = expectedHitRate(c, this.share[i] as number, own, this.ownSittings[i] as number);
      if (r > rate) {
        rate = r;
        halves = rawStars(r, own) * 2;
      }
    }
    return { rate, halves };
  }
}

/** No cap: the sitting's weekday had some of the contact's own sittings. */
const UNCAPPED = -1;

/** Each shown window of a replayed sitting's weekday: its features and whether the sitting fell in it. */
class Trials {
  count = 0;
  x = new Float64Array(1024 * FEATURES);
  hit = new Uint8Array(1024);
  /**
   * The OwnWindows group whose best window caps this one's stars, for a sitting on a weekday
   * without the contact's own sittings; UNCAPPED otherwise.
   */
  capGroup = new Int32Array(1024);
  /** 1 where nobody else in the organisation engaged on that weekday either (half a star lower). */
  lonely = new Uint8Array(1024);
  readonly own = new OwnWindows();

  push(
    share: number,
    ownWindow: number,
    ownSittings: number,
    hit: boolean,
    capGroup = UNCAPPED,
    lonely = false,
  ): void {
    if (this.count === this.hit.length) {
      const x = new Float64Array(this.x.length * 2);
      x.set(this.x);
      this.x = x;
      const h = new Uint8Array(this.hit.length * 2);
      h.set(this.hit);
      this.hit = h;
      const g = new Int32Array(this.capGroup.length * 2);
      g.set(this.capGroup);
      this.capGroup = g;
      const l = new Uint8Array(this.lonely.length * 2);
      l.set(this.lonely);
      this.lonely = l;
    }
    const o = this.count * FEATURES;
    this.x[o] = 1;
    this.x[o + 1] = logit(share);
    this.x[o + 2] = Math.log1p(ownWindow);
    this.x[o + 3] = Math.log1p(ownSittings);
    this.capGroup[this.count] = capGroup;
    this.lonely[this.count] = lonely ? 1 : 0;
    this.hit[this.count++] = hit ? 1 : 0;
  }
}

/** Solves the 4x4 system a * x = b in place (Gaussian elimination; a is positive definite). */
function solve(a: Float64Array, b: Float64Array): Float64Array {
  const n = FEATURES;
  for (let i = 0; i < n; i++) {
    const pivot = a[i * n + i] as number;
    for (let j = i + 1; j < n; j++) {
      const f = (a[j * n + i] as number) / pivot;
      for (let k = i; k < n; k++)
        a[j * n + k] = (a[j * n + k] as number) - f * (a[i * n + k] as number);
      b[j] = (b[j] as number) - f * (b[i] as number);
    }
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i] as number;
    for (let k = i + 1; k < n; k++) s -= (a[i * n + k] as number) * (x[k] as number);
    x[i] = s / (a[i * n + i] as number);
  }
  return x;
}

/**
 * Maximum likelihood by Newton's method, with a small ridge pulling toward trusting the shares
 * so that a feature every trial shares (all windows with own sittings, say) stays solvable.
 */
function* fitLogistic(t: Trials, wholeHorizons: boolean): Steps<HitCalibration> {
  const n = FEATURES;
  const prior = [TRUST_SHARES.intercept, TRUST_SHARES.score, 0, 0];
  const w = Float64Array.from(prior);
  const ridge = 1;
  for (let iteration = 0; iteration < 12; iteration++) {
    const hessian = new Float64Array(n * n);
    const gradient = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      hessian[i * n + i] = ridge;
      gradient[i] = -ridge * ((w[i] as number) - (prior[i] as number));
    }
    for (let r = 0; r < t.count; r++) {
      const o = r * n;
      let z = 0;
      for (let i = 0; i < n; i++) z += (w[i] as number) * (t.x[o + i] as number);
      const p = 1 / (1 + Math.exp(-z));
      const residual = (t.hit[r] as number) - p;
      const v = p * (1 - p);
      for (let i = 0; i < n; i++) {
        const xi = t.x[o + i] as number;
        gradient[i] = (gradient[i] as number) + residual * xi;
        for (let k = i; k < n; k++)
          hessian[i * n + k] = (hessian[i * n + k] as number) + v * xi * (t.x[o + k] as number);
      }
    }
    for (let i = 0; i < n; i++)
      for (let k = 0; k < i; k++) hessian[i * n + k] = hessian[k * n + i] as number;
    const step = solve(hessian, gradient);
    let size = 0;
    for (let i = 0; i < n; i++) {
      w[i] = (w[i] as number) + (step[i] as number);
      size = Math.max(size, Math.abs(step[i] as number));
    }
    if (!Number.isFinite(size)) return TRUST_SHARES;
    if (size < 1e-4) break;
    // A pass over every trial (up to three per replayed sitting) between turns.
    yield;
  }
  const fitted = {
    fitted: true,
    intercept: w[0] ?? 0,
    score: w[1] ?? 1,
    ownWindow: w[2] ?? 0,
    ownSittings: w[3] ?? 0,
    bands: IDENTITY_BANDS,
  };
  return { ...fitted, bands: recordedBands(t, fitted, wholeHorizons) };
}

interface Block {
  /** Raw bands (in half stars) first and last. */
  first: number;
  last: number;
  trials: number;
  hits: number;
}

const rateOf = (b: Block): number => b.hits / b.trials;

/**
 * The hit rate a pool's stars promise: its rate less one standard error, so that a pool that
 * only just cleared a band's floor in the replay does not promise that band (on git-authors a
 * top pool of 560 windows hit 40.3% of the time read 4 stars, and its held-out windows were
 * hit less often than the 3.5-star ones below).
 */
function promised(b: Block): number {
  const p = rateOf(b);
  return p - Math.sqrt((p * (1 - p)) / b.trials);
}

/** Hit more often than `below` by at least one standard error of the difference. */
function clearlyAbove(b: Block, below: Block): boolean {
  const p = rateOf(b);
  const q = rateOf(below);
  const se = Math.sqrt((p * (1 - p)) / b.trials + (q * (1 - q)) / below.trials);
  return p - q >= se && p > q;
}

/**
 * What each raw star band promises here: the replayed windows are sorted into raw bands by
 * the fitted expected hit rate, capped as the app shows them (a window on a weekday without the
 * contact's own sittings at their best own window's band: shownRawHalves), and neighbouring bands are
 * pooled until every pool has at least MIN_BAND_TRIALS windows and each pool is hit more often
 * than the one below it by a standard error (pool-adjacent-violators). A band then shows the
 * stars of its pool's promised hit rate. The logistic fit ranks windows well but bends at the
 * ends: on collegemsg's held-out weeks its 2.5-star windows were hit less often than its 2-star
 * ones, and on git-authors' a handful of 4- and 4.5-star windows less often than 3.5-star ones.
 */
function recordedBands(t: Trials, c: HitCalibration, wholeHorizons: boolean): number[] {
  const trials = new Float64Array(11);
  const hits = new Float64Array(11);
  const bests = new Map<number, OwnBest>();
  for (let r = 0; r < t.count; r++) {
    const o = r * FEATURES;
    const z =
      c.intercept +
      c.score * (t.x[o + 1] as number) +
      c.ownWindow * (t.x[o + 2] as number) +
      c.ownSittings * (t.x[o + 3] as number);
    const ownWindow = (t.x[o + 2] as number) > 0 ? 1 : 0;
    const rate = 1 / (1 + Math.exp(-z));
    const g = t.capGroup[r] as number;
    let best: OwnBest | null = null;
    if (g !== UNCAPPED) {
      best = bests.get(g) ?? t.own.best(c, g);
      bests.set(g, best);
    }
    const halves = shownRawHalves(rate, ownWindow, best, t.lonely[r] === 1);
    trials[halves] = (trials[halves] as number) + 1;
    hits[halves] = (hits[halves] as number) + (t.hit[r] as number);
  }
  const blocks: Block[] = [];
  for (let h = 1; h <= 10; h++) {
    if ((trials[h] as number) > 0)
      blocks.push({ first: h, last: h, trials: trials[h] as number, hits: hits[h] as number });
  }
  const merge = (i: number): void => {
    const a = blocks[i - 1] as Block;
    const b = blocks[i] as Block;
    blocks.splice(i - 1, 2, {
      first: a.first,
      last: b.last,
      trials: a.trials + b.trials,
      hits: a.hits + b.hits,
    });
  };
  for (;;) {
    const violator = blocks.findIndex((b, i) => i > 0 && !clearlyAbove(b, blocks[i - 1] as Block));
    if (violator > 0) {
      merge(violator);
      continue;
    }
    const small = blocks.findIndex((b) => b.trials < MIN_BAND_TRIALS);
    if (small < 0 || blocks.length < 2) break;
    // A thin pool joins the neighbour nearer in hit rate; at either end, its only neighbour.
    const below = blocks[small - 1];
    const above = blocks[small + 1];
    const own = rateOf(blocks[small] as Block);
    const intoBelow = !above || (below !== undefined && own - rateOf(below) <= rateOf(above) - own);
    merge(intoBelow ? small : small + 1);
  }
  // A record that has not judged a whole horizon promises no band above its windows' average.
  // Its sittings all lie in the days just after the start of the block the as-of falls in, and
  // a pool that did well there says little of the four weeks a recompute's windows stand: at
  // collegemsg's first tuning cut-off (eight days of them) the top pool was hit 26.0% of the
  // time in the replay, and its 2.5-star windows 16.2% over the next four weeks, its 2-star ones
  // 12.6%. Lower pools keep their bands: a record this short still tells which windows miss.
  let ceiling = 10;
  if (!wholeHorizons) {
    const all = blocks.reduce(
      (a, b) => ({ ...a, trials: a.trials + b.trials, hits: a.hits + b.hits }),
      { first: 1, last: 10, trials: 0, hits: 0 },
    );
    if (all.trials > 0) ceiling = starBand(promised(all)) * 2;
  }
  const bands = [...IDENTITY_BANDS];
  let current = blocks[0];
  for (let h = 1; h <= 10; h++) {
    const block = blocks.find((b) => b.first <= h && h <= b.last);
    if (block) current = block;
    // A raw band the replay never produced reads as the pool below it (or the first).
    const recorded = current ? starBand(promised(current)) : (IDENTITY_BANDS[h] as number);
    bands[h] = Math.min(recorded, ceiling / 2);
  }
  return bands;
}

/**
 * What stars should mean in this organisation: replays the sample's sittings with the fitted
 * strengths, shows the windows the model would have shown for each sitting's weekday at the
 * start of its horizon block (sittingReplay.ts), and fits how often a window of a given share,
 * with or without the contact's own sittings in it, was hit. A star promises a hit rate over
 * the weeks the windows stand: judged from just before each sitting instead, the sitting after
 * one in a chat (usually the same evening) made windows with own sittings look surer than they
 * were over the next four weeks, and on collegemsg's tuning cut-offs 3 stars were hit less
 * often than 2.5. The strengths are still fitted from just before each sitting
 * (strengthFit.ts): fitted over the horizon they leaned harder on the population, which gained
 * on collegemsg's tuning cut-offs and lost to own-hour on its held-out ones. Windows are then ranked and starred by this expected hit rate
 * rather than by the share: on the evaluation data a window borrowed from the contact's other
 * days or from the population is hit less often than an own one of the same share. The replay
 * treats every hour as open: business hours only rescale a day's shares to the open slots, so
 * the same map from share to hit rate serves, read as "given they engage in open hours".
 * In slices: it yields after each sampled contact replayed and each pass of the fit.
 */
export function* fitCalibration(
  sample: SittingSample,
  priors: BesttimePriors,
  params: ModelParams,
  pick: PickOptions,
  asOf: number,
): Steps<Record<Channel, HitCalibration>> {
  const spd = 1440 / priors.slotMinutes;
  // The block the as-of instant falls in: its sittings are judged over part of a horizon only,
  // and the record's bands wait for MIN_BAND_TRIALS windows of blocks judged whole.
  const openBlock = Math.floor(asOf / (params.horizonDays * DAY_MS));
  const live = new ReplayState(spd);
  const horizon = new ReplayState(spd);
  const open = new Uint8Array(spd).fill(1);
  const used = new Uint8Array(spd);
  const day = new Float64Array(spd);
  const picks = pickBuffer(pick.top);
  // A weekday's windows as known at a block's start, with the own sittings in each: worked out
  // once per contact, block and weekday, for every sitting of that block on that weekday and
  // for the borrowed days' caps (`stamp` holds the ReplayState.copies they were read from).
  const top = pick.top;
  const stamp = new Float64Array(7);
  const counts = new Int32Array(7);
  const wScore = new Float64Array(7 * top);
  const wFirst = new Int32Array(7 * top);
  const wEnd = new Int32Array(7 * top);
  const wOwn = new Int32Array(7 * top);
  const out: Record<Channel, HitCalibration> = { call: TRUST_SHARES, email: TRUST_SHARES };
  for (const channel of CHANNELS) {
    let targets = 0;
    for (const person of sample.people) targets += person.sittings[channel].count;
    const stride = Math.max(1, Math.ceil(targets / MAX_TARGETS));
    const { person: alpha, day: beta } = priors.strengths[channel];
    const populations = new PopulationShares(priors, channel, spd, params);
    const share = new Float64Array(7 * spd);
    const trials = new Trials();
    let seen = 0;
    let wholeTrials = 0;
    // The day's shares as the model computes them from what was known (shrinkage.ts).
    const dayShares = (known: ReplayState, base: number): void => {
      const now = known.now;
      const all = known.all * now;
      const dayMass = (known.dayMass[base / spd] as number) * now;
      for (let s = 0; s < spd; s++) {
        const prior =
          ((known.hourMass[s] as number) * now + alpha * (share[base + s] as number)) /
          (all + alpha);
        day[s] = ((known.cellMass[base + s] as number) * now + beta * prior) / (dayMass + beta);
      }
    };
    stamp.fill(-1);
    /** Fills weekday d's windows in wScore, wFirst, wEnd and wOwn from d * top; returns how many. */
    const windowsOn = (known: ReplayState, d: number): number => {
      if (stamp[d] === known.copies) return counts[d] as number;
      const base = d * spd;
      dayShares(known, base);
      const count = pickWindows(day, open, 0, used, 0.5 / spd, pick, picks);
      for (let k = 0; k < count; k++) {
        const w = picks[k] as PickedWindow;
        let own = 0;
        for (let s = w.firstSlot; s < w.endSlot; s++) own += known.cellSittings[base + s] as number;
        const i = d * top + k;
        wScore[i] = w.score;
        wFirst[i] = w.firstSlot;
        wEnd[i] = w.endSlot;
        wOwn[i] = own;
      }
      stamp[d] = known.copies;
      counts[d] = count;
      return count;
    };
    // The contact's windows on their own weekdays, once per block: what a borrowed day's
    // stars are capped at.
    let groupOf = -1;
    let group = UNCAPPED;
    const ownGroup = (known: ReplayState): number => {
      if (groupOf === known.copies) return group;
      groupOf = known.copies;
      for (let d = 0; d < 7; d++) {
        if (!known.ownWeekday(d)) continue;
        const count = windowsOn(known, d);
        for (let i = d * top; i < d * top + count; i++) {
          const own = wOwn[i] as number;
          if (own > 0) trials.own.push(wScore[i] as number, own, known.sittings);
        }
      }
      group = trials.own.close();
      return group;
    };
    for (const person of sample.people) {
      if (person.targets[channel] === 0) continue;
      populations.shareFor(person.tz, person.own[channel], share);
      const others = populations.othersByDay;
      replaySittings(person.sittings[channel], params, live, horizon, (cell, known) => {
        if (seen++ % stride !== 0) return;
        const slot = cell % spd;
        const base = cell - slot;
        const weekday = base / spd;
        // A weekday without their own evidence for the channel, by the app's own test: the app
        // caps its stars (capBorrowedDays), so the record rates them as capped.
        const borrowed = !known.ownWeekday(weekday);
        const capGroup = borrowed ? ownGroup(known) : UNCAPPED;
        const lonely = borrowed && others[weekday] !== 1;
        const count = windowsOn(known, weekday);
        for (let i = weekday * top; i < weekday * top + count; i++) {
          const hit = slot >= (wFirst[i] as number) && slot < (wEnd[i] as number);
          trials.push(wScore[i] as number, wOwn[i] as number, known.sittings, hit, capGroup, lonely);
        }
        if (known.block < openBlock) wholeTrials += count;
      });
      yield;
    }
    if (trials.count >= MIN_TRIALS)
      out[channel] = yield* fitLogistic(trials, wholeTrials >= MIN_BAND_TRIALS);
  }
  return out;
}
