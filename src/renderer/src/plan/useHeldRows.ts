import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PlannerRow } from '@shared/contract';

/** How long a row the rep just finished with stays where it was, with Undo, before it moves. */
const HOLD_MS = 10_000;

type Mark = PlannerRow['action'];

/** A mark is per person and channel for the day: every row of theirs carries it. */
function markKey(row: Pick<PlannerRow, 'personId' | 'channel'>): string {
  return `${row.personId}|${row.channel}`;
}

/**
 * Rows the rep just marked: shown with the mark at once (before the core's answer comes back),
 * and kept in place for ten seconds, checked and dimmed with Undo, before they move to the
 * "Done today" group. The clock is the page's (`Date.now`), so a test's clock drives it.
 */
export function useHeldRows(rows: readonly PlannerRow[]): {
  /** The rows with marks still on their way applied. */
  marked: readonly PlannerRow[];
  isHeld: (row: PlannerRow) => boolean;
  /** Whether any row is held or marked ahead of the core: the order must be worked out again. */
  active: boolean;
  mark: (row: PlannerRow, action: Mark) => void;
} {
  const [held, setHeld] = useState<ReadonlyMap<string, number>>(new Map());
  const [pending, setPending] = useState<ReadonlyMap<string, Mark>>(new Map());

  // A mark the core's rows now carry is no longer pending.
  useEffect(() => {
    if (!pending.size) return;
    const left = new Map(pending);
    for (const r of rows) if (left.get(markKey(r)) === r.action) left.delete(markKey(r));
    if (left.size !== pending.size) setPending(left);
    // Only new rows settle pending marks; a new mark waits for the rows after it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows]);

  // Each hold ends on its own: the row then moves to its group.
  useEffect(() => {
    if (!held.size) return;
    const next = Math.min(...held.values());
    const timer = setTimeout(
      () => {
        const now = Date.now();
        setHeld((h) => new Map([...h].filter(([, until]) => until > now)));
      },
      Math.max(0, next - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [held]);

  const mark = useCallback((row: PlannerRow, action: Mark) => {
    const key = markKey(row);
    setPending((p) => new Map(p).set(key, action));
    setHeld((h) => {
      const next = new Map(h);
      if (action === null) next.delete(key);
      else next.set(key, Date.now() + HOLD_MS);
      return next;
    });
  }, []);

  const marked = useMemo(
    () =>
      pending.size
        ? rows.map((r) => {
            const action = pending.get(markKey(r));
            return action === undefined || action === r.action ? r : { ...r, action };
          })
        : rows,
    [rows, pending],
  );
  const isHeld = useCallback((row: PlannerRow) => held.has(markKey(row)), [held]);
  return { marked, isHeld, active: held.size > 0 || pending.size > 0, mark };
}
