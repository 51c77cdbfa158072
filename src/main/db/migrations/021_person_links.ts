import { sql, type Kysely } from 'kysely';

// A visit, its chats and a deal name their lead or contact in the CRM. One stored before that
// person (the minute's visits run reading a visit of a lead the records run has not read yet, a
// first sync cut short while its leads were half read) kept no link, person_id being a foreign
// key, and never got one. crm_person_id keeps the CRM's reference; the person's arrival links
// what waits for them (sync/localStore.ts), found by these partial indexes: only rows whose person
// is not here are in them.
const TABLES = ['visits', 'chats', 'deals'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.alterTable(table).addColumn('crm_person_id', 'text').execute();
    await db.schema
      .createIndex(`${table}_waiting_person`)
      .on(table)
      .column('crm_person_id')
      .where(sql<boolean>`person_id is null and crm_person_id is not null`)
      .execute();
  }
}
