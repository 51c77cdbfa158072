import { sql, type Kysely } from 'kysely';

// People by the e-mail a website visitor gave, in any case and spacing (the Visits page and the
// alerts match a visit the CRM linked to nobody this way, a batch of visits at a time): an index
// on the expression the lookup compares, so that it is a few seeks rather than a read of every
// person for each batch.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('people_email_key')
    .on('people')
    .expression(sql`lower(trim(email))`)
    .execute();
}
