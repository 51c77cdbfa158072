import type { Db } from '../openDatabase';
import type { PeopleTable } from '../schema';
import { first } from '../sqlRun';

/** The `people` table (leads and contacts); the sync's page upsert writes it (sync/localStore.ts). */

export function personExists(db: Db, id: string): boolean {
  return first(db, db.kysely.selectFrom('people').select('id').where('id', '=', id)) !== undefined;
}

export function personModule(db: Db, id: string): PeopleTable['module'] | undefined {
  return first(db, db.kysely.selectFrom('people').select('module').where('id', '=', id))?.module;
}
