import { taskOverdue } from './taskDue';

/**
 * An activity's status at a moment. A meeting has none in the CRM, only a time: it is planned
 * until it ends and completed after, whatever was stored when it was synced. A call or task the
 * CRM still holds as scheduled after its time was not done then: it is 'overdue', as the planner's
 * side line words it ("overdue: call booked at 08:45", PlanRow's scheduledText), not planned; one
 * due later, even later today, is still 'scheduled'. The rule is about instants (its due time
 * against now), not days, so a clock change between the two moves nothing. A task is the
 * exception: it is due on a day (its due date, else the day its time falls on), and overdue only
 * once that day is over on the clock of `zone`, the reader's (shared/taskDue.ts `taskOverdue`), as
 * the planner and Zoho say.
 * Other activities keep the status the CRM gave them (completed, cancelled). The SQL twin of
 * "happened" is db/repos/activities.ts `happenedBy`.
 */
export function statusAt(
  a: {
    kind: string;
    status: string;
    startAt: number;
    durationS: number | null;
    dueDate?: string | null;
  },
  now: number,
  zone: string,
): string {
  if (a.kind === 'meeting')
    return meetingEnd(a.startAt, a.durationS) > now ? 'scheduled' : 'completed';
  if (a.status !== 'scheduled') return a.status;
  if (a.kind === 'task') return taskOverdue(a, now, zone) ? 'overdue' : 'scheduled';
  return a.startAt < now ? 'overdue' : 'scheduled';
}

/** When a meeting ends; one with no end is over once it starts. */
export function meetingEnd(startAt: number, durationS: number | null): number {
  return startAt + (durationS ?? 0) * 1000;
}
