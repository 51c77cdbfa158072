import type { Kysely } from 'kysely';

// Columns written and never read. best_time_windows.computed_at: when a row was last written (the
// windows_learned_at setting says when the model last learned). outbox.crm_id: the CRM's id of a
// pushed call, which the local activity takes instead. SQLite rewrites each table once.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('best_time_windows').dropColumn('computed_at').execute();
  await db.schema.alterTable('outbox').dropColumn('crm_id').execute();
}
