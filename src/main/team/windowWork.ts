import type { TeamBlockWork } from '../../shared/teamContract';
import { fellIn, type Contact } from '../../shared/contactSpan';

/** A window of a person's day on one channel. */
export interface DayWindow {
  start: number;
  end: number;
  stars: number;
}

/** The rep's mark on a person's channel for the day, and when it was made. */
export interface DayMark {
  action: string;
  at: number;
}

/** What reached a person on a channel, in time order (reused: a rep's day reads thousands). */
const contacts: { at: number; end: number; by: TeamBlockWork['by'] }[] = [];
const credited: (TeamBlockWork | null)[] = [];

/**
 * How each window of a person's channel was worked on a day, as of `now` (TM-1, TM-2), into
 * `out` (one entry per window, in the order given).
 *
 * What reaches the person: each call (on the email channel, email) logged that day (the rep's
 * day, or inside one of the windows when one runs past its end), and the mark "done" when
 * nothing was logged before it (logging a call in the app marks the row done at the same moment:
 * one contact, not two).
 *
 * Each contact works one window at most, one it overlaps (`fellIn`: a call credits a window
 * when it started before the window ended and ended after it began; of two, the better-rated, as
 * the plan showed then), and is said at its end (when the rep knew how it went): one call is one window worked in window, however many
 * windows the person has that day. A window no contact fell inside carries the day's first
 * contact: before it ends, the person was reached already (in an earlier window, between
 * windows, or in an overlapping one) and the window needs no call of its own, so it is neither
 * worked nor missed; after it ended, it was missed and the rep reached the person later.
 */
export function windowWork(
  windows: readonly DayWindow[],
  times: readonly Contact[] | undefined,
  mark: DayMark | null | undefined,
  now: number,
  day: { from: number; to: number },
  out: (TeamBlockWork | null)[],
): void {
  out.length = windows.length;
  contacts.length = 0;
  if (times)
    for (const t of times) {
      if (t.start > now) break;
      // A call still going on at `now` is said as of now.
      const c = { start: t.start, end: Math.min(Math.max(t.end, t.start), now) };
      if (fellIn(c, { start: day.from, end: day.to }) || windows.some((w) => fellIn(c, w)))
        contacts.push({ at: c.start, end: c.end, by: 'logged' });
    }
  if (mark?.action === 'done' && !(contacts.length > 0 && (contacts[0]?.at ?? 0) <= mark.at)) {
    let i = contacts.length;
    while (i > 0 && (contacts[i - 1]?.at ?? 0) > mark.at) i--;
    contacts.splice(i, 0, { at: mark.at, end: mark.at, by: 'done' });
  }
  if (contacts.length === 0) {
    out.fill(null);
    return;
  }
  credited.length = windows.length;
  credited.fill(null);
  for (const c of contacts) {
    let best = -1;
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i] as DayWindow;
      if (credited[i] || !fellIn({ start: c.at, end: c.end }, w)) continue;
      if (best < 0 || w.stars > (windows[best] as DayWindow).stars) best = i;
    }
    if (best >= 0) credited[best] = { at: c.end, by: c.by, inWindow: true };
  }
  const first = contacts[0] as { end: number; by: TeamBlockWork['by'] };
  for (let i = 0; i < windows.length; i++)
    out[i] = credited[i] ?? { at: first.end, by: first.by, inWindow: false };
}
