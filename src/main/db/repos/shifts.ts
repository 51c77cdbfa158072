import type { Db } from '../openDatabase';
import type { ShiftRow } from '../schema';
import { all, first } from '../sqlRun';

/** The `shifts` table: working hours some users keep instead of the organisation's. */

export function shiftById(db: Db, id: string): ShiftRow | undefined {
  return first(db, db.kysely.selectFrom('shifts').selectAll().where('id', '=', id));
}

/** Every person whose owner works a shift, with the shift: one pass ahead of a relearn. */
export function ownersShiftRows(
  db: Db,
): { person: string; shift: string; zone: string; hours: string }[] {
  return all(
    db,
    db.kysely
      .selectFrom('people as p')
      .innerJoin('users as u', 'u.id', 'p.owner_id')
      .innerJoin('shifts as s', 's.id', 'u.shift_id')
      .select(['p.id as person', 's.id as shift', 's.time_zone as zone', 's.hours as hours']),
  );
}
