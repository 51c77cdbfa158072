import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // What a full relearn learned from the whole organisation (zone and organisation profiles,
  // half-life, strengths, star calibration), kept so that a start relearns only the people a
  // sync touches instead of everyone. One row: the last full relearn's, written in the same
  // transaction as its windows; `model_version` says which model's shape it has.
  await db.schema
    .createTable('learned_priors')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('model_version', 'integer', (c) => c.notNull())
    .addColumn('learned_at', 'integer', (c) => c.notNull())
    .addColumn('priors', 'text', (c) => c.notNull())
    .execute();
}
