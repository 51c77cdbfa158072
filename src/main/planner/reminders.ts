import type { PlannerRow, Reminder } from '../../shared/contract';
import { isLowConfidence, isStillToReach } from '../../shared/slotStates';

/** How long before a window opens its reminder goes off: time to finish a call and pick up. */
const REMINDER_LEAD_MS = 5 * 60_000;
/** People named in one reminder; the rest are counted. */
const NAMED = 3;

/** One window of a row opening later today. */
interface Opening {
  row: PlannerRow;
  start: number;
  end: number;
  stars: number;
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
  const seen = new Set<string>();
  const add = (o: Opening): void => {
    const key = `${o.row.personId}|${o.row.channel}|${o.start}`;
    if (seen.has(key)) return;
    seen.add(key);
    const group = byStart.get(o.start);
    if (group) group.push(o);
    else byStart.set(o.start, [o]);
  };
  for (const r of rows) {
    if (r.start === null || r.end === null) continue;
    if (!isStillToReach(r)) continue;
    if (r.start > now && !isLowConfidence(r.stars))
      add({ row: r, start: r.start, end: r.end, stars: r.stars ?? 0 });
    // The sure windows after this one: each the row's next when this one ends (`shownWindows`).
    for (const a of r.alternatives)
      if (a.start > now && a.start >= r.end && !isLowConfidence(a.stars))
        add({ row: r, start: a.start, end: a.end, stars: a.stars });
  }
  return [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, group]) => {
      group.sort(
        (a, b) =>
          b.stars - a.stars ||
          (a.row.channel === b.row.channel ? 0 : a.row.channel === 'call' ? -1 : 1) ||
          a.row.name.localeCompare(b.row.name),
      );
      return {
        at: Math.max(now, start - REMINDER_LEAD_MS),
        start,
        people: group.slice(0, NAMED).map((o) => ({
          personId: o.row.personId,
          name: o.row.name,
          channel: o.row.channel,
          stars: o.stars,
          end: o.end,
        })),
        more: Math.max(0, group.length - NAMED),
      };
    });
}
