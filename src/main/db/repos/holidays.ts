import type { Db } from '../openDatabase';
import { all } from '../sqlRun';

/** The `holidays` table: days off of the organisation's business hours, or of a shift's. */

/**
 * The days off of one set of hours, in date order: the business holidays (`shiftId` null), which
 * everyone on the organisation's hours takes, or the holidays of one shift.
 */
export function holidayRows(db: Db, shiftId: string | null): { date: string; name: string }[] {
  const query = db.kysely
    .selectFrom('holidays')
    .select(['date', 'name'])
    .orderBy('date')
    .orderBy('name');
  return all(
    db,
    shiftId === null ? query.where('shift_id', 'is', null) : query.where('shift_id', '=', shiftId),
  );
}
