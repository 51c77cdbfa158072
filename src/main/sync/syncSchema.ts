import type { Db } from '../db/openDatabase';
import { migrations } from '../db/migrations/index';
import * as m002 from '../db/migrations/002_sync';

/**
 * Creates what migration 002 adds (the quarantine table) until 002 is registered in
 * migrations/index.ts. It is not recorded in schema_migrations: a database marked with a
 * version this app does not list would be refused by openDatabase as "from a newer app".
 * Once registered, openDatabase applies it (idempotently) and this does nothing.
 */
export async function ensureSyncSchema(db: Db): Promise<void> {
  if (migrations.some((m) => m.name === 'sync')) return;
  await db.kysely.transaction().execute((trx) => m002.up(trx));
}
