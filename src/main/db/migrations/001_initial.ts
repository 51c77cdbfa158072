import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they describe the schema as it was then, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('rep','manager','admin')`))
    .addColumn('manager_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('team', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('organisation')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('business_hours', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('industry', 'text')
    .addColumn('website', 'text')
    .addColumn('country', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('modified_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('module', 'text', (c) => c.notNull().check(sql`module in ('lead','contact')`))
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('title', 'text')
    .addColumn('company', 'text')
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('country', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('lead_status', 'text')
    .addColumn('lead_source', 'text')
    // VT-3 visit summary, as the CRM's SalesIQ fields carry it.
    .addColumn('days_visited', 'integer')
    .addColumn('chats_count', 'integer')
    .addColumn('avg_time_spent_min', 'real')
    .addColumn('first_visit_at', 'integer')
    .addColumn('last_visit_at', 'integer')
    .addColumn('first_visited_url', 'text')
    .addColumn('visit_referrer', 'text')
    .addColumn('visitor_score', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('modified_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_owner').on('people').columns(['owner_id']).execute();
  await db.schema.createIndex('people_account').on('people').columns(['account_id']).execute();
  await db.schema.createIndex('people_email').on('people').columns(['email']).execute();
  await db.schema.createIndex('people_last_name').on('people').columns(['last_name']).execute();

  await db.schema
    .createTable('deals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','won','lost')`))
    .addColumn('amount', 'real')
    .addColumn('currency', 'text')
    .addColumn('closing_date', 'text')
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('modified_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deals_person').on('deals').columns(['person_id']).execute();
  await db.schema.createIndex('deals_account').on('deals').columns(['account_id']).execute();

  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    // BT-1 signal type, or null for an activity that is not a signal (a scheduled task, a note).
    .addColumn('signal', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.check(sql`direction in ('in','out')`))
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('duration_s', 'integer')
    .addColumn('subject', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('completed'))
    .addColumn('source_module', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .execute();
  await db.schema
    .createIndex('activities_person_time')
    .on('activities')
    .columns(['person_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('activities_owner_time')
    .on('activities')
    .columns(['owner_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('visitor_name', 'text')
    .addColumn('visitor_email', 'text')
    .addColumn('ip', 'text')
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('ended_at', 'integer')
    .addColumn('time_spent_s', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('referrer', 'text')
    .addColumn('search_engine', 'text')
    .addColumn('search_keyword', 'text')
    .addColumn('actions', 'text')
    .execute();
  await db.schema
    .createIndex('visits_person_time')
    .on('visits')
    .columns(['person_id', 'started_at'])
    .execute();
  await db.schema.createIndex('visits_time').on('visits').columns(['started_at']).execute();

  await db.schema
    .createTable('visit_pages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('viewed_at', 'integer', (c) => c.notNull())
    .addColumn('time_spent_s', 'integer')
    .execute();
  await db.schema
    .createIndex('visit_pages_visit')
    .on('visit_pages')
    .columns(['visit_id'])
    .execute();

  await db.schema
    .createTable('chats')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('visit_id', 'text', (c) => c.references('visits.id').onDelete('set null'))
    .addColumn('operator_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('ended_at', 'integer')
    .execute();
  await db.schema.createIndex('chats_person').on('chats').columns(['person_id']).execute();

  await db.schema
    .createTable('chat_messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('sender', 'text', (c) => c.notNull().check(sql`sender in ('visitor','operator')`))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('chat_messages_chat')
    .on('chat_messages')
    .columns(['chat_id'])
    .execute();

  // One row per person and channel, the week's windows as JSON ([weekday, startMin, endMin,
  // stars, reason], best first within a weekday): a recompute writes 2 rows a person instead of
  // 40, and a plan reads each person's week in one place.
  await db.schema
    .createTable('best_time_windows')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('call','email')`))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('windows', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'integer', (c) => c.notNull())
    // An ordinary rowid table: rows of a few kilobytes are what WITHOUT ROWID handles worst.
    .addPrimaryKeyConstraint('best_time_windows_pk', ['person_id', 'channel'])
    .execute();

  await db.schema
    .createTable('plan_actions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action in ('done','snoozed','skipped','call_logged')`),
    )
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('payload', 'text')
    .execute();
  await db.schema
    .createIndex('plan_actions_user_day')
    .on('plan_actions')
    .columns(['user_id', 'day'])
    .execute();

  await db.schema
    .createTable('alert_rules')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('rule_id', 'integer', (c) => c.references('alert_rules.id').onDelete('set null'))
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('visit_id', 'text', (c) => c.references('visits.id').onDelete('cascade'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('read_at', 'integer')
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('module', 'text', (c) => c.primaryKey())
    .addColumn('watermark', 'integer')
    .addColumn('cursor', 'text')
    .addColumn('last_success_at', 'integer')
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('pushed_at', 'integer')
    .addColumn('crm_id', 'text')
    .execute();
}
