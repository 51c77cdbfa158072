/** Of the acts two methods both predicted, those only the model's first window caught and those only the other's did. */
export interface PairedCounts {
  modelOnly: number;
  baselineOnly: number;
}

/**
 * The model's hit rate minus another method's on the same `acts`, and the standard error of that
 * difference. Paired: both predict the same acts, so only the acts where exactly one of them hit
 * carry the difference, and two rates a few acts apart on a small sample are told from a lead.
 * `npm run eval` prints it; the Settings panel judges its verdicts by it.
 */
export function pairedMargin(
  p: PairedCounts,
  acts: number,
): { margin: number; standardError: number } {
  if (acts === 0) return { margin: 0, standardError: 0 };
  const margin = (p.modelOnly - p.baselineOnly) / acts;
  // Variance of the mean of per-act differences in {-1, 0, 1}.
  const variance = ((p.modelOnly + p.baselineOnly) / acts - margin * margin) / acts;
  return { margin, standardError: Math.sqrt(Math.max(0, variance)) };
}
