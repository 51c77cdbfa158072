import type { PlannerRow } from '@shared/contract';

/**
 * Where the Planner's list was when a person was opened from it: kept in the state of the
 * planner's history entry, so the browser's Back finds the same rows on screen and the row the
 * rep was on selected and focused (the address keeps the day and filters, this only where the
 * list was read).
 */
export interface PlannerReturn {
  /** How far down the list was scrolled, in pixels. */
  top: number;
  /** The row whose person was opened: by who it is, as the selection holds it. */
  row: Pick<PlannerRow, 'personId' | 'channel' | 'start'>;
}

const KEY = 'plannerReturn';

export function plannerReturnState(left: PlannerReturn): { [KEY]: PlannerReturn } {
  return { [KEY]: left };
}

/** The place kept in a history entry's state; none when it holds none, or not one of ours. */
export function plannerReturnFrom(state: unknown): PlannerReturn | null {
  if (typeof state !== 'object' || state === null || !(KEY in state)) return null;
  const left: unknown = state[KEY];
  if (typeof left !== 'object' || left === null || !('top' in left) || !('row' in left))
    return null;
  const { top, row } = left;
  if (typeof top !== 'number' || !Number.isFinite(top) || top < 0) return null;
  if (typeof row !== 'object' || row === null) return null;
  const { personId, channel, start } = row as Record<string, unknown>;
  if (typeof personId !== 'string' || !personId) return null;
  if (channel !== 'call' && channel !== 'email') return null;
  if (start !== null && (typeof start !== 'number' || !Number.isFinite(start))) return null;
  return { top, row: { personId, channel, start } };
}
