import type { TeamWeekCell } from '@shared/teamContract';

/** Which of the page's channels the week's numbers are read for (the day view's Channel choice). */
export type WeekChannel = 'all' | 'call' | 'email';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * The lines of a cell (or a total), shortest words first: calls logged in Zoho (every call the CRM
 * holds as done, on the plan or not: not the planner's "done", its own rows marked), not done and still
 * scheduled, tasks due and how many of them are done, emails sent, alerts. Whether a call or a
 * task is past is the core's count on the rep's own clock (a Sydney rep's evening is over while
 * Berlin's morning is on), so a cell says what was done against what was planned ("3 logged in Zoho
 * · 1 not done", "2 of 3 done · 1 overdue") for what is past and what is planned for what is to come;
 * a number that is 0 is left out, and a cell with nothing says so in words. `carried`: on the rep's
 * today only (its Team day, its week cell), the open tasks due before it that their planner carries,
 * named apart from the day's own ("Tasks: 3 due · 2 overdue": only today carries any, and no task of
 * today is overdue yet, so the short word is not ambiguous, and the coverage table fits 1024 px).
 */
export function weekCellLines(c: TeamWeekCell, channel: WeekChannel, carried = 0): string[] {
  const lines: string[] = [];
  if (channel !== 'email') {
    const calls: string[] = [];
    const toCome = c.callsScheduled - c.callsOverdue;
    if (c.callsMade > 0 || c.callsOverdue > 0) calls.push(`${c.callsMade} logged in Zoho`);
    if (c.callsOverdue > 0) calls.push(`${c.callsOverdue} not done`);
    if (toCome > 0) calls.push(`${toCome} scheduled`);
    if (c.booked > 0 && calls.length > 0)
      calls.push(`${calls.pop() ?? ''} (${c.booked} booked here)`);
    if (calls.length > 0) lines.push(`Calls: ${calls.join(' · ')}`);
  }
  // Done of due: a task counts on its due date whenever it was closed, one with a time only on the
  // day of that time (as the rep's plan has it). Open once that day is over (on the rep's clock) is
  // overdue; on today or a day to come it is simply still due.
  const tasks: string[] = [];
  if (c.tasks > 0)
    tasks.push(
      c.tasksOverdue > 0
        ? `${c.tasksDone} of ${c.tasks} done · ${c.tasksOverdue} overdue`
        : c.tasksDone > 0
          ? `${c.tasksDone} of ${c.tasks} done`
          : `${c.tasks} due`,
    );
  if (carried > 0) tasks.push(`${carried} overdue`);
  if (tasks.length > 0) lines.push(`Tasks: ${tasks.join(' · ')}`);
  if (channel !== 'call' && c.emailsSent > 0) lines.push(`Emails: ${c.emailsSent} sent`);
  if (c.alerts > 0) lines.push(plural(c.alerts, 'hot-visitor alert'));
  return lines;
}

/**
 * What a cell's calls line counts, as its tooltip: a manager comparing it with the rep's planner
 * ("0 done · 3 tried") reads two different counts, not one disagreeing with the other.
 */
const CALLS_LINE_TITLE =
  'Logged in Zoho: every call the CRM holds as made by the rep that day, on their plan or not. The rep’s planner counts only its own rows, marked done or tried in this app, so the numbers can differ';

/** The tooltip of one of a cell's lines, when it has one (the calls line). */
export function weekLineTitle(line: string): string | undefined {
  return line.startsWith('Calls: ') ? CALLS_LINE_TITLE : undefined;
}

/** A cell's words when it has no numbers: why, if the rep does not work that day. */
export function weekCellEmpty(c: Pick<TeamWeekCell, 'working' | 'dayOff'>): string {
  if (c.dayOff) return `Day off: ${c.dayOff}`;
  return c.working ? 'Nothing scheduled or logged' : 'Not a working day';
}
