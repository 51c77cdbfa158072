/**
 * How many requests one organisation has at Zoho at once. Zoho caps requests in flight per
 * organisation (5 on the free edition, 10 Standard, 15 Professional, 20 Enterprise, 25 Ultimate),
 * counting every client of the organisation, and answers the one past the cap `429
 * TOO_MANY_REQUESTS`. So the cap is a setting (default 5), and after a 429 the limit drops to one
 * below what was in flight then (another integration has the rest) until the reset the answer
 * gave, then climbs back one request per hold period while the CRM keeps accepting.
 *
 * A small semaphore of our own rather than p-limit: the version in node_modules (3.x, a
 * transitive dependency) cannot change its concurrency while running, nor drop a queued task whose
 * caller gave up (a page fetched ahead that is no longer wanted).
 */
export const DEFAULT_IN_FLIGHT = 5;
/** Ultimate edition's cap: no organisation takes more. */
export const MAX_IN_FLIGHT = 25;
// A 429 without Retry-After or a reset: keep the lowered limit this long.
const DEFAULT_HOLD_MS = 5_000;

export class InFlightLimit {
  private active = 0;
  private current: number;
  private heldUntil = 0;
  private holdMs = DEFAULT_HOLD_MS;
  private readonly queue: (() => void)[] = [];

  constructor(
    private max: number,
    private readonly now: () => number = Date.now,
  ) {
    this.max = clamp(max);
    this.current = this.max;
  }

  /** The limit now (lower than the setting for a while after a 429). */
  get limit(): number {
    return this.current;
  }

  get inFlight(): number {
    return this.active;
  }

  /** A new setting: takes effect for the next requests; a lowered limit stays lowered. */
  setMax(max: number): void {
    this.max = clamp(max);
    this.current = Math.min(this.current, this.max);
    if (this.now() >= this.heldUntil) this.current = this.max;
    this.wake();
  }

  /**
   * Waits for a free place; the returned function gives it back (once, however often called).
   * An aborted signal takes a waiting request out of the queue.
   */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    this.recover();
    if (this.active < this.current && this.queue.length === 0) this.active++;
    // Else wake() counts the place in for us when it hands it over.
    else
      await new Promise<void>((resolve, reject) => {
        const turn = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          const at = this.queue.indexOf(turn);
          if (at >= 0) this.queue.splice(at, 1);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.queue.push(turn);
      });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.wake();
    };
  }

  /**
   * The CRM answered 429 while `inFlight` requests were out (the refused one included): it takes
   * fewer than that. `resetAt` is when its answer said the limit frees up (null: not said).
   */
  throttled(inFlight: number, resetAt: number | null): void {
    const now = this.now();
    this.current = Math.max(1, Math.min(this.current, inFlight - 1));
    this.holdMs = resetAt !== null && resetAt > now ? resetAt - now : DEFAULT_HOLD_MS;
    this.heldUntil = Math.max(this.heldUntil, now + this.holdMs);
  }

  /** One step back up per hold period past the last 429. */
  private recover(): void {
    const now = this.now();
    if (this.current >= this.max || now < this.heldUntil) return;
    this.current++;
    this.heldUntil = now + this.holdMs;
  }

  private wake(): void {
    this.recover();
    while (this.queue.length > 0 && this.active < this.current) {
      this.active++;
      this.queue.shift()?.();
    }
  }
}

function clamp(n: number): number {
  return Math.max(1, Math.min(MAX_IN_FLIGHT, Math.floor(n)));
}
