import { DateTime } from 'luxon';

/**
 * A past day reads as it was planned, and plans are kept 90 days (dayPlanSnapshots.ts); a day
 * before that, or years ahead, would show today's windows as if they had been that day's. The
 * app's day pickers and the `plan` and `team` commands allow the same days.
 */
export const PAST_DAYS = 90;
export const AHEAD_DAYS = 365;

export function pickableDays(today: string, zone: string): { earliest?: string; latest?: string } {
  const day = DateTime.fromISO(today, { zone });
  if (!day.isValid) return {};
  return {
    earliest: day.minus({ days: PAST_DAYS }).toISODate() ?? undefined,
    latest: day.plus({ days: AHEAD_DAYS }).toISODate() ?? undefined,
  };
}
