import type { VisitList, VisitRow } from '@shared/alertsContract';

/**
 * The Earlier section as the rep pages back: the first page comes with every refresh of the
 * list (the head), pages further back are asked for from the last row shown (its start and id,
 * the core's keyset) and kept. The head is the truth down to its last row; kept rows below it
 * stay. So refreshing never drops what was paged in, and what was paged in never repeats a row
 * or leaves one out, however many visits arrive meanwhile.
 */
export interface OlderPages {
  /** The rows shown when the last page came, that page's included, newest first. */
  rows: VisitRow[];
  /** The core said there are more beyond the last of them. */
  more: boolean;
}

export const NO_OLDER: OlderPages = { rows: [], more: false };

/** After `b` in the list (started earlier, or at the same instant with a smaller id). */
function isAfter(a: VisitRow, b: VisitRow): boolean {
  return a.startedAt < b.startedAt || (a.startedAt === b.startedAt && a.id < b.id);
}

/** The Earlier rows to show and whether more can be asked for. */
export function earlierRows(
  head: VisitList,
  older: OlderPages,
): { rows: VisitRow[]; more: boolean } {
  const boundary = head.earlier[head.earlier.length - 1];
  // A complete head (nothing beyond it) leaves nothing for older pages to add.
  if (!head.more.earlier || !boundary) return { rows: head.earlier, more: head.more.earlier };
  const shown = new Set([...head.onSite, ...head.today, ...head.earlier].map((v) => v.id));
  const beyond = older.rows.filter((v) => isAfter(v, boundary) && !shown.has(v.id));
  return {
    rows: beyond.length ? [...head.earlier, ...beyond] : head.earlier,
    more: beyond.length ? older.more : head.more.earlier,
  };
}

/** Where the next page starts: the last row shown. */
export function nextCursor(rows: readonly VisitRow[]): { before: number; beforeId: string } | null {
  const last = rows[rows.length - 1];
  return last ? { before: last.startedAt, beforeId: last.id } : null;
}

/**
 * A page asked for from the last row shown, added to what is shown: the rows of the first page
 * are kept too, so a refresh whose first page ends higher up (new rows on top) drops none.
 */
export function withPage(head: VisitList, older: OlderPages, page: VisitList): OlderPages {
  const { rows } = earlierRows(head, older);
  const have = new Set(rows.map((v) => v.id));
  return {
    rows: [...rows, ...page.earlier.filter((v) => !have.has(v.id))],
    more: page.more.earlier,
  };
}
