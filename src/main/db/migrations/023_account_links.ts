import { sql, type Kysely } from 'kysely';

// A contact and a deal name their account in the CRM. One stored before that account (a first
// sync cut short after Contacts began, an account created after the contact's page was read)
// kept no link, account_id being a foreign key, and never got one: the planner and the person's
// page showed no account for it. crm_account_id keeps the CRM's reference; the account's arrival
// links what waits for it (sync/localStore.ts), found by these partial indexes: only rows whose
// account is not here are in them. Rows stored before this migration keep what they had.
const TABLES = ['people', 'deals'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.alterTable(table).addColumn('crm_account_id', 'text').execute();
    await db.schema
      .createIndex(`${table}_waiting_account`)
      .on(table)
      .column('crm_account_id')
      .where(sql<boolean>`account_id is null and crm_account_id is not null`)
      .execute();
  }
}
