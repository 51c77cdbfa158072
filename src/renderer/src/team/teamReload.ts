import { DateTime } from 'luxon';

/**
 * The Team page reads again this often anyway, besides on data changes and at each instant a
 * counted window changes state (`countReloadFor`).
 */
export const RELOAD_MS = 5 * 60_000;

/**
 * The next midnight after `now` in `zone`: where the manager's today (and, on a Monday, their
 * week) turns over. Taken as the zone's next date, not 24 hours on: the day of a clock change is
 * 23 or 25 hours long.
 */
export function nextMidnight(now: number, zone: string): number {
  return DateTime.fromMillis(now, { zone }).plus({ days: 1 }).startOf('day').toMillis();
}

/** What `countsStaleAt` reads of a team day: each lane's next change of what it counts. */
interface CountedDay {
  reps: readonly { countsChangeAt: number | null }[];
}

/**
 * The first instant after the core counted `day` (its `now`) at which a window the coverage
 * counts opens, ends or is struck through (30 minutes after its end): from then the coverage and
 * the lanes' counts ("0 missed · 3 just ended") lag the blocks, which the page colours by its own
 * clock. Each lane says its own (`countsChangeAt`), of every window it counts: a lane draws 150
 * at most, and one it leaves off moves its counts as much as one it draws. Null when nothing
 * counted changes any more that day.
 */
export function countsStaleAt(day: CountedDay): number | null {
  let soonest: number | null = null;
  for (const lane of day.reps) {
    const at = lane.countsChangeAt;
    if (at !== null && (soonest === null || at < soonest)) soonest = at;
  }
  return soonest;
}

/**
 * The instant to read the day again for at `now`, or null: once the counts are stale
 * (`countsStaleAt`), and once per such instant. A core whose answer is not newer than that
 * instant (its clock a moment behind the page's) leaves the same instant due, which was read for
 * already: the page waits for the next instant, or the regular reload, instead of asking again
 * and again.
 */
export function countReloadFor(
  day: CountedDay,
  now: number,
  readFor: number | null,
): number | null {
  const due = countsStaleAt(day);
  return due !== null && now >= due && due !== readFor ? due : null;
}

/** How many times a read of today is asked again while the core still answers the day before. */
export const CORE_BEHIND_TRIES = 5;

/** The page's today, and how often a read of it was asked again for an answer of the day before. */
export interface BehindTries {
  today: string | null;
  tries: number;
}

/**
 * The tries after one more read of today, or null when none is due. The core's clock decides what
 * today is: a read of today asked at the page's midnight, a moment before the core's, answers
 * yesterday (`answered`, null while a read is on its way), and is asked again. A few times only
 * (`CORE_BEHIND_TRIES`) per today: clocks that stay apart would otherwise read the whole day every
 * second, and the 5-minute reload still follows. `today` is null on another day than today.
 */
export function coreBehindRetry(
  tried: BehindTries,
  today: string | null,
  answered: string | null,
): BehindTries | null {
  if (today === null || answered === null || answered >= today) return null;
  const tries = tried.today === today ? tried.tries : 0;
  return tries < CORE_BEHIND_TRIES ? { today, tries: tries + 1 } : null;
}
