import { IANAZone } from 'luxon';

/** A user whose stored zone Luxon cannot place: only a hand-edited database holds one (sync keeps known zones). */
export class UnknownUserZoneError extends Error {
  override name = 'UnknownUserZoneError';
}

/**
 * Refuses a user whose time zone is not an IANA zone, naming them and it: planned anyway, their
 * day's midnight is an invalid date and the fault surfaces as "Not a date" about a valid date.
 */
export function requireKnownZone(user: { id: string; name: string; time_zone: string }): void {
  if (!IANAZone.isValidZone(user.time_zone))
    throw new UnknownUserZoneError(
      `user ${user.name} (${user.id}) has time zone "${user.time_zone}", which is not a time zone; fix it in the CRM and sync`,
    );
}
