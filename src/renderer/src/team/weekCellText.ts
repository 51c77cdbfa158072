import type { TeamWeekCell } from '@shared/teamContract';

/** Which of the page's channels the week's numbers are read for (the day view's Channel choice). */
export type WeekChannel = 'all' | 'call' | 'email';

/** When a date is, against the manager's today: a past day reads done against planned. */
export type WeekWhen = 'past' | 'today' | 'future';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * The lines of a cell (or a total), shortest words first: calls scheduled and made, tasks
 * completed that day and still open from that day, emails sent, alerts. A past day says what was done against what was planned ("3 made · 1
 * not done"), a day to come what is planned; a number that is 0 is left out, and a cell with
 * nothing says so in words.
 */
export function weekCellLines(c: TeamWeekCell, when: WeekWhen, channel: WeekChannel): string[] {
  const lines: string[] = [];
  if (channel !== 'email') {
    const calls: string[] = [];
    if (c.callsMade > 0 || (when === 'past' && c.callsScheduled > 0))
      calls.push(`${c.callsMade} made`);
    if (c.callsScheduled > 0)
      calls.push(
        `${c.callsScheduled} ${when === 'past' ? 'not done' : 'scheduled'}` +
          (c.booked > 0 ? ` (${c.booked} booked here)` : ''),
      );
    if (calls.length > 0) lines.push(`Calls: ${calls.join(' · ')}`);
  }
  // Not "done of due": the stored row of a completed task keeps the day it was closed, not the
  // day it was due, so the two counts are of different tasks and are named for what they are.
  const open = c.tasks - c.tasksDone;
  if (c.tasks > 0)
    lines.push(
      when === 'future' && c.tasksDone === 0
        ? `Tasks: ${c.tasks} due`
        : `Tasks: ${[
            ...(c.tasksDone > 0 ? [`${c.tasksDone} completed`] : []),
            ...(open > 0 ? [`${open} open`] : []),
          ].join(' · ')}`,
    );
  if (channel !== 'call' && c.emailsSent > 0) lines.push(`Emails: ${c.emailsSent} sent`);
  if (c.alerts > 0) lines.push(plural(c.alerts, 'hot-visitor alert'));
  return lines;
}

/** A cell's words when it has no numbers: why, if the rep does not work that day. */
export function weekCellEmpty(c: Pick<TeamWeekCell, 'working' | 'dayOff'>): string {
  if (c.dayOff) return `Day off: ${c.dayOff}`;
  return c.working ? 'Nothing scheduled or logged' : 'Not a working day';
}
