/**
 * Reads up to `width()` items at once (asked again as reads end: the CRM's limit moves) and
 * commits them one at a time in the items' order, so a
 * stop anywhere (a failure, a kill) leaves the items before it committed and none after it, as
 * reading them one by one would, and a cursor written with each commit stays exact. `commit` gets
 * each read's outcome (a failed read is the item's to judge) and returns false to stop there:
 * the reads still going are then aborted and their answers dropped.
 */
export async function readInTurn<T, R>(
  items: readonly T[],
  width: () => number,
  signal: AbortSignal | undefined,
  read: (item: T, signal: AbortSignal) => Promise<R>,
  commit: (item: T, outcome: PromiseSettledResult<R>) => Promise<boolean>,
): Promise<boolean> {
  const stop = new AbortController();
  const readSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  // Settled outcomes: a read that fails after the stop is nobody's unhandled rejection.
  const reads: Promise<PromiseSettledResult<R>>[] = [];
  const launch = (committed: number): void => {
    while (reads.length < items.length && reads.length - committed < Math.max(1, width())) {
      const item = items[reads.length] as T;
      reads.push(
        read(item, readSignal).then(
          (value) => ({ status: 'fulfilled', value }),
          (reason: unknown) => ({ status: 'rejected', reason }),
        ),
      );
    }
  };
  try {
    launch(0);
    for (let i = 0; i < items.length; i++) {
      const outcome = await (reads[i] as Promise<PromiseSettledResult<R>>);
      if (!(await commit(items[i] as T, outcome))) return false;
      launch(i + 1);
    }
    return true;
  } finally {
    stop.abort();
  }
}
