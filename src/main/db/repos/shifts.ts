import type { Db } from '../openDatabase';
import type { ShiftRow } from '../schema';
import { all, first } from '../sqlRun';

/** The `shifts` table: working hours some users keep instead of the organisation's. */

export function shiftById(db: Db, id: string): ShiftRow | undefined {
  return first(db, db.kysely.selectFrom('shifts').selectAll().where('id', '=', id));
}

export function allShifts(db: Db): ShiftRow[] {
  return all(db, db.kysely.selectFrom('shifts').selectAll().orderBy('name'));
}
