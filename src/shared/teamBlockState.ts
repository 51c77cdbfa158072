import { slotState, STRIKE_AFTER_MS } from './slotStates';

/**
 * A planned window on the Team page (TM-1): worked (marked done, or a call or email logged inside
 * it), skipped, open now, still to come, or missed (ended without being worked; struck through 30
 * minutes after it ends, as in the planner).
 */
export type TeamBlockState = 'now' | 'upcoming' | 'worked' | 'skipped' | 'missed';

export function teamBlockState(
  block: { start: number; end: number; action: string | null; workedAt: number | null },
  now: number,
): TeamBlockState {
  if (block.action === 'done' || block.workedAt !== null) return 'worked';
  if (block.action === 'skipped') return 'skipped';
  const state = slotState(block.start, block.end, now);
  return state === 'passed' || state === 'struck' ? 'missed' : state;
}

/** Whether a missed window is drawn struck through: 30 minutes after it ended (BT-6). */
export function isStruck(end: number, now: number): boolean {
  return now >= end + STRIKE_AFTER_MS;
}
