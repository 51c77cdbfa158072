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

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

/** Why a window is not counted (TM-2): under 2★, a channel the rep does not work, or another. */
function notCountedText(block: TeamBlock, channelUncounted: boolean): string {
  if (channelUncounted)
    return `not counted: the rep logged no ${block.channel === 'email' ? 'emails' : 'calls'} in four weeks`;
  if (block.stars < 2) return 'not counted: under 2★';
  return 'not counted: another window of theirs is the planned one';
}

/** What became of the row, in a line: the tooltip's outcome (TM-1), in the row's channel's words. */
export function blockOutcome(
  block: TeamBlock,
  state: TeamBlockState,
  zone: string,
  /** The rep does not work the block's channel: none of its windows is counted. */
  channelUncounted = false,
): string {
  const email = block.channel === 'email';
  const work = block.worked;
  if (state === 'worked' && work) return `${contactText(work, block, zone)}, inside the window`;
  if (state === 'passed') {
    const passed = `The window passed without ${email ? 'an email' : 'a call'}`;
    const later = work ? `; ${lowerFirst(contactText(work, block, zone))}` : '';
    return `${passed}${later} (${notCountedText(block, channelUncounted)})`;
  }
  // Reached outside the window its person is counted by: before it, as "already"; after, as missed.
  if ((state === 'already' || state === 'outside') && work && work.at < block.end)
    return work.at < block.start
      ? `${contactText(work, block, zone)}, before the window`
      : `${contactText(work, block, zone)}, counted for an overlapping window`;
  if (state === 'skipped') return 'Skipped for the day';
  if (state === 'snoozed') return 'Snoozed on to a later window: neither worked nor missed';
  if (state === 'missed' || state === 'outside') {
    const passed = `The window passed without ${email ? 'an email' : 'a call'}`;
    if (!work) return passed;
    return `${passed}; ${lowerFirst(contactText(work, block, zone))}`;
  }
  if (state === 'just-ended')
    return `Just ended without ${email ? 'an email' : 'a call'}: missed once struck through, 30 minutes after its end`;
  if (state === 'now') return 'In the window now, not worked yet';
  return `${block.action === 'snoozed' ? 'Snoozed to this window; opens' : 'Opens'} at ${formatClock(block.start, zone)}`;
}
