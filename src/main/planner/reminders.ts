import type { PlannerRow, Reminder } from '../../shared/contract';
import { isLowConfidence, isStillToReach } from '../../shared/slotStates';

/** How long before a window opens its reminder goes off: time to finish a call and pick up. */
const REMINDER_LEAD_MS = 5 * 60_000;
/** People named in one reminder; the rest are counted. */
const NAMED = 3;

/** One window of a row opening later today. */
interface Opening {
  row: PlannerRow;
  end: number;
  stars: number;
}

/** As `localeCompare` without a locale, made once: a plan has thousands of names to order. */
const byName = new Intl.Collator();

/** Which of two openings a reminder names first: the best rated, calls first, then by name. */
function before(a: Opening, b: Opening): number {
  return (
    b.stars - a.stars ||
    (a.row.channel === b.row.channel ? 0 : a.row.channel === 'call' ? -1 : 1) ||
    byName.compare(a.row.name, b.row.name)
  );
}

/** The first `n` of a group in reminder order, without ordering the whole group (hundreds of
 * people may open at 09:00). */
function firstOf(group: readonly Opening[], n: number): Opening[] {
  const top: Opening[] = [];
  for (const o of group) {
    if (top.length === n && before(o, top[n - 1] as Opening) >= 0) continue;
    let i = Math.min(top.length, n - 1);
    while (i > 0 && before(o, top[i - 1] as Opening) < 0) i--;
    top.splice(i, 0, o);
    if (top.length > n) top.pop();
  }
  return top;
}

/**
 * The day's reminders (BT-8) from a plan: one per moment at which windows the planner lists open
 * later today, naming the best-rated people whose window opens then. A reminder speaks for the
 * planner's rows: each row's window (a snoozed row's is the one it was snoozed to), and the sure
 * windows still to come after it, which the planner lists as their own rows when it ends, so a
 * schedule asked for in the morning has the afternoon's. Windows under 2★ are not reminded of:
 * the planner folds them under "Low confidence", and the day's other unsure hours, which no row
 * shows, once counted dozens of people in "and 23 more". Only rows still to reach today are
 * (`isStillToReach`, the planner's "worth a call now" and the Team page's rule): rows the rep
 * finished with (done, skipped, snoozed to another day) and people reached that day on the
 * channel (a call at 09:30 in their 09:00 window needs none in their 14:00 one) are left out; an
 * unanswered attempt reached no one. Windows that have already opened are on the planner as "in
 * window now" and are not reminded of.
 */
export function reminderSchedule(rows: readonly PlannerRow[], now: number): Reminder[] {
  const byStart = new Map<number, Opening[]>();
  // A person's channel can have two rows (a window that ended and the next): each opening once.
  // By person, per channel, the starts added: no key string made per row (11,000 rows a plan).
  const seen = { call: new Map<string, number[]>(), email: new Map<string, number[]>() };
  const add = (row: PlannerRow, start: number, end: number, stars: number): void => {
    const added = seen[row.channel];
    const starts = added.get(row.personId);
    if (starts?.includes(start)) return;
    if (starts) starts.push(start);
    else added.set(row.personId, [start]);
    const opening = { row, end, stars };
    const group = byStart.get(start);
    if (group) group.push(opening);
    else byStart.set(start, [opening]);
  };
  for (const r of rows) {
    if (r.start === null || r.end === null) continue;
    if (!isStillToReach(r)) continue;
    if (r.start > now && !isLowConfidence(r.stars)) add(r, r.start, r.end, r.stars ?? 0);
    // The sure windows after this one: each the row's next when this one ends (`shownWindows`).
    for (const a of r.alternatives)
      if (a.start > now && a.start >= r.end && !isLowConfidence(a.stars))
        add(r, a.start, a.end, a.stars);
  }
  return [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, group]) => ({
      at: Math.max(now, start - REMINDER_LEAD_MS),
      start,
      people: firstOf(group, NAMED).map((o) => ({
        personId: o.row.personId,
        name: o.row.name,
        channel: o.row.channel,
        stars: o.stars,
        end: o.end,
      })),
      more: Math.max(0, group.length - NAMED),
    }));
}
