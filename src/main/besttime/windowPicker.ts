export interface PickedWindow {
  /** Slot indexes within the day: first included, end excluded. */
  firstSlot: number;
  endSlot: number;
  score: number;
}

export interface PickOptions {
  top: number;
  /** Longest window in slots. */
  maxSlots: number;
  /** A neighbour joins a window only with at least this share of the seed slot's score. */
  mergeRatio: number;
}

/** Windows stay short enough to act on: "call between 10:00 and 11:00", at most two hours. */
export function maxWindowSlots(slotMinutes: number): number {
  return Math.max(1, Math.min(3, Math.floor(120 / slotMinutes)));
}

/**
 * Greedy: take the best free open slot, grow it towards the stronger free open neighbour while
 * that neighbour is nearly as good, repeat. Ties go to the earlier slot so equal input always
 * gives equal output. `share` covers one day, whose open flags start at open[openBase]; `used`
 * is scratch as long as `share`. Seeds below `minSeed` are not worth showing. Returned best first.
 */
export function pickWindows(
  share: Float64Array,
  open: Uint8Array,
  openBase: number,
  used: Uint8Array,
  minSeed: number,
  opts: PickOptions,
): PickedWindow[] {
  const n = share.length;
  used.fill(0);
  const picked: PickedWindow[] = [];
  while (picked.length < opts.top) {
    let seed = -1;
    let best = -1;
    for (let i = 0; i < n; i++) {
      const v = share[i] ?? 0;
      if (open[openBase + i] === 1 && used[i] === 0 && v > best) {
        seed = i;
        best = v;
      }
    }
    if (seed < 0 || best < minSeed) break;
    const bar = best * opts.mergeRatio;
    let first = seed;
    let end = seed + 1;
    while (end - first < opts.maxSlots) {
      const left =
        first > 0 && open[openBase + first - 1] === 1 && used[first - 1] === 0
          ? (share[first - 1] ?? 0)
          : -1;
      const right =
        end < n && open[openBase + end] === 1 && used[end] === 0 ? (share[end] ?? 0) : -1;
      const better = Math.max(left, right);
      if (better < bar || better <= 0) break;
      if (left >= right) first--;
      else end++;
    }
    let score = 0;
    for (let i = first; i < end; i++) {
      used[i] = 1;
      score += share[i] ?? 0;
    }
    picked.push({ firstSlot: first, endSlot: end, score });
  }
  return picked.sort((a, b) => b.score - a.score || a.firstSlot - b.firstSlot);
}
