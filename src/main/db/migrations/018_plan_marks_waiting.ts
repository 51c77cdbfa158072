import { type Kysely } from 'kysely';

// A mark read from the CRM for a person or rep this computer does not hold yet (a lead created
// after this computer's last read of leads, a rep who just joined) waits here, `waiting` 1, and is
// applied when they arrive: the read watermark has moved past it, so the CRM will not offer it again.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('plan_mark_shares')
    .addColumn('waiting', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('plan_mark_shares_waiting')
    .on('plan_mark_shares')
    .column('waiting')
    .execute();
}
