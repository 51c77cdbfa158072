import { type Kysely } from 'kysely';

// A waiting record whose stored rows cannot be read back (damaged JSON, rows that are not the
// app's): `unreadable_at` (UTC ms) when a sync found it so. It is kept, rows and CRM copy, but no
// longer retried at every run's end; a newer copy from the CRM clears it (localStore.ts).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('quarantine').addColumn('unreadable_at', 'integer').execute();
}
