import { sql, type Kysely } from 'kysely';

// Each distinct user agent once, and each visit its number: a month of visits repeats a few
// user agents 100,000 times, and the alert replay read every copy (10 MB of its 25 MB read).
// Triggers keep the number in step with `visits.user_agent` whoever writes it (the sync's
// upserts, the demo, tests), so no writer has to know. Not `insert or ignore`: the conflict
// policy of the statement that fires a trigger overrides its body's, and an upsert's aborts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_agents')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('user_agent', 'text', (c) => c.notNull().unique())
    .execute();
  // No foreign key: the triggers keep it, and deleting user agents would scan every visit.
  await db.schema.alterTable('visits').addColumn('user_agent_id', 'integer').execute();
  await sql`insert into user_agents (user_agent)
    select distinct user_agent from visits where user_agent is not null`.execute(db);
  await sql`update visits set user_agent_id =
    (select id from user_agents u where u.user_agent = visits.user_agent)
    where user_agent is not null`.execute(db);
  // A visit without one (Zoho's) starts with none; the sync rewrites every column of a visit it
  // sees again, and an unchanged user agent is skipped.
  for (const [name, event, when] of [
    ['visits_user_agent_insert', 'insert', 'new.user_agent is not null'],
    ['visits_user_agent_update', 'update of user_agent', 'new.user_agent is not old.user_agent'],
  ] as const)
    await sql
      .raw(
        `create trigger ${name} after ${event} on visits when ${when} begin
          insert into user_agents (user_agent) select new.user_agent
            where new.user_agent is not null
              and not exists (select 1 from user_agents where user_agent = new.user_agent);
          update visits set user_agent_id =
            (select id from user_agents where user_agent = new.user_agent)
            where rowid = new.rowid;
        end`,
      )
      .execute(db);
}
