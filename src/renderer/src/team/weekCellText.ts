import { sumWeekCells, type TeamWeekCell } from '@shared/teamContract';

/** Which of the page's channels the week's numbers are read for (the day view's Channel choice). */
export type WeekChannel = 'all' | 'call' | 'email';

/** When a date is, against the manager's today: a past day reads done against planned. */
export type WeekWhen = 'past' | 'today' | 'future';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * The lines of a cell (or a total), shortest words first: calls scheduled and made, tasks due
 * and how many of them are done, emails sent, alerts. A past day says what was done against what
 * was planned ("3 made · 1 not done", "2 of 3 done · 1 overdue"), a day to come what is planned;
 * a number that is 0 is left out, and a cell with nothing says so in words. `overdue` is for a
 * total over days some of which are still to come: the open tasks of its past days.
 */
export function weekCellLines(
  c: TeamWeekCell,
  when: WeekWhen,
  channel: WeekChannel,
  overdue = when === 'past' ? c.tasks - c.tasksDone : 0,
): string[] {
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
  // Done of due: a task counts on its due date whenever it was closed. Open on a past day is
  // overdue; on today or a day to come it is simply still due. An open task the CRM gives no due
  // date was never due on a day, so it is never overdue: it is named apart.
  const tasks: string[] = [];
  if (c.tasks > 0)
    tasks.push(
      when === 'past' || c.tasksDone > 0 || overdue > 0
        ? `${c.tasksDone} of ${c.tasks} done` + (overdue > 0 ? ` · ${overdue} overdue` : '')
        : `${c.tasks} due`,
    );
  if (c.tasksUndated > 0) tasks.push(`${c.tasksUndated} open, no due date`);
  if (tasks.length > 0) lines.push(`Tasks: ${tasks.join(' · ')}`);
  if (channel !== 'call' && c.emailsSent > 0) lines.push(`Emails: ${c.emailsSent} sent`);
  if (c.alerts > 0) lines.push(plural(c.alerts, 'hot-visitor alert'));
  return lines;
}

/**
 * The lines of a total over cells (a rep's week, the team's): past when every cell is, and
 * overdue counting the open tasks of the past cells, also while some days are still to come.
 */
export function weekTotalLines(
  cells: readonly { cell: TeamWeekCell; when: WeekWhen }[],
  channel: WeekChannel,
): string[] {
  const when: WeekWhen = cells.every((c) => c.when === 'past') ? 'past' : 'today';
  let overdue = 0;
  for (const { cell, when: w } of cells) if (w === 'past') overdue += cell.tasks - cell.tasksDone;
  return weekCellLines(sumWeekCells(cells.map((c) => c.cell)), when, channel, overdue);
}

/** A cell's words when it has no numbers: why, if the rep does not work that day. */
export function weekCellEmpty(c: Pick<TeamWeekCell, 'working' | 'dayOff'>): string {
  if (c.dayOff) return `Day off: ${c.dayOff}`;
  return c.working ? 'Nothing scheduled or logged' : 'Not a working day';
}
