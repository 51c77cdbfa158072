import type { PlannerRow } from '@shared/contract';
import { rowState, sortPlanRows } from '@shared/slotStates';

/**
 * The plan's rows with their state at `now`, in PL-1 order with settled rows (done, skipped) last:
 * the order the core sent, re-sorted only when a row changed state since. A row keeps its object
 * while its state holds, and `previous` (this function's last answer for the same rows) comes back
 * as it was when no row changed, so a clock tick re-renders nothing.
 */
export function rowsAt(
  rows: readonly PlannerRow[],
  now: number,
  previous: readonly PlannerRow[] | null,
): readonly PlannerRow[] {
  if (previous && previous.every((r) => rowState(r, now) === r.state)) return previous;
  let changed = false;
  const out = rows.map((r) => {
    const state = rowState(r, now);
    if (state === r.state) return r;
    changed = true;
    return { ...r, state };
  });
  // The core sorted by these same rules for the states it sent.
  return changed ? sortPlanRows(out, false) : rows;
}
