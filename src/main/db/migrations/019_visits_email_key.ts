import { sql, type Kysely } from 'kysely';

// Visits the CRM linked to nobody by the e-mail their visitor gave, in any case and spacing, and
// in time: a person's page lists the visits matched to them by their e-mail, and "returning"
// looks for each person's first one. Partial (`person_id is null`): only such visits are matched
// by e-mail, and a linked visit's e-mail is never read this way.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('visits_email_key')
    .on('visits')
    .expression(sql`lower(trim(visitor_email)), started_at`)
    .where(sql.ref('person_id'), 'is', null)
    .execute();
}
