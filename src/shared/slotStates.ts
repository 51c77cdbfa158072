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

export interface Orderable {
  state: SlotState;
  start: number | null;
  end: number | null;
  stars: number | null;
  name: string;
  personId: string;
  channel: string;
}

/**
 * PL-1 order: open now (fewest minutes left, then stars), upcoming by start (then stars), no
 * window today, then passed and struck windows (most recently ended first).
 */
export function comparePlanRows(a: Orderable, b: Orderable): number {
  if (RANK[a.state] !== RANK[b.state]) return RANK[a.state] - RANK[b.state];
  const stars = (b.stars ?? 0) - (a.stars ?? 0);
  if (a.state === 'now' && a.end !== b.end) return (a.end ?? 0) - (b.end ?? 0);
  if (a.state === 'upcoming' && a.start !== b.start) return (a.start ?? 0) - (b.start ?? 0);
  if ((a.state === 'passed' || a.state === 'struck') && a.end !== b.end)
    return (b.end ?? 0) - (a.end ?? 0);
  if (stars !== 0) return stars;
  return (
    a.name.localeCompare(b.name) ||
    a.personId.localeCompare(b.personId) ||
    a.channel.localeCompare(b.channel)
  );
}
