import { sql, type Kysely } from 'kysely';

// Hot-visitor alerts (VT-6 to VT-10). `alert_rules` and `alerts` came with the first schema and
// were never written: they are replaced by the shapes the alerts need. Rules and preferences
// belong to a user, not to the organisation's data, so they keep no foreign key to `users`: a
// signed-out CRM copy is cleared (clearOrganisationData) and a rep's rules stay.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alerts').ifExists().execute();
  await db.schema.dropTable('alert_rules').ifExists().execute();

  // A rep's rules in the order they are tried; `rule` is the rule as JSON (categories, owner,
  // page, min_score, returning): one column, so a rule field added later needs no migration.
  await db.schema
    .createTable('alert_rules')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alert_rules_user')
    .on('alert_rules')
    .columns(['user_id', 'position'])
    .execute();

  // One row per rep who changed anything; no row means the defaults. `custom_rules` tells a rep
  // who deleted every rule (no alerts) from one who never edited them (the default rule set).
  await db.schema
    .createTable('alert_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('custom_rules', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cooldown_minutes', 'integer')
    .addColumn('working_hours', 'text')
    .addColumn('paused_until', 'integer')
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  // An alert raised for a rep: delivered at once, or held (outside working hours, paused, while a
  // call is logged) until `deliver_at`. `payload` keeps what the alert said when it was raised
  // (name, pages, score, window), as the person's data moves on after it.
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('visit_id', 'text', (c) => c.references('visits.id').onDelete('set null'))
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) =>
      c
        .notNull()
        .check(sql`category in ('customer','customer_open_deal','lead_contact','unknown')`),
    )
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('visit_started_at', 'integer', (c) => c.notNull())
    .addColumn('alert_at', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull().check(sql`delivery in ('now','held')`))
    .addColumn('hold_reason', 'text', (c) => c.check(sql`hold_reason in ('hours','paused','call')`))
    .addColumn('deliver_at', 'integer')
    .addColumn('delivered_at', 'integer')
    .addColumn('read_at', 'integer')
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alerts_user_delivered')
    .on('alerts')
    .columns(['user_id', 'delivered_at'])
    .execute();
  await db.schema
    .createIndex('alerts_user_time')
    .on('alerts')
    .columns(['user_id', 'alert_at'])
    .execute();
  await db.schema.createIndex('alerts_person').on('alerts').column('person_id').execute();
  await db.schema.createIndex('alerts_visit').on('alerts').column('visit_id').execute();

  // The browser's user agent where the CRM keeps one: bots never alert (VT-8).
  await db.schema.alterTable('visits').addColumn('user_agent', 'text').execute();
}
