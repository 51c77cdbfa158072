/** How long a passed window stays plain before it is struck through (BT-6). */
export const STRIKE_AFTER_MS = 30 * 60_000;

export type SlotState = 'now' | 'upcoming' | 'none' | 'passed' | 'struck';

export function slotState(start: number, end: number, now: number): Exclude<SlotState, 'none'> {
  if (now < start) return 'upcoming';
  if (now < end) return 'now';
  return now < end + STRIKE_AFTER_MS ? 'passed' : 'struck';
}

/** The next instant at which a row's state changes, so a live view knows when to re-order. */
export function nextChange(start: number, end: number, now: number): number | null {
  if (now < start) return start;
  if (now < end) return end;
  if (now < end + STRIKE_AFTER_MS) return end + STRIKE_AFTER_MS;
  return null;
}

interface Candidate {
  start: number;
  end: number;
  stars: number;
}

/**
 * The window that speaks for a person today: the open one, else the next to open, else the
 * one that ended last.
 */
export function currentWindow<C extends Candidate>(
  candidates: readonly C[],
  now: number,
): C | null {
  let open: C | null = null;
  let next: C | null = null;
  let last: C | null = null;
  for (const c of candidates) {
    if (c.start <= now && now < c.end) {
      if (!open || c.stars > open.stars) open = c;
    } else if (now < c.start) {
      if (!next || c.start < next.start || (c.start === next.start && c.stars > next.stars))
        next = c;
    } else if (!last || c.end > last.end) {
      last = c;
    }
  }
  return open ?? next ?? last;
}

const RANK: Record<SlotState, number> = { now: 0, upcoming: 1, none: 2, passed: 3, struck: 4 };

/** A plan row's state at `now`: its window's, or 'none' when it has no window that day. */
export function rowState(
  window: { start: number | null; end: number | null } | null,
  now: number,
): SlotState {
  if (!window || window.start === null || window.end === null) return 'none';
  return slotState(window.start, window.end, now);
}

/** A row the rep finished with (done, skipped) goes below every other, whatever its window. */
export function isSettled(action: string | null | undefined): boolean {
  return action === 'done' || action === 'skipped';
}

/** Added to a settled row's state group: past every RANK. */
const SETTLED_GROUP = 8;

export interface Orderable {
  state: SlotState;
  start: number | null;
  end: number | null;
  stars: number | null;
  name: string;
  personId: string;
  channel: string;
  /** The rep's mark on the row for the day, if any: done and skipped rows sort last. */
  action?: string | null;
}

/**
 * PL-1 order as numbers: settled rows last, then state group, then fewest minutes left (open
 * now), earliest start (upcoming) or most recently ended (passed, struck), then more stars first.
 */
function planRowKey(r: Orderable): [number, number, number] {
  const time =
    r.state === 'now'
      ? (r.end ?? 0)
      : r.state === 'upcoming'
        ? (r.start ?? 0)
        : r.state === 'passed' || r.state === 'struck'
          ? -(r.end ?? 0)
          : 0;
  return [(isSettled(r.action) ? SETTLED_GROUP : 0) + RANK[r.state], time, -(r.stars ?? 0)];
}

/** Ties by name, person and channel, in plain code-unit order: stable and cheap. */
function compareTies(a: Orderable, b: Orderable): number {
  return cmp(a.name, b.name) || cmp(a.personId, b.personId) || cmp(a.channel, b.channel);
}

/**
 * PL-1 order: open now, upcoming, no window today, then passed and struck windows; rows the rep
 * finished with (done, skipped) below all of them.
 */
export function comparePlanRows(a: Orderable, b: Orderable): number {
  const ka = planRowKey(a);
  const kb = planRowKey(b);
  return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || compareTies(a, b);
}

/**
 * The rows in PL-1 order (`comparePlanRows`), as a new array: the core's order and the
 * renderer's re-order when a row changes state. Keys are computed once per row, into typed
 * arrays, as a plan has thousands of rows. `tiesInOrder`: the rows arrive in tie order (the core
 * builds them person by person, by name and id, call before email), so a stable sort breaks ties
 * as `compareTies` does without comparing a string.
 */
export function sortPlanRows<R extends Orderable>(rows: readonly R[], tiesInOrder: boolean): R[] {
  const n = rows.length;
  const group = new Float64Array(n);
  const time = new Float64Array(n);
  const stars = new Float64Array(n);
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const [g, at, fewerStars] = planRowKey(rows[i] as R);
    group[i] = g;
    time[i] = at;
    stars[i] = fewerStars;
    order[i] = i;
  }
  order.sort(
    (a, b) =>
      (group[a] as number) - (group[b] as number) ||
      (time[a] as number) - (time[b] as number) ||
      (stars[a] as number) - (stars[b] as number) ||
      (tiesInOrder ? a - b : compareTies(rows[a] as R, rows[b] as R) || a - b),
  );
  return order.map((i) => rows[i] as R);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
