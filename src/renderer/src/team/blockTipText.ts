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
  if (state === 'skipped') return 'Skipped for the day';
  if (state === 'missed') return `The window passed without ${email ? 'an email' : 'a call'}`;
  if (state === 'now') return 'In the window now, not worked yet';
  return `${block.action === 'snoozed' ? 'Snoozed to this window; opens' : 'Opens'} at ${formatClock(block.start, zone)}`;
}
