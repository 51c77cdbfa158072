import { SPARSE_SIGNALS } from './modelParams';

/**
 * Stars from two things: the window's score (the share of the contact's engagement on that
 * weekday expected inside it, which is what a hit rate measures) and how much of the evidence
 * is the contact's own. Windows rarely score above 0.3 on the evaluation data, so 0.3 is five
 * stars and the scale is linear below it; hit rates rise band by band on both data sets, with
 * the thin top bands noisy (see bench/results/eval.json). The evidence cap keeps a sparse
 * contact from ever reaching 5 stars.
 */
const SCORE_FOR_FULL = 0.3;

export function evidenceCap(ownSignals: number): number {
  if (ownSignals < 2) return 1.5;
  if (ownSignals < SPARSE_SIGNALS) return 2.5;
  if (ownSignals < 10) return 3.5;
  if (ownSignals < 20) return 4.5;
  return 5;
}

export function starsFor(score: number, ownSignals: number): number {
  const raw = Math.min(1, score / SCORE_FOR_FULL) * 5;
  const halves = Math.max(1, Math.round(raw * 2));
  return Math.min(halves / 2, evidenceCap(ownSignals));
}
