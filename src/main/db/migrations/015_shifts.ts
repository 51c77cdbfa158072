import { type Kysely } from 'kysely';

// A rep's working hours (Zoho's shift hours): a shift is a week of hours in a zone of its own, and
// a user in one works those hours instead of the organisation's business hours. Users in no shift
// (shift_id null) work the organisation's, as every user did before. No foreign key: a shift
// deleted in the CRM takes its users back to the organisation's hours in the same write.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    // BusinessHours as JSON, the organisation's format (organisation.business_hours).
    .addColumn('hours', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('users').addColumn('shift_id', 'text').execute();
}
