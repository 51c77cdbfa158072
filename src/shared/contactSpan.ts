/**
 * A call (an email) that reached or tried to reach a person: from when it started to when it
 * ended (an email, or a call the CRM gives no length, ends as it starts).
 */
export interface Contact {
  start: number;
  end: number;
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
