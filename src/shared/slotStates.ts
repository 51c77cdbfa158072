/** How long a passed window stays plain before it is struck through (BT-6). */
export const STRIKE_AFTER_MS = 30 * 60_000;

export type SlotState = 'now' | 'upcoming' | 'none' | 'passed' | 'struck';

/**
 * Whether a window that ended is struck through: 30 minutes after its end (BT-6). Until then it
 * "just ended", on the planner and on the Team page alike: neither counts it missed before.
 */
export function isStruck(end: number, now: number): boolean {
  return now >= end + STRIKE_AFTER_MS;
}

export function slotState(start: number, end: number, now: number): Exclude<SlotState, 'none'> {
  if (now < start) return 'upcoming';
  if (now < end) return 'now';
  return isStruck(end, now) ? 'struck' : 'passed';
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
 * Where the window a snooze chose (`to`, its start when the rep chose it at `snoozedAt`) begins
 * among the day's `windows` now: its start, or, once a relearn has moved it (15:00–16:00 chosen,
 * now 14:30–15:30), the start of the first window still running at `to` or later, so the row is
 * neither dropped from the day nor put before the rep's choice; Infinity when none is left (the
 * next day's). A window that had begun when the rep snoozed is not a landing place unless it is
 * the chosen one (grown over it, it would put the row back in a window open now), and without a
 * window at `to` itself a sure one (2★ or more) comes before one under 2★: what the rep chose is
 * gone, and a ½★ hour would send the row to "Low confidence" with no reminder, as the planner
 * never lets a ½★ hour speak before a surer one.
 */
export function snoozedToStart(
  windows: readonly Candidate[],
  to: number,
  snoozedAt: number,
): number {
  let first = Infinity;
  let firstSure = Infinity;
  for (const w of windows) {
    if (w.start === to) return to;
    if (w.end <= to || w.start <= snoozedAt) continue;
    if (w.start < first) first = w.start;
    if (!isLowConfidence(w.stars) && w.start < firstSure) firstSure = w.start;
  }
  return firstSure < Infinity ? firstSure : first;
}

/**
 * The window that speaks for a person today: the open one, else the next to open, else the
 * one that ended last.
 */
export function currentWindow<C extends Candidate>(
  candidates: readonly C[],
  now: number,
): C | null {
  const { current, ended } = shownWindows(candidates, now);
  return current ?? ended;
}

/**
 * The windows a person's channel shows on the plan at `now`: the open one (else the next to
 * open), and the one that ended last, which stays on the plan (passed, then struck through)
 * instead of being replaced by the next: a row does not change its window under the rep's eyes.
 * A window of 2★ or more still to come speaks before one under 2★ open or opening sooner: a
 * 0.5★ hour just before a 5★ one would otherwise carry the person into "Low confidence" while
 * their best window of the day, the one reminders and the person page name, went unseen. So a
 * window under 2★ is shown only once every surer one has ended, and only then can it be the one
 * that ended last (the planner then keeps the sure one's row too: `sureEndedFirst`).
 */
