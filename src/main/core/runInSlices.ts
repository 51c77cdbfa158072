import type { Steps } from '../besttime/model/steps';

/** A turn of the event loop for the core's other requests. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** The longest sliced work holds the core's thread before letting other requests in. */
const SLICE_MS = 8;

export interface SliceControl {
  /** Asked before each slice: an error to end the work with (it is not finished), or null. */
  stopped?: () => Error | null;
  /** Told of each slice run (for tests and a session's stats). */
  onSlice?: () => void;
}

/**
 * Runs work written as steps (besttime/model/steps.ts) on the core's one thread in slices of a
 * few milliseconds, with a turn of the event loop before each: a People search or a planner
 * click asked meanwhile is answered between two slices, not after the work. The result is the
 * one `runSteps` gives.
 */
export async function runInSlices<T>(steps: Steps<T>, control: SliceControl = {}): Promise<T> {
  for (;;) {
    await nextTurn();
    const stop = control.stopped?.() ?? null;
    if (stop) {
      steps.return(undefined as never);
      throw stop;
    }
    control.onSlice?.();
    const sliceStart = Date.now();
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (Date.now() - sliceStart >= SLICE_MS) break;
    }
  }
}
