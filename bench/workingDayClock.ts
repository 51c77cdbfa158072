import { DateTime } from 'luxon';

/**
 * A clock that starts at 11:00 on the latest working day (Monday to Friday) where the rep is,
 * then runs: the planner's benchmarks measure a working day's plan whatever hour or day they run
 * (at night or at the weekend the demo's plans are over or empty, and no row ever comes). The
 * pages follow the core's clock.
 */
export function workingDayClock(zone: string): () => number {
  let day = DateTime.now().setZone(zone);
  while (day.weekday > 5) day = day.minus({ days: 1 });
  const start = day.set({ hour: 11, minute: 0, second: 0, millisecond: 0 }).toMillis();
  const started = Date.now();
  return () => start + (Date.now() - started);
}
