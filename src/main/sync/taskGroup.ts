/**
 * Reads that run side by side (modules, stretches of one module, people's related lists) and end
 * together: the first failure stops the others (through `signal`), and `wait` returns once every
 * one has settled, so nothing writes after the sync has returned, then throws that first failure.
 */
export class TaskGroup {
  private readonly running = new Set<Promise<void>>();
  private readonly stop = new AbortController();
  private failure: { error: unknown } | null = null;
  /** Aborted when the parent's signal is, or a task of the group failed. */
  readonly signal: AbortSignal;

  constructor(parent: AbortSignal | undefined) {
    this.signal = parent ? AbortSignal.any([parent, this.stop.signal]) : this.stop.signal;
  }

  spawn(task: () => Promise<void>): void {
    const run = (async () => {
      try {
        await task();
      } catch (error) {
        this.fail(error);
      }
    })();
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  /** Stops the group with this error (the first one given wins). */
  fail(error: unknown): void {
    if (this.failure) return;
    this.failure = { error };
    // An AbortError for the others, whatever stopped them: the failure is this one's to report.
    this.stop.abort();
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** Until every task, including those spawned meanwhile, has settled; then the first failure. */
  async wait(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
    if (this.failure) throw this.failure.error;
  }
}
