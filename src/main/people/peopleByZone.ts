import { DateTime } from 'luxon';
import { personZone } from './personZone';

/** What ordering a person by their time zone reads of them. */
export interface ZoneKeyRow {
  id: string;
  time_zone: string | null;
  country: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string;
}

interface Keyed {
  id: string;
  /** Minutes ahead of UTC at the moment the list is read, or null for a zone that is none. */
  offset: number | null;
  zone: string;
  first: string;
  last: string;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The ids of `rows` ordered by their time zone as the People table shows it ("Berlin (UTC+1)"):
 * by the zone's UTC offset at `asOf`, west to east ascending, then by the zone's name so that one
 * city's people stand together, then by name. The zone is the one the page shows (personZone:
 * their own, else one inferred from their country or phone, else the organisation's), which
 * SQLite cannot work out, so the matching people are ordered here and the caller reads the page
 * of them. A zone that names no place (a hand-typed CRM field) goes last both ways, as an empty
 * field does in the other columns; names break ties A to Z, then the id.
 */
export function idsByZone(
  rows: readonly ZoneKeyRow[],
  orgTz: string,
  asOf: number,
  direction: 'asc' | 'desc',
): string[] {
  // A few hundred zones at most among 50,000 people: each offset is asked of Luxon once.
  const offsets = new Map<string, number | null>();
  const keyed: Keyed[] = rows.map((r) => {
    const zone = personZone(r.time_zone, orgTz, r.country, r.phone);
    let offset = offsets.get(zone);
    if (offset === undefined) {
      const local = DateTime.fromMillis(asOf, { zone });
      offset = local.isValid ? local.offset : null;
      offsets.set(zone, offset);
    }
    return { id: r.id, offset, zone, first: r.first_name ?? '', last: r.last_name };
  });
  const sign = direction === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.offset === null || b.offset === null) {
      if (a.offset !== b.offset) return a.offset === null ? 1 : -1;
    } else if (a.offset !== b.offset) return sign * (a.offset - b.offset);
    return (
      sign * compareText(a.zone, b.zone) ||
      compareText(a.last, b.last) ||
      compareText(a.first, b.first) ||
      compareText(a.id, b.id)
    );
  });
  return keyed.map((k) => k.id);
}
