import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Db } from '../db/openDatabase';
import { addOutboxEntry } from '../db/repos/outbox';
import { organisation } from '../db/repos/organisation';
import { userById } from '../db/repos/users';
import { first, run, transaction } from '../db/sqlRun';
import type { TaskChange } from '../../shared/taskChange';
import { taskName } from '../../shared/taskName';
import { taskDueDay, taskDueInstant } from '../../shared/taskDue';
import { dayName } from '../../shared/taskMovePicks';
import { keptHereInDemo } from '../db/repos/demoKeptHere';
import { refreshLastTouch } from '../db/repos/lastTouch';

/**
 * A task the CRM holds open, done or moved in the app (PL-4): the row changes here at once and
 * the change waits in the outbox (kind 'task') for the next sync to send (sync/outboxPush.ts);
 * on the demo organisation, which has no CRM, it is kept here (demoKeptHere.ts).
 */

/**
 * Marks the task done, or moves it to the day `dueDate` (or, the older form, to the day the
 * instant `dueAt` falls on), and queues the change for the CRM; returns the outbox entry's id.
 * Only a task the CRM holds open can change here: one done (here or there) is done. A move goes
 * forward: a day over on the rep's clock would be overdue the moment it was set; and a move to the
 * day the task is due already is none.
 */
export function changeTask(
  db: Db,
  userId: string,
  input: {
    activityId: string;
    action: 'done' | 'move';
    dueAt?: number | undefined;
    dueDate?: string | undefined;
  },
  at: number,
): { outboxId: number; kept?: string } {
  const task = first(
    db,
    db.kysely
      .selectFrom('activities')
      .select([
        'id',
        'person_id',
        'subject',
        'kind',
        'status',
        'started_at',
        'source_module',
        'due_date',
      ])
      .where('id', '=', input.activityId),
  );
  const name = `The ${taskName(task?.subject)}`;
  if (!task || task.kind !== 'task')
    throw new Error('This task is no longer here (a sync may have removed it): nothing changed.');
  if (task.source_module !== 'Tasks')
    throw new Error(`${name} is not one of the CRM's tasks: nothing changed.`);
  if (task.status !== 'scheduled')
    throw new Error(`${name} is ${task.status} already: nothing changed.`);
  let dueAt: number | null = null;
  let dueDate: string | null = null;
  if (input.action === 'move') {
    const zone = userById(db, userId)?.time_zone ?? 'UTC';
    const orgZone = organisation(db)?.time_zone ?? 'UTC';
    // The older form names a time, refused once passed as it always was.
    if (input.dueDate === undefined && input.dueAt !== undefined && input.dueAt <= at)
      throw new Error(
        `${name} cannot be moved to ${DateTime.fromMillis(input.dueAt, { zone }).toFormat('ccc d LLL HH:mm')}: that has passed. Choose a later time.`,
      );
    dueDate = input.dueDate ?? dayOnRepClock(input.dueAt, zone);
    // A task placed at a time only is due on that time's day on the rep's clock: moving it there
    // would only drop its hour, and the planner would read the same day.
    const dueBefore = taskDueDay({ dueDate: task.due_date, startAt: task.started_at }, zone);
    // The older form's callers move a task to another hour of the day it is due: that is a move
    // here (the CRM keeps the day), as it was before days were chosen.
    const hourOnly = input.dueDate === undefined && input.dueAt !== task.started_at;
    const placed = movedToDay(name, dueDate, hourOnly ? null : dueBefore, at, zone, orgZone);
    // The older form's hour stays here while the CRM's task is open on that day
    // (taskChangesKept.ts); the CRM gets the day only.
    dueAt = input.dueDate === undefined ? (input.dueAt ?? placed) : placed;
  }
  const change: TaskChange = {
    activityId: task.id,
    personId: task.person_id,
    subject: task.subject,
    action: input.action,
    at,
    dueAt,
    dueDate,
    before: { status: task.status, startedAt: task.started_at, dueDate: task.due_date },
  };
  let outboxId = 0;
  let kept: string | null = null;
  transaction(db, () => {
    run(
      db,
      db.kysely
        .updateTable('activities')
        // Done: when it was done, as the CRM dates a closed task (its Closed_Time); it stays
        // due when it was. Moved: due on the date the CRM is told.
        .set(
          input.action === 'done'
            ? { status: 'completed', started_at: at }
            : { started_at: dueAt ?? at, due_date: dueDate },
        )
        .where('id', '=', task.id),
    );
    // A task done is their last activity (people/lastActivity.ts).
    refreshLastTouch(db, [task.person_id]);
    outboxId = addOutboxEntry(db, {
      idempotencyKey: `task-${randomUUID()}`,
      kind: 'task',
      createdAt: at,
      payload: JSON.stringify(change),
    });
    kept = keptHereInDemo(db, outboxId, at);
  });
  return kept ? { outboxId, kept } : { outboxId };
}

/**
 * The day the older form's instant `dueAt` moves a task to: its date on the rep's clock, as
 * "Move to…" offers days, so both forms name the same day (the organisation's date of that
 * instant is the day before for a Sydney rep's morning, read from Berlin). An instant Luxon cannot
 * date gives its digits, which movedToDay refuses as no date.
 */
function dayOnRepClock(dueAt: number | undefined, zone: string): string {
  if (dueAt === undefined) throw new Error('Say which day the task is due now.');
  return DateTime.fromMillis(dueAt, { zone }).toISODate() ?? String(dueAt);
}

/**
 * Where a task moved to the day `dueDate` (the rep's date, sent to the CRM as it is) stands: at
 * the instant a due date synced from the CRM stands at (taskDueInstant), so a pull that brings the
 * CRM's copy back puts it where it is. Refused, saying why, for a day that is no date, one over on
 * the rep's clock, or the day the task is due already (`dueBefore`; null where only its hour moves).
 */
function movedToDay(
  name: string,
  dueDate: string,
  dueBefore: string | null,
  at: number,
  zone: string,
  orgZone: string,
): number {
  const today = DateTime.fromMillis(at, { zone }).toISODate() ?? '';
  // The shape too: Luxon dates an instant past the year 9999 "+010000-01-01", and Luxon reads that
  // back as a date, though no CRM Due_Date is one.
  const placed = /^\d{4}-\d{2}-\d{2}$/.test(dueDate) ? taskDueInstant(dueDate, orgZone) : null;
  if (placed === null)
    throw new Error(`${name} cannot be moved to ${dueDate}: that is no date. Choose a day.`);
  if (dueDate < today)
    throw new Error(
      `${name} cannot be moved to ${dayName(dueDate, today)}: that day has passed. Choose today or a later day.`,
    );
  if (dueDate === dueBefore)
    throw new Error(`${name} is due ${dayName(dueDate, today)} already: nothing changed.`);
  return placed;
}
