import { type Kysely } from 'kysely';

// Each row of a rep's plan as last marked, to be shared through the CRM (sync/planMarksShare.ts):
// one row per rep, person, day and channel, holding the latest mark (`clear`: taken back).
// `sent` 0: made on this computer and not yet in the CRM. No foreign keys: a mark read from the
// CRM may name a person this computer does not hold, and says nothing that needs them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plan_mark_shares')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('plan_mark_shares_row', ['user_id', 'person_id', 'day', 'channel'])
    .execute();
  await db.schema
    .createIndex('plan_mark_shares_unsent')
    .on('plan_mark_shares')
    .column('sent')
    .execute();
}
