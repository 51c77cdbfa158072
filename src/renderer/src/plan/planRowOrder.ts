import type { PlannerRow } from '@shared/contract';
import { compareTies, planRowKey, slotState, type SlotState } from '@shared/slotStates';

const settled = (r: PlannerRow): number => (r.action === 'done' || r.action === 'skipped' ? 8 : 0);

const stateAt = (r: PlannerRow, now: number): SlotState =>
  r.start !== null && r.end !== null ? slotState(r.start, r.end, now) : 'none';

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
  if (previous && previous.every((r) => stateAt(r, now) === r.state)) return previous;
  let changed = false;
  const out = rows.map((r) => {
    const state = stateAt(r, now);
    if (state === r.state) return r;
    changed = true;
    return { ...r, state };
  });
  // The core sorted by these same rules for the states it sent.
  if (!changed) return rows;
  const keys = new Map<PlannerRow, [number, number, number]>();
  for (const r of out) {
    const [rank, time, stars] = planRowKey(r);
    keys.set(r, [settled(r) + rank, time, stars]);
  }
  return out.sort((a, b) => {
    const ka = keys.get(a) as [number, number, number];
    const kb = keys.get(b) as [number, number, number];
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || compareTies(a, b);
  });
}

/**
 * Where the current-time divider goes: after the rows whose window is open now, before the first
 * row still to come (or passed, or done).
 */
export function nowDividerIndex(rows: readonly PlannerRow[]): number {
  let i = 0;
  while (i < rows.length && rows[i]?.state === 'now' && !settled(rows[i] as PlannerRow)) i++;
  return i;
}
