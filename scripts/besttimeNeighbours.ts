// Experiment (not shipped): does a neighbourhood prior beat the zone's and organisation's hours?
// Each scored contact's population shares are mixed with those of the k contacts whose hour
// profiles before the cut-off are most like theirs (cosine, similarity-weighted), and hit@1 is
// compared act by act with today's model, on the TUNING cut-offs only (git-authors --dense,
// collegemsg). The model is untouched: the mix is applied by wrapping PopulationShares.shareFor
// while contacts are scored, after the priors (strengths, calibration) were fitted as today.
//   npx tsx scripts/besttimeNeighbours.ts [git-authors|collegemsg ...]
// Environment:
//   GRID=brief (k 10-100, mix 0.5/1) | wide (k 100-400, mix 0.25/0.5, cosine^4) | control (no
//     neighbours, person strength scaled only) | fit (k 25-200, mix 0.25-1; use with FIT=1)
//   FIT=1: the strengths and star calibration are refitted against the mixed prior as well
//   LOWRANK=1: instead of neighbours, the contact's week projected on the first 1-8 principal
//     axes of everyone's week profiles
//   PROFILE_HALF_LIFE=fitted: neighbours' profiles decayed with the half-life the history chose
// Outcome (December 2026): no variant gained more than its paired standard error on both data
// sets; git-authors at best +0.1 +- 0.1 points, collegemsg at best +0.5 +- 0.2 (best of ~50).
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseEventsCsv } from '../src/main/besttime/eventsCsv';
import { splitCutoffs } from '../src/main/besttime/evaluation/evaluationCutoffs';
import {
  collapseActs,
  localSlot,
  windowsByWeekday,
} from '../src/main/besttime/evaluation/evaluationScoring';
import { MODEL_PARAMS } from '../src/main/besttime/model/modelParams';
import { computePeople } from '../src/main/besttime/model/personModel';
import { PersonGridBuilder } from '../src/main/besttime/model/personGrid';
import { PopulationShares } from '../src/main/besttime/model/populationShares';
import { buildPriors, groupByPerson } from '../src/main/besttime/model/priors';
import { SittingSample } from '../src/main/besttime/model/sittingReplay';
import type { BesttimeEvent, PersonChannelWindows } from '../src/main/besttime/model/types';

const SPD = 24;
const CELLS = 7 * SPD;
const DAY_MS = 86_400_000;

interface Profile {
  mass: Float64Array;
  total: number;
}

interface Variant {
  name: string;
  /** 'hour': 24 slots summed over the week; 'week': all 168 cells; 'pca': k leading axes, no neighbours. */
  similarity: 'hour' | 'week' | 'pca';
  k: number;
  /** Share of the neighbours' profile in the mix with the zone's / organisation's. */
  mix: number;
  /** Multiplies the fitted person strength (pseudo-sittings toward the mixed prior). */
  strength: number;
  /** Neighbours need at least this much decayed sitting mass. */
  minTotal: number;
  /** Each neighbour weighs cosine^power: above 1, the closest of many count most. */
  power: number;
}

const state = {
  recording: false,
  profiles: new Map<string, Profile>(),
  current: '',
  mix: 0,
  neighbourShares: new Map<string, Float64Array>(),
  /** FIT=1: the strengths and star calibration are fitted against the mixed prior too. */
  fitting: false,
  fitShares: new Map<string, Float64Array>(),
  sampled: new WeakMap<object, string>(),
};

const originalKeep = SittingSample.prototype.keep;
SittingSample.prototype.keep = function (tz, latestAt, channels) {
  originalKeep.call(this, tz, latestAt, channels);
  const kept = this.people[this.people.length - 1];
  if (kept) state.sampled.set(kept.own.email, state.current);
};

const originalLoad = PersonGridBuilder.prototype.load;
PersonGridBuilder.prototype.load = function (personId, events, explain = true) {
  originalLoad.call(this, personId, events, explain);
  state.current = personId;
  if (state.recording && !explain) {
    const g = this.channels.email;
    if (g.total > 0) state.profiles.set(personId, { mass: g.mass.slice(), total: g.total });
  }
  return this;
};

