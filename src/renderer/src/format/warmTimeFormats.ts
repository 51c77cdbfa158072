import { DateTime } from 'luxon';
import { dayZoneLabel, formatClock, formatDay } from './time';

/**
 * A page's first times cost more than all later ones: Luxon sets up its zone and formats and ICU
 * starts its first formatter, tens of milliseconds on a slow machine, paid in the first render
 * after the page's read arrives. A page opening on a read still on its way pays them while it
 * waits instead: the clock, the day's name, its zone's label and the board's day as the Team
 * page's first render writes them, in this computer's zone (the page's own are not known yet:
 * starting ICU is most of the cost).
 */
function warmTimeFormats(): void {
  const now = DateTime.local();
  const date = now.toISODate() ?? '';
  formatClock(now.toMillis(), now.zoneName);
  formatDay(date, now.zoneName);
  dayZoneLabel(date, now.zoneName);
  now.setLocale('en').toFormat('ccc d LLL');
}

/** Warms the formats when the page is idle (soon, whatever happens), where the browser has a way to say it. */
export function warmTimeFormatsSoon(): void {
  if (typeof requestIdleCallback === 'function')
    requestIdleCallback(warmTimeFormats, { timeout: 300 });
}
