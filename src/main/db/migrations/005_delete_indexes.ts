import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Deleting a person or a visit (a sync's deletions, a lead's conversion) cascades into these
  // tables: without an index on the foreign key, each delete reads the whole table.
  await db.schema
    .createIndex('plan_actions_person')
    .on('plan_actions')
    .column('person_id')
    .execute();
  await db.schema.createIndex('alerts_person').on('alerts').column('person_id').execute();
  await db.schema.createIndex('alerts_visit').on('alerts').column('visit_id').execute();
  await db.schema.createIndex('chats_visit').on('chats').column('visit_id').execute();
}
