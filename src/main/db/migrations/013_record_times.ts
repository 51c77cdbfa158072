import { sql, type Kysely } from 'kysely';

// The CRM's Modified_Time of each activity and visit (UTC epoch ms), so that an older copy of one
// read in a later run (a related list, a search index or an export behind the listing) no longer
// replaces the newer one stored, as people, accounts and deals already are. Rows stored before
// have none (null): the next copy read replaces them whatever its time.
//
// And an index for the daily prune of unused user agents, which looked for each one in every
// visit. Partial: Zoho keeps no user agent, so most visits have none and cost nothing to index.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activities').addColumn('modified_at', 'integer').execute();
  await db.schema.alterTable('visits').addColumn('modified_at', 'integer').execute();
  await db.schema
    .createIndex('visits_user_agent')
    .on('visits')
    .column('user_agent_id')
    .where(sql.ref('user_agent_id'), 'is not', null)
    .execute();
}
