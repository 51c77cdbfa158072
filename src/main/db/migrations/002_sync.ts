import type { Kysely } from 'kysely';

// Migrations take Kysely<any>: they describe the schema as it was then, not today's types.
// Idempotent: the sync creates these itself until this migration is registered.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // A CRM record the sync could not store, kept with its error so it never blocks the rest.
  // `writes` holds the mapped rows when the record was fine but waits for a parent (a call
  // whose person has not arrived yet): those are retried at the end of every sync.
  await db.schema
    .createTable('quarantine')
    .ifNotExists()
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('writes', 'text')
    .addColumn('modified_at', 'integer', (c) => c.notNull())
    .addColumn('first_seen_at', 'integer', (c) => c.notNull())
    .addColumn('last_seen_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('quarantine_pk', ['module', 'record_id'])
    .execute();
}
