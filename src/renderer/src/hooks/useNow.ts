import { useEffect, useState } from 'react';
import { coreNow } from '../clock/coreClock';

/**
 * The current instant by the core's clock (coreClock), refreshed every `everyMs`, at each turn of
 * the minute and exactly at `wakeAt` (the next state change the core announced), so a
 * struck-through window appears on time without a reload. Given as a function of the current
 * instant, `wakeAt` is asked again after every refresh: a fixed instant, once passed, would leave
 * every later change to the next tick.
 */
export function useNow(
  everyMs: number,
  wakeAt: number | null | ((at: number) => number | null) = null,
): number {
  const [now, setNow] = useState(() => coreNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(coreNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  // Its own timer beside the interval's, not folded into it or into `wakeAt`'s: a page's "now 10:07"
  // must turn with the minute a row's "No answer at 10:08" was written in, and each reading only
  // adds to the others, so a clock that jumps (after a sleep) still ends on the latest.
  useEffect(() => {
    const delay = wakeDelay(MINUTE - (coreNow() % MINUTE));
    if (delay === null) return;
    const timer = setTimeout(() => setNow(coreNow()), delay);
    return () => clearTimeout(timer);
  }, [now]);
  useEffect(() => {
    const at = coreNow();
    const next = typeof wakeAt === 'function' ? wakeAt(at) : wakeAt;
    if (next === null) return;
    const delay = wakeDelay(next - at);
    if (delay === null) return;
    const timer = setTimeout(() => setNow(coreNow()), delay);
    return () => clearTimeout(timer);
  }, [wakeAt, now]);
  return now;
}

const MINUTE = 60_000;

/** The longest delay a browser's timer keeps: a longer one (a holiday months away) fires at once. */
const LONGEST_TIMER_MS = 2_147_483_647;

/**
 * The timer's delay to wake `wait` ms from now (5 ms late, so the instant has passed), or null
 * when it has. One that is too long wakes at the longest instead and is set again from there:
 * given as is, it would fire at once, and again after each render, without end.
 */
export function wakeDelay(wait: number): number | null {
  if (wait <= 0) return null;
  return Math.min(wait + 5, LONGEST_TIMER_MS);
}
