export interface BenchResult {
  name: string;
  medianMs: number;
  runs: number;
  size: string;
  budgetMs?: number;
  /** What medianMs counts when it is not milliseconds (e.g. "frames"). */
  unit?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
