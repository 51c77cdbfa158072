import { DateTime } from 'luxon';
import { sql, type Kysely } from 'kysely';

/**
 * A task's due date as the CRM keeps it (Zoho's Due_Date: a calendar date, no zone), beside the
 * instant the planner places it at, so the manager's week counts a task on the day it was due,
 * whether it was closed that day or another.
 *
 * Rows already stored get what can be known. A CRM task still open stands at its due date only
 * when it has one: 09:00 in the organisation's zone (as the mapping places a Due_Date), or the
 * instant a move here chose (the move, kept in the outbox, names the date the CRM was told). Any
 * other open task had no Due_Date and stands at its last change: it gets none, so the week does
 * not call it overdue. A completed one stands at the time it was closed: its due date is unknown
 * (null) until the CRM sends the task again, and the week counts it on the day it was closed, as
 * before. The demo organisation's tasks are no CRM's and keep none.
 *
 * The index serves the week's count of a rep's tasks by due date; partial, as calls, emails and
 * the tasks without one have none.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('activities')
    .addColumn('due_date', 'text', (c) =>
      c.check(
        sql`due_date is null or (kind = 'task' and due_date glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`,
      ),
    )
    .execute();
  await db.schema
    .createIndex('activities_owner_due')
    .on('activities')
    .columns(['owner_id', 'due_date'])
    .where(sql.ref('due_date'), 'is not', null)
    .execute();
  const org = (
    await sql<{ time_zone: string; source: string }>`
    select time_zone, source from organisation limit 1`.execute(db)
  ).rows[0];
  if (!org || org.source === 'demo') return;
  const moves = new Map<string, { dueAt: number; dueDate: string }>();
  const kept = (
    await sql<{ payload: string }>`
      select payload from outbox
      where kind = 'task' and discarded_at is null order by id`.execute(db)
  ).rows;
  // The latest move of a task wins, as the sync keeps it (taskChangesKept.ts).
  for (const { payload } of kept) {
    const move = movedTo(payload);
    if (move) moves.set(move.activityId, move);
  }
  const open = (
    await sql<{ id: string; started_at: number }>`
      select id, started_at from activities
      where kind = 'task' and source_module = 'Tasks' and status = 'scheduled'`.execute(db)
  ).rows;
  for (const row of open) {
    const move = moves.get(row.id);
    const local = DateTime.fromMillis(row.started_at, { zone: org.time_zone });
    const date =
      move && move.dueAt === row.started_at
        ? move.dueDate
        : local.hour === TASK_DUE_HOUR && local.toMillis() === local.startOf('hour').toMillis()
          ? local.toISODate()
          : null;
    if (date) await sql`update activities set due_date = ${date} where id = ${row.id}`.execute(db);
  }
}

/** The hour the Zoho mapping places a Due_Date at, as it was when this migration was written. */
const TASK_DUE_HOUR = 9;

/** A task move as the outbox kept it then (shared/taskChange.ts), or null for anything else. */
function movedTo(payload: string): { activityId: string; dueAt: number; dueDate: string } | null {
  try {
    const v = JSON.parse(payload) as Record<string, unknown> | null;
    if (
      v?.action === 'move' &&
      typeof v.activityId === 'string' &&
      typeof v.dueAt === 'number' &&
      typeof v.dueDate === 'string'
    )
      return { activityId: v.activityId, dueAt: v.dueAt, dueDate: v.dueDate };
    return null;
  } catch {
    return null;
  }
}
