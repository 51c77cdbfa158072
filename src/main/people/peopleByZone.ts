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

interface ZoneGroup {
  zone: string;
  /** Minutes ahead of UTC at the moment the list is read, or null for a zone that is none. */
  offset: number | null;
  people: ZoneKeyRow[];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By last name, first name, then id, as the list's name order is. */
function byName(a: ZoneKeyRow, b: ZoneKeyRow): number {
  return (
    compareText(a.last_name, b.last_name) ||
    compareText(a.first_name ?? '', b.first_name ?? '') ||
    compareText(a.id, b.id)
  );
}

/**
 * The ids of `rows` from `offset`, at most `limit` of them, ordered by their
 * time zone as the People table shows it ("Berlin (UTC+1)"): by the zone's UTC offset at `asOf`,
 * west to east ascending, then by the zone's name so that one city's people stand together, each
 * zone's people by name. The zone is the one the page shows (personZone: their own, else one
 * inferred from their country or phone, else the organisation's), which SQLite cannot work out,
 * so the matching people are grouped here and the caller reads the page of them. A few dozen
 * zones among 50,000 people: they are grouped in one pass and only the zones the page reaches
 * are ordered by name (the query ordering all 50,000 by name took most of the time). A zone that
 * names no place (a hand-typed CRM field) goes last both ways, as an empty field does in the
 * other columns.
 */
export function idsByZone(
  rows: readonly ZoneKeyRow[],
  orgTz: string,
  asOf: number,
  direction: 'asc' | 'desc',
  offset: number,
  limit: number,
): string[] {
  const groups = new Map<string, ZoneGroup>();
  for (const r of rows) {
    const zone = personZone(r.time_zone, orgTz, r.country, r.phone);
    let group = groups.get(zone);
    if (!group) {
      const local = DateTime.fromMillis(asOf, { zone });
      group = { zone, offset: local.isValid ? local.offset : null, people: [] };
      groups.set(zone, group);
    }
    group.people.push(r);
  }
  const sign = direction === 'asc' ? 1 : -1;
  const ordered = [...groups.values()].sort((a, b) => {
    if (a.offset === null || b.offset === null)
      return a.offset === b.offset ? compareText(a.zone, b.zone) : a.offset === null ? 1 : -1;
    return sign * (a.offset - b.offset || compareText(a.zone, b.zone));
  });
  const page: string[] = [];
  let skip = offset;
  for (const group of ordered) {
    if (skip >= group.people.length) {
      skip -= group.people.length;
      continue;
    }
    const people = group.people.sort(byName).slice(skip, skip + limit - page.length);
    for (const p of people) page.push(p.id);
    skip = 0;
    if (page.length >= limit) break;
  }
  return page;
}
