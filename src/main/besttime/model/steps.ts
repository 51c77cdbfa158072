/**
 * Work that can be done in slices: a generator that yields between units of work (a contact
 * learned, a contact scored) and returns its result. `runSteps` does it all at once; the
 * backtest's runner gives the event loop a turn between slices, so the core's other requests
 * are answered while it learns (the model itself stays free of timers and of the event loop).
 */
export type Steps<T> = Generator<void, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
