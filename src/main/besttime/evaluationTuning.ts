import type { Channel } from '../../shared/signals';
import { chooseCutoffs } from './evaluate';
import { emptyTally, scoreCutoff, type ChannelTally } from './evaluationRun';
import { MODEL_PARAMS, type ModelParams } from './modelParams';
import type { BesttimeEvent } from './types';

/** Values tried per constant; coordinate descent from the current defaults. */
const GRID: Partial<Record<keyof ModelParams, number[]>> = {
  dayStrength: [8, 16, 32, 64],
  personStrength: [6, 12, 25, 50, 100],
  halfLifeDays: [30, 90, 180, 365, 1000],
  neighbourShare: [0, 0.1, 0.25, 0.33],
  zonePeople: [20, 80, 200, 1000],
};

/** Mean hit@1 over data sets, on the tuning (earlier) half of each one's cut-offs only. */
function objective(
  datasets: { events: BesttimeEvent[]; cutoffs: number[] }[],
  params: ModelParams,
): number {
  let sum = 0;
  for (const d of datasets) {
    const tallies: Record<Channel, ChannelTally> = { call: emptyTally(), email: emptyTally() };
    for (const cutoff of d.cutoffs) scoreCutoff(d.events, cutoff, 60, tallies, params);
    const t = tallies.email.model;
    sum += t.acts ? t.hit1 / t.acts : 0;
  }
  return sum / datasets.length;
}

export function tune(
  sets: { name: string; events: BesttimeEvent[] }[],
  log: (s: string) => void,
): ModelParams {
  const datasets = sets.map((s) => {
    const cutoffs = chooseCutoffs(s.events);
    return { events: s.events, cutoffs: cutoffs.slice(0, Math.ceil(cutoffs.length / 2)) };
  });
  let best = { ...MODEL_PARAMS };
  let bestScore = objective(datasets, best);
  log(`start ${bestScore.toFixed(4)} ${JSON.stringify(best)}`);
  for (let round = 0; round < 2; round++) {
    for (const [key, values] of Object.entries(GRID) as [keyof ModelParams, number[]][]) {
      for (const value of values) {
        if (best[key] === value) continue;
        const candidate = { ...best, [key]: value };
        const score = objective(datasets, candidate);
        if (score > bestScore + 1e-4) {
          best = candidate;
          bestScore = score;
          log(`better ${score.toFixed(4)} ${key}=${value}`);
        }
      }
    }
  }
  log(`best ${bestScore.toFixed(4)} ${JSON.stringify(best)}`);
  return best;
}
