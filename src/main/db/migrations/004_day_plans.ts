import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // A rep's day as it was planned: the windows each person had that day, kept after the model
  // has relearned them, so a past day reads as it was worked.
  await db.schema
    .createTable('day_plans')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'integer', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('day_plans_pk', ['user_id', 'day'])
    .execute();
}
