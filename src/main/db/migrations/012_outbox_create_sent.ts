import { sql, type Kysely } from 'kysely';

// When an entry's last create was sent to the CRM (UTC epoch ms): a retry after a lost answer
// lists the records created since shortly before then, a read that does not lag as Zoho's search
// index does. Null: no create sent yet, so nothing can exist. An entry an older version already
// tried has no such time: its creation stands in, no later than any of its attempts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('create_sent_at', 'integer').execute();
  await sql`update outbox set create_sent_at = created_at
    where pushed_at is null and attempts > 0`.execute(db);
}
