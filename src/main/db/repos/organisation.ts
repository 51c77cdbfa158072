import type { Db } from '../openDatabase';
import type { OrganisationTable } from '../schema';
import { first } from '../sqlRun';
import type { Selectable } from 'kysely';

/** The `organisation` table: one row (id 1) once a demo or a sync has written it. */

export function organisation(db: Db): Selectable<OrganisationTable> | undefined {
  return first(db, db.kysely.selectFrom('organisation').selectAll().where('id', '=', 1));
}

export function hasOrganisation(db: Db): boolean {
  return (
    first(db, db.kysely.selectFrom('organisation').select('id').where('id', '=', 1)) !== undefined
  );
}
