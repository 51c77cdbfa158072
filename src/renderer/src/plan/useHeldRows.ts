import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PlannerRow } from '@shared/contract';

/** How long a row the rep just finished with stays where it was, with Undo, before it moves. */
const HOLD_MS = 10_000;

type Mark = PlannerRow['action'];

/**
 * A mark is per person and channel for the day: every row of theirs carries it. `scope` is the
 * plan it was made on (day and rep): another day's rows of the same person do not carry it.
 */
function markKey(scope: string, row: Pick<PlannerRow, 'personId' | 'channel'>): string {
  return `${scope}|${row.personId}|${row.channel}`;
}

/**
 * Rows the rep just marked: shown with the mark at once (before the core's answer comes back),
 * and kept in place for ten seconds, checked and dimmed with Undo, before they move to the
 * "Done today" group. The clock is the page's (`Date.now`), so a test's clock drives it.
 */
export function useHeldRows(
  rows: readonly PlannerRow[],
  scope: string,
): {
  /** The rows with marks still on their way applied. */
  marked: readonly PlannerRow[];
  isHeld: (row: PlannerRow) => boolean;
  /** Whether any row is held or marked ahead of the core: the order must be worked out again. */
  active: boolean;
  /** `hold`: whether the row stays where it was for a while (not for one staying in Done today). */
  mark: (row: PlannerRow, action: Mark, hold?: boolean) => void;
  /** Takes back a mark the core refused (`action` is the one refused; a later mark stays). */
  unmark: (row: PlannerRow, action: Mark) => void;
} {
  const [held, setHeld] = useState<ReadonlyMap<string, number>>(new Map());
  const [pending, setPending] = useState<ReadonlyMap<string, Mark>>(new Map());

  // A mark the core's rows now carry is no longer pending.
  useEffect(() => {
    if (!pending.size) return;
    const left = new Map(pending);
    for (const r of rows)
      if (left.get(markKey(scope, r)) === r.action) left.delete(markKey(scope, r));
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

  const mark = useCallback(
    (row: PlannerRow, action: Mark, hold = true) => {
      const key = markKey(scope, row);
      setPending((p) => new Map(p).set(key, action));
      setHeld((h) => {
        if (!h.has(key) && (action === null || !hold)) return h;
        const next = new Map(h);
        if (action === null || !hold) next.delete(key);
        else next.set(key, Date.now() + HOLD_MS);
        return next;
      });
    },
    [scope],
  );

  // What is pending as of the last render: a refused mark is taken back only if no later mark
  // of the same row replaced it meanwhile.
  const pendingNow = useRef(pending);
  pendingNow.current = pending;
  const unmark = useCallback(
    (row: PlannerRow, action: Mark) => {
      const key = markKey(scope, row);
      if (pendingNow.current.get(key) !== action) return;
      const without = <V>(m: ReadonlyMap<string, V>): ReadonlyMap<string, V> => {
        if (!m.has(key)) return m;
        const next = new Map(m);
        next.delete(key);
        return next;
      };
      setPending(without);
      setHeld(without);
    },
    [scope],
  );

  const marked = useMemo(
    () =>
      pending.size
        ? rows.map((r) => {
            const action = pending.get(markKey(scope, r));
            return action === undefined || action === r.action ? r : { ...r, action };
          })
        : rows,
    [rows, pending, scope],
  );
  const isHeld = useCallback((row: PlannerRow) => held.has(markKey(scope, row)), [held, scope]);
  const active = useMemo(() => {
    const mine = `${scope}|`;
    return [...held.keys(), ...pending.keys()].some((k) => k.startsWith(mine));
  }, [held, pending, scope]);
  return { marked, isHeld, active, mark, unmark };
}
