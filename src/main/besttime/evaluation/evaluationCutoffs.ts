import type { BesttimeEvent } from '../model/types';
import { TEST_DAYS } from './evaluationRun';

const DAY_MS = 86_400_000;

/** Every cut-off of a data set, as evaluate.ts describes them: the tuning half, then the held-out half. */
export function chooseCutoffs(events: readonly BesttimeEvent[]): number[] {
  if (events.length === 0) return [];
  let first = Infinity;
  let last = -Infinity;
  for (const e of events) {
    first = Math.min(first, e.at);
    last = Math.max(last, e.at);
  }
  const span = last - first;
  const step = Math.max(TEST_DAYS * DAY_MS, Math.round(span / 40 / DAY_MS) * DAY_MS);
  const start = Math.ceil((first + Math.max(TEST_DAYS * DAY_MS, span / 10)) / DAY_MS) * DAY_MS;
  const cutoffs: number[] = [];
  for (let t = start; t + TEST_DAYS * DAY_MS <= last; t += step) cutoffs.push(t);
  return cutoffs;
}

/**
 * The tuning and held-out cut-offs. Dense keeps the same boundary, the first held-out cut-off,
 * and steps 28 days on both sides (tuning test periods end before it), so on a long data set
 * many more acts are scored without any test period crossing from one half into the other.
 */
export function splitCutoffs(
  events: readonly BesttimeEvent[],
  dense = false,
): { tuning: number[]; heldOut: number[] } {
  const cutoffs = chooseCutoffs(events);
  const half = Math.ceil(cutoffs.length / 2);
  const tuning = cutoffs.slice(0, half);
  const heldOut = cutoffs.slice(half);
  const first = tuning[0];
  const boundary = heldOut[0];
  if (!dense || first === undefined || boundary === undefined) return { tuning, heldOut };
  let last = -Infinity;
  for (const e of events) last = Math.max(last, e.at);
  const step = TEST_DAYS * DAY_MS;
  const denseTuning: number[] = [];
  for (let t = first; t + step <= boundary; t += step) denseTuning.push(t);
  const denseHeldOut: number[] = [];
  for (let t = boundary; t + step <= last; t += step) denseHeldOut.push(t);
  return { tuning: denseTuning, heldOut: denseHeldOut };
}
