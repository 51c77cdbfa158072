import type { TeamLane } from '@shared/teamContract';
import { formatShortDay } from '../format/time';

/**
 * What a lane with no window says in place of "0 of 0 worked" (TM-1): a blank lane read as data
 * still loading, or missing. `date` is the rep's own day.
 */
export function emptyLaneText(empty: NonNullable<TeamLane['empty']>, date: string): string {
  if (empty === 'closed') return `Day off: no working hours on ${formatShortDay(date)}`;
  if (empty === 'no-people') return 'Owns no leads or contacts';
  return `No windows on ${formatShortDay(date)}`;
}
