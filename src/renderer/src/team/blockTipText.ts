import type { TeamBlock } from '@shared/teamContract';
import type { TeamBlockState } from '@shared/teamBlockState';
import { clockAt as formatClock } from '../plan/planRowText';

/** What became of the row, in a line: the tooltip's outcome (TM-1), in the row's channel's words. */
export function blockOutcome(block: TeamBlock, state: TeamBlockState, zone: string): string {
  const email = block.channel === 'email';
  if (state === 'worked')
    return block.workedAt !== null
      ? `${email ? 'Emailed' : 'Called'} at ${formatClock(block.workedAt, zone)}, inside the window`
      : 'Marked done';
  if (state === 'skipped') return 'Skipped for today';
  if (state === 'missed') return `The window passed without ${email ? 'an email' : 'a call'}`;
  if (state === 'now') return 'In the window now, not worked yet';
  return `${block.action === 'snoozed' ? 'Snoozed to this window; opens' : 'Opens'} at ${formatClock(block.start, zone)}`;
}

/**
 * The block's reason as the tip shows it, under the window's times. The best-time model words a
 * window ending at midnight "23:00-24:00", and reasons are stored as worded; the tip's own times
 * (and the planner's) write that instant 00:00, so the reason's is written the same way.
 */
export function tipReason(reason: string): string {
  return reason.replace(/\b(\d\d:\d\d)-24:00\b/g, '$1-00:00');
}
