import { storedBusinessHours } from '../model/businessHours';
import { isValidZone } from '../model/localClock';
import type { WorkingHours } from '../model/types';
import type { Db } from '../../db/openDatabase';
import { ownersShiftRows } from '../../db/repos/shifts';

/**
 * The shift each contact's owner works, for the model to offer windows in (BT-7 per rep): a
 * contact of a rep in Los Angeles on an 08:00–17:00 shift gets windows of that day, not of the
 * organisation's hours in Berlin. Undefined when no owner works a shift: the organisation's hours
 * for everyone, at no cost. A shift whose hours or zone cannot be read counts as none.
 */
export function ownerShifts(db: Db): ((personId: string) => WorkingHours | undefined) | undefined {
  const rows = ownersShiftRows(db);
  if (rows.length === 0) return undefined;
  const shifts = new Map<string, WorkingHours | null>();
  const byPerson = new Map<string, WorkingHours>();
  for (const r of rows) {
    let shift = shifts.get(r.shift);
    if (shift === undefined) {
      const hours = storedBusinessHours(r.hours);
      shift = hours && isValidZone(r.zone) ? { key: r.shift, zone: r.zone, hours } : null;
      shifts.set(r.shift, shift);
    }
    if (shift) byPerson.set(r.person, shift);
  }
  return (personId) => byPerson.get(personId);
}
