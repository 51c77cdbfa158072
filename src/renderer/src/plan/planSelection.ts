import type { PlannerRow } from '@shared/contract';

/**
 * The row the keys act on, by who it is rather than where it is: rows reorder as windows open and
 * a reload inserts rows, and c, d or s must not then land on someone else. `index` is where it
 * was, for when the row is gone (filtered out, or moved to a collapsed group). `finished`: the
 * row was listed under Done today when it was chosen (the rep went there on purpose).
 */
export interface PlanSelection {
  row: Pick<PlannerRow, 'personId' | 'channel' | 'start'> | null;
  index: number;
  finished: boolean;
}

/** Whether a row is listed under Done today (finished with, and no longer held in place). */
export type IsFinished = (row: PlannerRow) => boolean;

const NOTHING_FINISHED: IsFinished = () => false;

export const FIRST_ROW: PlanSelection = { row: null, index: 0, finished: false };

export function selectRow(
  rows: readonly PlannerRow[],
  index: number,
  finished: IsFinished = NOTHING_FINISHED,
): PlanSelection {
  const at = Math.max(0, Math.min(rows.length - 1, index));
  const row = rows[at];
  return row
    ? {
        row: { personId: row.personId, channel: row.channel, start: row.start },
        index: at,
        finished: finished(row),
      }
    : FIRST_ROW;
}

/** The selected row's place in `rows`, or -1 when it is not among them. */
function placeOf(rows: readonly PlannerRow[], selection: PlanSelection): number {
  const { row } = selection;
  if (!row) return -1;
  const same = (r: PlannerRow): boolean => r.personId === row.personId && r.channel === row.channel;
  const exact = rows.findIndex((r) => same(r) && r.start === row.start);
  return exact >= 0 ? exact : rows.findIndex(same);
}

function within(rows: readonly PlannerRow[], index: number): number {
  return Math.max(0, Math.min(rows.length - 1, index));
}

/** The first row still to do from `index` on (the rows after a finished one moved up into its
 * place), else the last one before it: the next thing on the list, as in a to-do list. */
function nextToDo(rows: readonly PlannerRow[], index: number, finished: IsFinished): number {
  const from = within(rows, index);
  for (let i = from; i < rows.length; i++) if (!finished(rows[i] as PlannerRow)) return i;
  for (let i = from - 1; i >= 0; i--) if (!finished(rows[i] as PlannerRow)) return i;
  return from;
}

/**
 * Where the selected row is now: the same window, else the same person and channel (a snoozed
 * row speaks for a later window), else the place it was. A row finished with since it was chosen
 * (marked done, skipped, snoozed to another day) is not followed into Done today: the selection
 * is on the next row still to do.
 */
export function selectedIndex(
  rows: readonly PlannerRow[],
  selection: PlanSelection,
  finished: IsFinished = NOTHING_FINISHED,
): number {
  const at = placeOf(rows, selection);
  if (at < 0) return within(rows, selection.index);
  if (selection.finished || !finished(rows[at] as PlannerRow)) return at;
  return nextToDo(rows, selection.index, finished);
}

/**
 * The selection brought up to date with the rows (the same object when nothing changed): `index`
 * follows its row, so that the row's place is known once it goes; a row finished with since it
 * was chosen hands the selection to the row now selected in its stead, which is then followed.
 */
export function keptSelection(
  rows: readonly PlannerRow[],
  selection: PlanSelection,
  finished: IsFinished = NOTHING_FINISHED,
): PlanSelection {
  const at = placeOf(rows, selection);
  if (at < 0) return selection;
  const isFinished = finished(rows[at] as PlannerRow);
  if (isFinished && !selection.finished)
    return selectRow(rows, nextToDo(rows, selection.index, finished), finished);
  // A row taken back out of Done today (Undo) is to do again: finishing it again moves on.
  if (at === selection.index && isFinished === selection.finished) return selection;
  return { ...selection, index: at, finished: isFinished };
}
