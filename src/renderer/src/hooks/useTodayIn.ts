import { useEffect, useState } from 'react';
import { DateTime } from 'luxon';
import { coreNow } from '../clock/coreClock';
import { nextMidnight } from '../team/teamReload';
import { wakeDelay } from './useNow';

/**
 * Today's date in `zone` by the core's clock (coreClock), drawn again at that zone's midnight: a
 * page left open overnight would otherwise go on deciding by yesterday (which days may be asked
 * for, which one is today). Null until the zone is known.
 */
export function useTodayIn(zone: string | undefined): string | null {
  // Counts the wakes: one a moment early (the core's clock moved under the page) sets another.
  const [wakes, setWakes] = useState(0);
  const today = zone ? DateTime.fromMillis(coreNow(), { zone }).toISODate() : null;
  useEffect(() => {
    if (!zone) return;
    const at = coreNow();
    // The zone's next date, not 24 hours on: the day of a clock change is 23 or 25 hours long.
    const timer = setTimeout(
      () => setWakes((n) => n + 1),
      wakeDelay(nextMidnight(at, zone) - at) ?? 1_000,
    );
    return () => clearTimeout(timer);
  }, [zone, today, wakes]);
  return today;
}
