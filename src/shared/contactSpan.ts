/**
 * A call (an email) that reached or tried to reach a person: from when it started to when it
 * ended (an email, or a call the CRM gives no length, ends as it starts).
 */
export interface Contact {
  start: number;
  end: number;
}

/**
 * Longer than any call lasts: a call that started this long before a day's midnight may still run
 * into the day (a 23:50 call that ended at 00:20 works a 00:00 window).
 */
export const CALL_LOOKBACK_MS = 12 * 3_600_000;

/**
 * Longer than any window lasts past the end of the day it opens in: a call this long after a
 * day's midnight may still work one of its windows (a 23:00–01:00 window, called at 00:20).
 */
export const WINDOW_OVERHANG_MS = 12 * 3_600_000;

/**
 * The one rule for which contacts are a rep's day's (the planner's rows, the Team page, `team`):
 * those that fell in the day (`fellIn` [from, to): begun in it, or begun before its midnight and
 * run into it), and those after it that fell in one of the day's windows on the channel (a call
 * at 00:20 in a 23:00–01:00 window works that window, and is the day's).
 */
export function countsForDay(
  c: Contact,
  day: { from: number; to: number },
  windows: readonly { start: number; end: number }[],
): boolean {
  if (fellIn(c, { start: day.from, end: day.to })) return true;
  for (const w of windows) if (fellIn(c, w)) return true;
  return false;
}

/** A call from its start to its end (its length after its start); an email ends as it starts. */
export function contactOf(a: {
  kind: string;
  started_at: number;
  duration_s: number | null;
}): Contact {
  const lasted = a.kind === 'call' ? Math.max(0, a.duration_s ?? 0) * 1000 : 0;
  return { start: a.started_at, end: a.started_at + lasted };
}

/**
 * Whether a contact fell in a window: it started before the window ended and ended after it
 * began (a 09:54–10:01 call works a 10:00 window; one that ends as it starts, inside it).
 */
export function fellIn(c: Contact, w: { start: number; end: number }): boolean {
  return c.start < w.end && (c.end > w.start || c.start >= w.start);
}

/**
 * The one rule for which window a contact works (the planner's rows, the Team page, `team`):
 * taken in the order given (time order), each contact works one window it overlaps (`fellIn`)
 * that no earlier contact works, of several the better-rated (of equals, the first in the order
 * given: the windows in start order); none when every window it overlaps is taken. One call is
 * one window worked, however many windows it runs across. For each contact, the index of the
 * window it works, or -1; `into` is filled and returned (a rep's day asks for thousands).
 */
export function creditedWindows(
  contacts: readonly Contact[],
  windows: readonly { start: number; end: number; stars: number }[],
  into: number[] = [],
): number[] {
  into.length = contacts.length;
  for (let c = 0; c < contacts.length; c++) {
    const contact = contacts[c] as Contact;
    let best = -1;
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i] as { start: number; end: number; stars: number };
      if (!fellIn(contact, w) || taken(into, c, i)) continue;
      if (best < 0 || w.stars > (windows[best] as { stars: number }).stars) best = i;
    }
    into[c] = best;
  }
  return into;
}

/** Whether one of the first `n` contacts works window `i`. */
function taken(credited: readonly number[], n: number, i: number): boolean {
  for (let c = 0; c < n; c++) if (credited[c] === i) return true;
  return false;
}
