import { type Kysely } from 'kysely';

// Days off (Zoho's holidays): a business holiday (shift_id null) is a day off for every user on
// the organisation's business hours, a shift holiday for the users of that shift. `date` is the
// calendar day YYYY-MM-DD in the zone of the hours it closes (the organisation's, or the shift's).
// The CRM's list replaces them all on each read. No foreign key to shifts: a shift deleted in the
// CRM takes its holidays with it on the same read, and a holiday never blocks a shift's removal.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('holidays')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('shift_id', 'text')
    .execute();
  await db.schema
    .createIndex('holidays_shift_date')
    .on('holidays')
    .columns(['shift_id', 'date'])
    .execute();
}
