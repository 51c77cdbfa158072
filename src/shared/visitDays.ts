import { DateTime } from 'luxon';

/**
 * The day a visit counts for in "days visited" (VT-3): its calendar date in `zone`, the
 * organisation's, whatever the clocks did that night. The person page and the live demo's
 * summaries count days so.
 */
export function visitDay(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toISODate() ?? '';
}
