/** The zone a person's times are shown and learned in: their own, else the organisation's. */
export function personZone(personTz: string | null, orgTz: string): string {
  return personTz ?? orgTz;
}

export function fullName(first: string | null, last: string): string {
  return first ? `${first} ${last}` : last;
}
