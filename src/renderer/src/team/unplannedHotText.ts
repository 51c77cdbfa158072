import { DateTime } from 'luxon';
import type { TeamDay } from '@shared/teamContract';

/**
 * What the Team page says when no hot contact is left unplanned, skipped or missed: that each was
 * worked or is still to be is true only of a day that had hot visitors; a day still to come has
 * had none yet, and a past day's windows are all over.
 */
export function noUnplannedHotText(
  day: Pick<TeamDay, 'date' | 'now' | 'hotVisitors'> & { manager: { timeZone: string } },
): string {
  const today = DateTime.fromMillis(day.now, { zone: day.manager.timeZone }).toISODate() ?? '';
  if (day.date > today) return 'A day still to come: hot visitors are listed as they visit.';
  if (day.hotVisitors === 0)
    return day.date === today
      ? 'No hot visitor on the website yet today.'
      : 'No hot visitor on the website that day.';
  return day.date === today
    ? 'Every hot visitor of the day was worked or has a window still to come.'
    : 'Every hot visitor of that day was worked.';
}
