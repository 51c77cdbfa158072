import { useEffect, useState } from 'react';

/**
 * The current instant, refreshed every `everyMs` and exactly at `wakeAt` (the next state change
 * the core announced), so a struck-through window appears on time without a reload.
 */
export function useNow(everyMs: number, wakeAt: number | null = null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  useEffect(() => {
    if (wakeAt === null) return;
    const wait = wakeAt - Date.now();
    if (wait <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), wait + 5);
    return () => clearTimeout(timer);
  }, [wakeAt, now]);
  return now;
}
