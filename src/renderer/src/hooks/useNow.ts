import { useEffect, useState } from 'react';
import { coreNow } from '../clock/coreClock';

/**
 * The current instant by the core's clock (coreClock), refreshed every `everyMs` and exactly at
 * `wakeAt` (the next state change the core announced), so a struck-through window appears on time
 * without a reload.
 */
export function useNow(everyMs: number, wakeAt: number | null = null): number {
  const [now, setNow] = useState(() => coreNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(coreNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  useEffect(() => {
    if (wakeAt === null) return;
    const wait = wakeAt - coreNow();
    if (wait <= 0) return;
    const timer = setTimeout(() => setNow(coreNow()), wait + 5);
    return () => clearTimeout(timer);
  }, [wakeAt, now]);
  return now;
}