const originalShareFor = PopulationShares.prototype.shareFor;
PopulationShares.prototype.shareFor = function (tz, own, out) {
  originalShareFor.call(this, tz, own, out);
  if (state.mix === 0) return out;
  const neighbours = state.fitting
    ? state.fitShares.get(own ? (state.sampled.get(own) ?? '') : '')
    : state.neighbourShares.get(state.current);
  if (!neighbours) return out;
  const m = state.mix;
  for (let c = 0; c < CELLS; c++)
    out[c] = (1 - m) * (out[c] as number) + m * (neighbours[c] as number);
  return out;
};

function unit(p: Profile, kind: 'hour' | 'week'): Float64Array {
  const v = new Float64Array(kind === 'hour' ? SPD : CELLS);
  for (let c = 0; c < CELLS; c++) {
    const i = kind === 'hour' ? c % SPD : c;
    v[i] = (v[i] as number) + (p.mass[c] as number);
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
  return v;
}

/** Per scored contact, the MAX_K most similar others (id, cosine), most similar first. */
function nearest(
  scored: string[],
  profiles: Map<string, Profile>,
  kind: 'hour' | 'week',
  minTotal: number,
): Map<string, { id: string; sim: number }[]> {
  const ids = [...profiles.keys()].filter((id) => (profiles.get(id) as Profile).total >= minTotal);
  const vecs = new Map<string, Float64Array>();
  for (const [id, p] of profiles) vecs.set(id, unit(p, kind));
  const out = new Map<string, { id: string; sim: number }[]>();
  for (const me of scored) {
    const mine = vecs.get(me);
    if (!mine) continue;
    const sims: { id: string; sim: number }[] = [];
    for (const id of ids) {
      if (id === me) continue;
      const v = vecs.get(id) as Float64Array;
      let s = 0;
      for (let i = 0; i < v.length; i++) s += (v[i] as number) * (mine[i] as number);
      if (s > 0) sims.push({ id, sim: s });
    }
    sims.sort((a, b) => b.sim - a.sim);
    out.set(me, sims.slice(0, MAX_K));
  }
  return out;
}

/** The neighbours' week, each counted once, as shares per weekday (like PopulationShares). */
function neighbourShares(
  list: { id: string; sim: number }[],
  k: number,
  power: number,
  profiles: Map<string, Profile>,
): Float64Array {
  const mass = new Float64Array(CELLS);
  for (const { id, sim: cosine } of list.slice(0, k)) {
    const p = profiles.get(id) as Profile;
    const sim = cosine ** power;
    for (let c = 0; c < CELLS; c++)
      mass[c] = (mass[c] as number) + (sim * (p.mass[c] as number)) / p.total;
  }
  return asDayShares(mass);
}

/** Shares per weekday, with the 2 % uniform floor PopulationShares keeps. */
function asDayShares(mass: Float64Array): Float64Array {
  const out = new Float64Array(CELLS);
  for (let d = 0; d < 7; d++) {
    let sum = 0;
    for (let s = 0; s < SPD; s++) sum += mass[d * SPD + s] as number;
    for (let s = 0; s < SPD; s++)
      out[d * SPD + s] =
        0.02 / SPD + (sum > 0 ? (0.98 * (mass[d * SPD + s] as number)) / sum : 0.98 / SPD);
  }
  return out;
}

interface Axes {
  mean: Float64Array;
  axes: Float64Array[];
}

/** The leading principal axes of everyone's week profiles (shares of their sittings). */
function principalAxes(profiles: Map<string, Profile>, minTotal: number, rank: number): Axes {
  const rows: Float64Array[] = [];
  for (const p of profiles.values())
    if (p.total >= minTotal) rows.push(p.mass.map((m) => m / p.total));
  const mean = new Float64Array(CELLS);
  for (const r of rows)
    for (let c = 0; c < CELLS; c++) mean[c] = (mean[c] as number) + (r[c] as number) / rows.length;
  const cov = Array.from({ length: CELLS }, () => new Float64Array(CELLS));
  for (const r of rows) {
    const x = r.map((v, c) => v - (mean[c] as number));
    for (let a = 0; a < CELLS; a++) {
      const xa = x[a] as number;
      if (xa === 0) continue;
      const row = cov[a] as Float64Array;
      for (let b = 0; b < CELLS; b++) row[b] = (row[b] as number) + xa * (x[b] as number);
    }
  }
  const axes: Float64Array[] = [];
  for (let j = 0; j < rank; j++) {
    let v = Float64Array.from({ length: CELLS }, (_, c) => 1 + ((c * 7919) % 13) / 13);
    let lambda = 0;
    for (let it = 0; it < 300; it++) {
      const w = new Float64Array(CELLS);
      for (let a = 0; a < CELLS; a++) {
        const row = cov[a] as Float64Array;
        let sum = 0;
        for (let b = 0; b < CELLS; b++) sum += (row[b] as number) * (v[b] as number);
        w[a] = sum;
      }
      lambda = Math.sqrt(w.reduce((acc, x) => acc + x * x, 0)) || 1;
      v = w.map((x) => x / lambda);
    }
    axes.push(v);
    for (let a = 0; a < CELLS; a++)
      for (let b = 0; b < CELLS; b++)
        (cov[a] as Float64Array)[b] =
          ((cov[a] as Float64Array)[b] as number) - lambda * (v[a] as number) * (v[b] as number);
  }
  return { mean, axes };
}

/** A contact's week projected on the leading axes: what people with their habits also do. */
function lowRankShares(p: Profile, pca: Axes, rank: number): Float64Array {
  const x = p.mass.map((m) => m / p.total);
  const rec = pca.mean.slice();
  for (const u of pca.axes.slice(0, rank)) {
    let dot = 0;
    for (let c = 0; c < CELLS; c++)
      dot += ((x[c] as number) - (pca.mean[c] as number)) * (u[c] as number);
    for (let c = 0; c < CELLS; c++) rec[c] = (rec[c] as number) + dot * (u[c] as number);
  }
  for (let c = 0; c < CELLS; c++) if ((rec[c] as number) < 0) rec[c] = 0;
  return asDayShares(rec);
}

function hits(
  results: PersonChannelWindows[],
  acts: { personId: string; at: number }[],
): Uint8Array {
  const byPerson = new Map(
    results.filter((r) => r.channel === 'email').map((r) => [r.personId, r]),
  );
  const out: number[] = [];
  for (const act of acts) {
    const r = byPerson.get(act.personId);
    if (!r) continue;
    const { weekday, slot } = localSlot(r.tz, act.at, 60);
    const first = windowsByWeekday(r, 60)[weekday - 1]?.[0];
    out.push(first && slot >= first.first && slot < first.end ? 1 : 0);
  }
  return Uint8Array.from(out);
}

const VARIANTS: Variant[] = [];
// GRID=control: no neighbours, only the person strength scaled (what the strength alone does).
const GRIDS = {
  brief: { k: [10, 25, 50, 100], mix: [0.5, 1], strength: [1, 2], power: [1] },
  wide: { k: [100, 200, 400], mix: [0.25, 0.5], strength: [1, 2], power: [1, 4] },
  control: { k: [100], mix: [0], strength: [0.5, 2, 4], power: [1] },
  fit: { k: [25, 100, 200], mix: [0.25, 0.5, 1], strength: [1], power: [1] },
};
const GRID = GRIDS[(process.env.GRID ?? 'brief') as keyof typeof GRIDS];
const MAX_K = Math.max(...GRID.k);
if (process.env.LOWRANK === '1')
  for (const k of [1, 2, 4, 8])
    for (const mix of [0.25, 0.5, 1])
      VARIANTS.push({
        name: `pca rank=${k} mix=${mix}`,
        similarity: 'pca',
        k,
        mix,
        strength: 1,
        minTotal: 3,
        power: 1,
      });
else
  for (const similarity of (process.env.FIT === '1' ? ['week'] : ['hour', 'week']) as (
    'hour' | 'week'
  )[])
    for (const k of GRID.k)
      for (const mix of GRID.mix)
        for (const strength of GRID.strength)
          for (const power of GRID.power)
            VARIANTS.push({
              name: `${similarity} k=${k} mix=${mix} strength×${strength} cos^${power}`,
              similarity,
              k,
              mix,
              strength,
              minTotal: 3,
              power,
            });

async function run(name: string): Promise<void> {
  const dataDir = process.env.CW_DATA_DIR ?? resolve(import.meta.dirname, '../../shared/data');
  const file = join(dataDir, name, 'events.csv');
  const events: BesttimeEvent[] = parseEventsCsv(file, await readFile(file, 'utf8'), () => {});
  const { tuning } = splitCutoffs(events, true);
  const base: number[] = [];
  const variants = VARIANTS.map(() => [] as number[]);
  for (const cutoff of tuning) {
    const train = events.filter((e) => e.at < cutoff);
    const test = events.filter((e) => e.at >= cutoff && e.at < cutoff + 28 * DAY_MS);
    if (train.length === 0 || test.length === 0) continue;
    const opts = {
      asOf: cutoff,
      orgTz: 'UTC',
      businessHours: null,
      slotMinutes: 60 as const,
      top: 3,
    };
    const byPerson = groupByPerson(train);
    state.mix = 0;
    state.profiles.clear();
    state.recording = true;
    const priors = buildPriors(byPerson, opts, MODEL_PARAMS);
    state.recording = false;
    const allTime = new Map(state.profiles);
    if (
      process.env.PROFILE_HALF_LIFE === 'fitted' &&
      priors.halfLifeDays !== MODEL_PARAMS.halfLifeDays
    ) {
      // The neighbours' hours as the model weighs them: decayed with the half-life this history chose.
      const grid = new PersonGridBuilder(opts, {
        ...MODEL_PARAMS,
        halfLifeDays: priors.halfLifeDays,
      });
      state.recording = true;
      state.profiles.clear();
      for (const [id, list] of byPerson) grid.load(id, list, false);
      state.recording = false;
    }
    const acts = collapseActs(test, 'email');
    const scoredIds = [...new Set(acts.map((a) => a.personId))].filter((id) => byPerson.has(id));
    const scored = new Map(scoredIds.map((id) => [id, byPerson.get(id) as BesttimeEvent[]]));
    base.push(...hits(computePeople(scored, priors, opts), acts));
    const near = {
      hour: nearest(scoredIds, state.profiles, 'hour', 3),
      week: nearest(scoredIds, state.profiles, 'week', 3),
    };
    const pca = principalAxes(state.profiles, 3, process.env.LOWRANK === '1' ? 8 : 0);
    const fitNear =
      process.env.FIT === '1' ? nearest([...byPerson.keys()], allTime, 'week', 3) : null;
    VARIANTS.forEach((v, i) => {
      let fitted = priors;
      if (fitNear) {
        state.fitShares.clear();
        for (const [id, list] of fitNear)
          state.fitShares.set(id, neighbourShares(list, v.k, v.power, allTime));
        state.mix = v.mix;
        state.fitting = true;
        fitted = buildPriors(byPerson, opts, MODEL_PARAMS);
        state.fitting = false;
        state.mix = 0;
      }
      state.neighbourShares.clear();
      if (v.similarity === 'pca') {
        for (const id of scoredIds) {
          const p = state.profiles.get(id);
          if (p) state.neighbourShares.set(id, lowRankShares(p, pca, v.k));
        }
      } else
        for (const [id, list] of near[v.similarity])
          state.neighbourShares.set(id, neighbourShares(list, v.k, v.power, state.profiles));
      state.mix = v.mix;
      const email = fitted.strengths.email;
      const scaled = {
        ...fitted,
        strengths: { ...fitted.strengths, email: { ...email, person: email.person * v.strength } },
      };
      (variants[i] as number[]).push(...hits(computePeople(scored, scaled, opts), acts));
      state.mix = 0;
    });
  }
  const n = base.length;
  const baseRate = base.reduce((a, b) => a + b, 0) / n;
  console.log(
    `${name}: ${tuning.length} tuning cut-offs, ${n} acts, model hit@1 ${(100 * baseRate).toFixed(1)}`,
  );
  VARIANTS.forEach((v, i) => {
    const h = variants[i] as number[];
    let only = 0;
    let baseOnly = 0;
    for (let j = 0; j < n; j++) {
      if (h[j] === 1 && base[j] === 0) only++;
      if (h[j] === 0 && base[j] === 1) baseOnly++;
    }
    const diff = (only - baseOnly) / n;
    const se = Math.sqrt(Math.max(0, ((only + baseOnly) / n - diff * diff) / n));
    const rate = h.reduce((a, b) => a + b, 0) / n;
    console.log(
      `  ${v.name.padEnd(42)} hit@1 ${(100 * rate).toFixed(1)}  vs model ${diff >= 0 ? '+' : ''}${(100 * diff).toFixed(2)} ± ${(100 * se).toFixed(2)}`,
    );
  });
}

const names = process.argv.slice(2);
for (const name of names.length ? names : ['collegemsg', 'git-authors']) await run(name);
