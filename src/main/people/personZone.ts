import { inferZone } from '../besttime/model/zoneInference';

/**
 * The zone a person's times are learned and shown in: their own; else one inferred from their
 * country or phone prefix; else the organisation's. The one rule for the model, the planner
 * and the person page, so the screens cannot disagree: country and phone are required, as a
 * caller that leaves them out would get another answer.
 */
export function personZone(
  personTz: string | null,
  orgTz: string,
  country: string | null,
  phone: string | null,
): string {
  return personTz ?? inferZone(country ?? undefined, phone ?? undefined) ?? orgTz;
}

export function fullName(first: string | null, last: string): string {
  return first ? `${first} ${last}` : last;
}