export function shownWindows<C extends Candidate>(
  candidates: readonly C[],
  now: number,
  /** Filled in and returned instead of a new object: the core asks for thousands a plan. */
  into: { current: C | null; ended: C | null } = { current: null, ended: null },
): { current: C | null; ended: C | null } {
  // When the day's last sure window ends: an unsure window speaks only once it has begun to.
  let sureUntil = -Infinity;
  for (const c of candidates) if (!isLowConfidence(c.stars) && c.end > sureUntil) sureUntil = c.end;
  let open: C | null = null;
  let next: C | null = null;
  let ended: C | null = null;
  for (const c of candidates) {
    // An unsure window over before the last sure one ends was never shown.
    if (isLowConfidence(c.stars) && c.end <= sureUntil) continue;
    if (c.start <= now && now < c.end) {
      if (!open || c.stars > open.stars) open = c;
    } else if (now < c.start) {
      if (!next || c.start < next.start || (c.start === next.start && c.stars > next.stars))
        next = c;
    } else if (!ended || c.end > ended.end) {
      ended = c;
    }
  }
  into.current = open ?? next;
  into.ended = ended;
  return into;
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

/**
 * Windows rated under this many stars are gathered at the end of their state, in a collapsed
 * "low confidence" group: most of a day's windows are sure of little, and they buried the few
 * worth a call.
 */
export const LOW_CONFIDENCE_STARS = 2;

export function isLowConfidence(stars: number | null | undefined): boolean {
  return stars !== null && stars !== undefined && stars < LOW_CONFIDENCE_STARS;
}

/**
 * A row the rep finished with for the day goes below every other, whatever its window: done,
 * skipped, or snoozed with no window left that day (snoozed to another day).
 */
export function isSettled(row: { action?: string | null; start: number | null }): boolean {
  return (
    row.action === 'done' ||
    row.action === 'skipped' ||
    (row.action === 'snoozed' && row.start === null)
  );
}

/**
 * A row whose person the rep already called (emailed, on the email channel) inside its window,
 * not marked here: a call from the phone system synced from the CRM, or logged on another
 * computer. The window is worked, as a call logged here (which marks the row done) works it: the
 * row is no longer one to call, and goes where the rep's finished rows go, whether the window is
 * still open or has ended (so it does not come back up when the window ends).
 */
export function isWorkedInWindow(row: { reached?: { inWindow: boolean } | null }): boolean {
  return row.reached?.inWindow === true;
}

/**
 * Whether a row's person is still to be reached on its channel today, whatever the state of its
 * window: the row not finished with (`isSettled`), and its person not reached that day on the
 * channel, in a window or between windows (the Team page counts one window a person a day: a
 * later one needs no contact of its own). An attempt (no answer, busy, voicemail) reached no one.
 * `isWorthNow` for a window open now; the reminders for the windows still to open.
 */
export function isStillToReach(row: {
  action?: string | null;
  start: number | null;
  reached?: { inWindow: boolean } | null;
}): boolean {
  return !isSettled(row) && !row.reached;
}

/**
 * Whether a row is one to call (on the email channel, email) now, as the planner's header counts
 * it ("worth a call now") and the Team page reads its window (open, nothing reaching the person):
 * its window open now, 2★ or more, no attempt in the window, and its person still to be reached
 * today (`isStillToReach`: not reached in the window or before it). An attempt earlier that day
 * reached no one: the row is still one to call.
 */
export function isWorthNow(row: {
  state: SlotState;
  stars: number | null;
  action?: string | null;
  start: number | null;
  reached?: { inWindow: boolean } | null;
  tried?: { inWindow?: boolean } | null;
}): boolean {
  return (
    row.state === 'now' &&
    !isLowConfidence(row.stars) &&
    isStillToReach(row) &&
    row.tried?.inWindow !== true
  );
}

/** Added to a settled row's group: past every state's two groups. */
const SETTLED_GROUP = 16;

export interface Orderable {
  state: SlotState;
  start: number | null;
  end: number | null;
  stars: number | null;
  name: string;
  personId: string;
  channel: string;
  /** The rep's mark on the row for the day, if any: settled rows (`isSettled`) sort last. */
  action?: string | null;
  /** A contact with the person that day: one in the row's window (`isWorkedInWindow`) sorts last. */
  reached?: { inWindow: boolean } | null;
}

/**
 * PL-1 order as numbers: settled rows and rows worked in their window last; then the state; within a state, windows of 2★ or more
 * before the low-confidence ones; then, open now: more stars first, fewest minutes left breaking
 * ties; upcoming: earliest start, then more stars; passed and struck: most recently ended, then
 * more stars. `held`: a settled row kept where it was (the renderer's few seconds of Undo).
 */
function planRowKey(r: Orderable, held: boolean): [number, number, number] {
  const stars = -(r.stars ?? 0);
  const group =
    (!held && (isSettled(r) || isWorkedInWindow(r)) ? SETTLED_GROUP : 0) +
    RANK[r.state] * 2 +
    (isLowConfidence(r.stars) ? 1 : 0);
  switch (r.state) {
    case 'now':
      return [group, stars, r.end ?? 0];
    case 'upcoming':
      return [group, r.start ?? 0, stars];
    case 'passed':
    case 'struck':
      return [group, -(r.end ?? 0), stars];
    default:
      return [group, 0, stars];
  }
}

/** Ties by name, person, channel and start, in plain code-unit order: stable and cheap. */
function compareTies(a: Orderable, b: Orderable): number {
  return (
    cmp(a.name, b.name) ||
    cmp(a.personId, b.personId) ||
    cmp(a.channel, b.channel) ||
    (a.start ?? 0) - (b.start ?? 0)
  );
}

/**
 * PL-1 order: open now, upcoming, no window today, then passed and struck windows, each with its
 * low-confidence windows last; rows the rep finished with (`isSettled`) or worked in their window
 * (`isWorkedInWindow`) below all of them.
 */
export function comparePlanRows(a: Orderable, b: Orderable): number {
  const ka = planRowKey(a, false);
  const kb = planRowKey(b, false);
  return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || compareTies(a, b);
}

/**
 * The rows in PL-1 order (`comparePlanRows`), as a new array: the core's order and the
 * renderer's re-order when a row changes state. Keys are computed once per row, into typed
 * arrays, as a plan has thousands of rows. `tiesInOrder`: the rows arrive in tie order (the core
 * builds them person by person, by name and id, call before email), so a stable sort breaks ties
 * as `compareTies` does without comparing a string. `held`: settled rows to keep in place.
 */
export function sortPlanRows<R extends Orderable>(
  rows: readonly R[],
  tiesInOrder: boolean,
  held?: (row: R) => boolean,
): R[] {
  const n = rows.length;
  const group = new Float64Array(n);
  const first = new Float64Array(n);
  const second = new Float64Array(n);
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as R;
    const [g, a, b] = planRowKey(row, held !== undefined && held(row));
    group[i] = g;
    first[i] = a;
    second[i] = b;
    order[i] = i;
  }
  order.sort(
    (a, b) =>
      (group[a] as number) - (group[b] as number) ||
      (first[a] as number) - (first[b] as number) ||
      (second[a] as number) - (second[b] as number) ||
      (tiesInOrder ? a - b : compareTies(rows[a] as R, rows[b] as R) || a - b),
  );
  return order.map((i) => rows[i] as R);
}

/**
 * A plan in PL-1 order (`sortPlanRows`) once its rows carry the day's contacts (`reached`): the
 * rows worked in their window go down among the settled ones. No other row's key changed, so
 * the rows above keep their order and only the rows at the bottom are sorted again: the same
 * order as `sortPlanRows(rows, false)`, without comparing the thousands of rows above on every
 * read of the plan. The rows as they are when none moved.
 */
export function sortWorkedDown<R extends Orderable>(rows: R[]): R[] {
  if (!rows.some((r) => isWorkedInWindow(r) && !isSettled(r))) return rows;
  const above: R[] = [];
  const below: R[] = [];
  for (const r of rows) (isSettled(r) || isWorkedInWindow(r) ? below : above).push(r);
  return above.concat(sortPlanRows(below, false));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
