import { useEffect, useState } from 'react';
import { coreNow } from '../clock/coreClock';

/**
 * The current instant by the core's clock (coreClock), refreshed every `everyMs` and exactly at
 * `wakeAt` (the next state change the core announced), so a struck-through window appears on time
 * without a reload. Given as a function of the current instant, `wakeAt` is asked again after
 * every refresh: a fixed instant, once passed, would leave every later change to the next tick.
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
  useEffect(() => {
    const at = coreNow();
    const next = typeof wakeAt === 'function' ? wakeAt(at) : wakeAt;
    if (next === null) return;
    const wait = next - at;
    if (wait <= 0) return;
    const timer = setTimeout(() => setNow(coreNow()), wait + 5);
    return () => clearTimeout(timer);
  }, [wakeAt, now]);
  return now;
}
