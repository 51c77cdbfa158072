import type { TeamBlock, TeamBlockWork } from '@shared/teamContract';
import type { TeamBlockState } from '@shared/teamBlockState';
import { DateTime } from 'luxon';
import { clockAt as formatClock } from '../plan/planRowText';

/**
 * "Called at 09:30", "Emailed at 09:30", "Marked done at 09:30": what reached the person, when;
 * "Marked done Tue 24 Nov at 10:00" when not on the window's day (a past day's row marked done
 * later, as the planner allows).
 */
function contactText(work: TeamBlockWork, block: TeamBlock, zone: string): string {
  const what =
    work.by === 'done' ? 'Marked done' : block.channel === 'email' ? 'Emailed' : 'Called';
  const day = DateTime.fromMillis(work.at, { zone });
  const sameDay = day.hasSame(DateTime.fromMillis(block.start, { zone }), 'day');
  return `${what}${sameDay ? '' : ` ${day.toFormat('ccc d LLL')}`} at ${formatClock(work.at, zone)}`;
}

/** What became of the row, in a line: the tooltip's outcome (TM-1), in the row's channel's words. */
export function blockOutcome(block: TeamBlock, state: TeamBlockState, zone: string): string {
  const email = block.channel === 'email';
  const work = block.worked;
  if (state === 'worked' && work) return `${contactText(work, block, zone)}, inside the window`;
  if (state === 'already' && work)
    return work.at < block.start
      ? `${contactText(work, block, zone)}, before the window`
      : `${contactText(work, block, zone)}, counted for an overlapping window`;
  if (state === 'skipped') return 'Skipped for the day';
  if (state === 'snoozed') return 'Snoozed on to a later window: neither worked nor missed';
  if (state === 'missed') {
    const passed = `The window passed without ${email ? 'an email' : 'a call'}`;
    if (!work) return passed;
    const later = contactText(work, block, zone);
    return `${passed}; ${later.charAt(0).toLowerCase()}${later.slice(1)}`;
  }
  if (state === 'now') return 'In the window now, not worked yet';
  return `${block.action === 'snoozed' ? 'Snoozed to this window; opens' : 'Opens'} at ${formatClock(block.start, zone)}`;
}
