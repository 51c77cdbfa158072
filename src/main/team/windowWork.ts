import type { TeamBlockWork } from '../../shared/teamContract';
import { countsForDay, creditedWindows, type Contact } from '../../shared/contactSpan';

/**
 * A call (an email) with the person: `tried` a call that did not reach them (no answer, busy,
 * voicemail), an attempt: it works the window it falls in, but reaches no one.
 */
export interface WorkContact extends Contact {
  tried?: boolean;
}

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
  /** A snooze's window, as the planner's `RowMark.snoozeTo`. */
  snoozeTo?: number | null;
}

/** A contact with a person on a channel that day, as `windowWork` credits it. */
interface DayContact extends Contact {
  by: TeamBlockWork['by'];
  tried: boolean;
}

/** What reached a person on a channel, in time order (reused: a rep's day reads thousands). */
const contacts: DayContact[] = [];
/** For each of `contacts`, the index of the window it works, or -1 (`creditedWindows`). */
const credited: number[] = [];

/**
 * How each window of a person's channel was worked on a day, as of `now` (TM-1, TM-2), into
 * `out` (one entry per window, in the order given).
 *
 * What reaches the person: each call (on the email channel, email) logged that day (the rep's
 * day, or inside one of the windows when one runs past its end), and the mark "done" when
 * nothing was logged before it (logging a call in the app marks the row done at the same moment:
 * one contact, not two).
 *
 * Each contact works one window at most, by the rule the planner's rows read too
 * (`creditedWindows`): one it overlaps (`fellIn`: a call credits a window when it started before
 * the window ended and ended after it began) that no earlier contact works, of two the
 * better-rated, as the plan showed then. It is said at its end (when the rep knew how it went):
 * one call is one window worked in window, however many windows the person has that day. An
 * unanswered attempt (`tried`) works its window too: the rep tried there. A window no contact
 * fell inside carries the day's first contact that reached the person: before it ends, the
 * person was reached already (in an earlier window, between windows, or in an overlapping one)
 * and the window needs no call of its own, so it is neither worked nor missed; after it ended, it
 * was missed and the rep reached the person later. An attempt reaches no one: the person's other
 * windows are where the rep tries again, open, to come or missed as if it had not been made (and
 * a Done after it is a contact of its own).
 */
export function windowWork(
  windows: readonly DayWindow[],
  times: readonly WorkContact[] | undefined,
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
      if (countsForDay(c, day, windows))
        contacts.push({ start: c.start, end: c.end, by: 'logged', tried: t.tried === true });
    }
  // The Done a logged call made is that call; a Done after only attempts is the rep's own word.
  const reached = contacts.find((c) => !c.tried);
  if (mark?.action === 'done' && !(reached && reached.start <= mark.at)) {
    let i = contacts.length;
    while (i > 0 && (contacts[i - 1]?.start ?? 0) > mark.at) i--;
    contacts.splice(i, 0, { start: mark.at, end: mark.at, by: 'done', tried: false });
  }
  out.fill(null);
  if (contacts.length === 0) return;
  creditedWindows(contacts, windows, credited);
  for (let c = 0; c < contacts.length; c++) {
    const i = credited[c] as number;
    const contact = contacts[c] as DayContact;
    if (i >= 0) out[i] = { at: contact.end, by: contact.by, inWindow: true };
  }
  // The day's first contact that reached the person (not an attempt), for the other windows.
  const first = contacts.find((c) => !c.tried);
  if (first)
    for (let i = 0; i < windows.length; i++)
      out[i] ??= { at: first.end, by: first.by, inWindow: false };
}
