import type { PlannerRow } from '@shared/contract';

/**
 * The row the keys act on, by who it is rather than where it is: rows reorder as windows open and
 * a reload inserts rows, and c, d or s must not then land on someone else. `index` is where it
 * was, for when the row is gone (filtered out, or moved to a collapsed group).
 */
export interface PlanSelection {
  row: Pick<PlannerRow, 'personId' | 'channel' | 'start'> | null;
  index: number;
}

export const FIRST_ROW: PlanSelection = { row: null, index: 0 };

export function selectRow(rows: readonly PlannerRow[], index: number): PlanSelection {
  const at = Math.max(0, Math.min(rows.length - 1, index));
  const row = rows[at];
  return row
    ? { row: { personId: row.personId, channel: row.channel, start: row.start }, index: at }
    : FIRST_ROW;
}

/** Where the selected row is now: the same window, else the same person and channel (a snoozed
 * row speaks for a later window), else the place it was. */
export function selectedIndex(rows: readonly PlannerRow[], selection: PlanSelection): number {
  const { row } = selection;
  if (row) {
    const same = (r: PlannerRow): boolean =>
      r.personId === row.personId && r.channel === row.channel;
    const exact = rows.findIndex((r) => same(r) && r.start === row.start);
    if (exact >= 0) return exact;
    const person = rows.findIndex(same);
    if (person >= 0) return person;
  }
  return Math.max(0, Math.min(rows.length - 1, selection.index));
}
