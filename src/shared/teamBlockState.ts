import { slotState } from './slotStates';
import type { TeamBlockWork } from './teamContract';

/**
 * A planned window on the Team page (TM-1): worked in it (a call or email logged, or the row
 * marked done, inside it), reached outside it (the window its person is counted by, the person
 * reached that day but not in it: before or after), already worked (another window, the person
 * reached before it ended: it needed no call of its own), skipped, snoozed past (the rep moved
 * the row on to a later window), open now, still to come, just ended (the counted window ended
 * less than 30 minutes ago with nothing reaching the person: the planner's "just ended", not yet
 * missed), missed (the same, struck through 30 minutes after it ended, as in the planner), or
 * passed (any other window that ended unworked: not counted, so never missed). As the coverage
 * counts it: one window per person and channel, the others neither worked nor missed.
 */
export type TeamBlockState =
  | 'now'
  | 'upcoming'
  | 'worked'
  | 'outside'
  | 'already'
  | 'skipped'
  | 'snoozed'
  | 'just-ended'
  | 'missed'
  | 'passed';

/**
 * The person was reached before the window ended, though not inside it (before it, or in an
 * overlapping window that counts the call): the window is neither worked nor missed (TM-2). An
 * unanswered attempt reaches no one (`windowWork` gives the other windows no work for it): the
 * person's later windows are where the rep tries again.
 */
export function workedAlready(work: TeamBlockWork | null, end: number): boolean {
  return work !== null && !work.inWindow && work.at < end;
}

export function teamBlockState(
  block: {
    start: number;
    end: number;
    action: string | null;
    worked: TeamBlockWork | null;
    setAside: boolean;
    counted: boolean;
  },
  now: number,
): TeamBlockState {
  if (block.worked?.inWindow) return 'worked';
  if (block.counted && block.worked) return 'outside';
  if (workedAlready(block.worked, block.end)) return 'already';
  // Only a mark that set this window aside: a skip after it passed unworked leaves it missed.
  if (block.setAside) return block.action === 'snoozed' ? 'snoozed' : 'skipped';
  const state = slotState(block.start, block.end, now);
  if (state !== 'passed' && state !== 'struck') return state;
  if (!block.counted) return 'passed';
  return state === 'struck' ? 'missed' : 'just-ended';
}

/**
 * How much a block matters to a manager, lowest first: what the rep did (worked or reached,
 * skipped or snoozed), then what the coverage counts (missed, open or to come), then the rest; of
 * each, 2 stars or more before fewer. A block's state changes with the clock, its rank does not:
 * blocks keep their places as the day goes on. The board stacks blocks by it, and a lane with
 * more windows than it draws keeps the blocks it ranks first: a window the rep worked is never
 * left off for a better-rated one nobody touched.
 */
export function teamBlockRank(block: {
  worked: TeamBlockWork | null;
  setAside: boolean;
  counted: boolean;
  stars: number;
}): number {
  const tier = block.worked !== null || block.setAside ? 0 : block.counted ? 1 : 2;
  return tier * 2 + (block.stars >= 2 ? 0 : 1);
}

/** The Team page's filters of the blocks it draws, which its export follows too. */
export interface TeamBlockFilter {
  /** Draw windows of this many stars or more (0: every one). */
  minStars: number;
  /** Leave out the windows that passed with nothing to count ("passed, not counted"). */
  hidePassed: boolean;
}

/** Whether the page shows a block in `state` under its filters (and exports it). */
export function teamBlockShown(
  block: { stars: number },
  state: TeamBlockState,
  filter: TeamBlockFilter,
): boolean {
  return block.stars >= filter.minStars && !(filter.hidePassed && state === 'passed');
}
