import { DateTime } from 'luxon';
import { sql, type Kysely } from 'kysely';

/**
 * A task's due date as the CRM keeps it (Zoho's Due_Date: a calendar date, no zone), beside the
 * instant the planner places it at, so the manager's week counts a task on the day it was due,
 * whether it was closed that day or another.
 *
 * Rows already stored get what can be known: a CRM task still open stands at its due date (09:00
 * in the organisation's zone, or the time a move here chose, whose date there is the one the CRM
 * was told), so its date in the organisation's zone is its due date. A completed one stands at
 * the time it was closed: its due date is unknown (null) until the CRM sends the task again, and
 * the week counts it on the day it was closed, as before. The demo organisation's tasks are no
 * CRM's and keep none.
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
  const open = (
    await sql<{ id: string; started_at: number }>`
      select id, started_at from activities
      where kind = 'task' and source_module = 'Tasks' and status = 'scheduled'`.execute(db)
  ).rows;
  for (const row of open) {
    const date = DateTime.fromMillis(row.started_at, { zone: org.time_zone }).toISODate();
    if (date) await sql`update activities set due_date = ${date} where id = ${row.id}`.execute(db);
  }
}
