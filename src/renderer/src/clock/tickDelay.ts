/**
 * How long until the page's clock next turns, read at `at` (the core's clock): at the next instant
 * that is a whole number of `everyMs` since the epoch. Given a divisor of a minute, that is every
 * minute's turn, in every zone: their offsets from UTC (and the hours a daylight-saving change
 * moves them by) are whole minutes, so 10:07 becomes 10:08 on the same instant in Berlin,
 * Kathmandu (UTC+5:45) and on Lord Howe (a half-hour change). Every time a page shows then turns
 * together, instead of each one up to its refresh late ("now 10:07" beside "No answer at 10:08").
 *
 * Asked again at every tick, from the clock as it reads then: a clock that jumped (a computer
 * that slept, a test moving time) is caught up at the next tick, and a timer that fired a little
 * early waits only for what is left of the minute, not a whole one more.
 */
export function tickDelay(at: number, everyMs: number): number {
  const into = ((at % everyMs) + everyMs) % everyMs;
  return everyMs - into;
}
