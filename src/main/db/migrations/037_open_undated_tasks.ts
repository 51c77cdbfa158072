import { sql, type Kysely } from 'kysely';

// A rep's open tasks with no due date placed before their day are overdue on it (review49 #5): the
// planner, its task list and the Team page read them, and the only index that led there was the
// owner's whole history by time (activities_owner_time), so each read walked every call, e-mail
// and visit form the rep ever had: 0.3–0.6 s a read at 50,000 people, several reads a page.
// Partial: open undated tasks are a few of a rep's hundreds of thousands of activities. SQLite
// matches the index's conditions against the query's bound values (`openTasksQuery`).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('activities_owner_undated_tasks')
    .on('activities')
    .columns(['owner_id', 'started_at'])
    .where(
      sql<boolean>`${sql.ref('kind')} = 'task' and ${sql.ref('status')} = 'scheduled' and ${sql.ref('due_date')} is null`,
    )
    .execute();
}
