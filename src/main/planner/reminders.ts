import type { PlannerRow, Reminder } from '../../shared/contract';

/** How long before a window opens its reminder goes off: time to finish a call and pick up. */
export const REMINDER_LEAD_MS = 5 * 60_000;
/** People named in one reminder; the rest are counted. */
const NAMED = 3;

/**
 * The day's reminders (BT-8) from a plan: one per moment at which windows open later today, naming
 * the best-rated people whose window opens then. Rows the rep finished with (done, skipped) are
 * left out; a snoozed row is reminded of at its next window, which is what snoozing asks for.
 * Windows that have already opened are on the planner as "in window now" and are not reminded of.
 */
export function reminderSchedule(rows: readonly PlannerRow[], now: number): Reminder[] {
  const byStart = new Map<number, PlannerRow[]>();
  for (const r of rows) {
    if (r.start === null || r.start <= now) continue;
    if (r.action === 'done' || r.action === 'skipped') continue;
    const group = byStart.get(r.start);
    if (group) group.push(r);
    else byStart.set(r.start, [r]);
  }
  return [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, group]) => {
      group.sort(
        (a, b) =>
          (b.stars ?? 0) - (a.stars ?? 0) ||
          (a.channel === b.channel ? 0 : a.channel === 'call' ? -1 : 1) ||
          a.name.localeCompare(b.name),
      );
      return {
        at: Math.max(now, start - REMINDER_LEAD_MS),
        start,
        people: group.slice(0, NAMED).map((r) => ({
          personId: r.personId,
          name: r.name,
          channel: r.channel,
          stars: r.stars ?? 0,
          end: r.end ?? start,
        })),
        more: Math.max(0, group.length - NAMED),
      };
    });
}
