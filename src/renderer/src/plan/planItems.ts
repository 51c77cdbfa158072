import type { PlannerRow } from '@shared/contract';
import { isLowConfidence, isSettled, isWorkedInWindow, type SlotState } from '@shared/slotStates';

/** The collapsed groups of a plan: each state's low-confidence windows, and the day's done rows. */
export type GroupId = 'now-low' | 'upcoming-low' | 'passed-low' | 'struck-low' | 'done';

export type PlanItem =
  | {
      kind: 'row';
      row: PlannerRow;
      /** Its place among the rows shown (keyboard selection). */ index: number;
    }
  | { kind: 'group'; id: GroupId; count: number; open: boolean }
  | { kind: 'divider' };

type Section = SlotState | GroupId;

/**
 * Listed under Done today: finished with for the day, and no longer held in place; or worked in
 * its window by a call (an email) the rep made outside this app, as a call logged here is.
 */
export function inDoneToday(row: PlannerRow, held: boolean): boolean {
  return !held && (isSettled(row) || isWorkedInWindow(row));
}

/** Where a row is listed: its state, its state's low-confidence group, or done today. */
function sectionOf(row: PlannerRow, held: boolean): Section {
  if (inDoneToday(row, held)) return 'done';
  if (row.state !== 'none' && isLowConfidence(row.stars)) return `${row.state}-low`;
  return row.state;
}

/**
 * The list as shown: rows in PL-1 order (`sortPlanRows` with the same `held`), each collapsed
 * group as a header with its rows only when open, and the current-time divider (today only)
 * after the rows open now. `visible`: the rows shown, in order, for the keyboard to move through.
 */
export function planItems(
  rows: readonly PlannerRow[],
  open: ReadonlySet<GroupId>,
  held: (row: PlannerRow) => boolean,
  withDivider: boolean,
): { items: PlanItem[]; visible: PlannerRow[] } {
  const items: PlanItem[] = [];
  const visible: PlannerRow[] = [];
  let divider = !withDivider;
  let i = 0;
  while (i < rows.length) {
    const section = sectionOf(rows[i] as PlannerRow, held(rows[i] as PlannerRow));
    let end = i + 1;
    while (
      end < rows.length &&
      sectionOf(rows[end] as PlannerRow, held(rows[end] as PlannerRow)) === section
    )
      end++;
    if (!divider && section !== 'now' && section !== 'now-low') {
      items.push({ kind: 'divider' });
      divider = true;
    }
    const grouped = section === 'done' || section.endsWith('-low');
    const shown = !grouped || open.has(section as GroupId);
    if (grouped) items.push({ kind: 'group', id: section as GroupId, count: end - i, open: shown });
    if (shown)
      for (let k = i; k < end; k++) {
        items.push({ kind: 'row', row: rows[k] as PlannerRow, index: visible.length });
        visible.push(rows[k] as PlannerRow);
      }
    i = end;
  }
  if (!divider) items.push({ kind: 'divider' });
  return { items, visible };
}

/** The group header's words: "Low confidence (23)" and what it holds; "today" only on today's plan. */
export function groupLabel(
  id: GroupId,
  count: number,
  isToday = true,
): { title: string; detail: string } {
  if (id === 'done')
    return {
      title: `${isToday ? 'Done today' : 'Done'} (${count})`,
      detail: 'done, skipped, snoozed to another day, or reached in the window',
    };
  const where: Record<Exclude<GroupId, 'done'>, string> = {
    'now-low': 'in window now',
    'upcoming-low': 'upcoming',
    'passed-low': 'window just ended',
    'struck-low': 'window passed',
  };
  return { title: `Low confidence (${count})`, detail: `${where[id]}, under 2★` };
}
