import type { BesttimeEvent } from '../besttime/types';
import type { Db } from '../db/openDatabase';
import { isSignalType } from '../../shared/signals';
import { personZone } from '../people/personZone';

/**
 * Every BT-1 signal of the given people (or of everyone), plus chat starts and page views,
 * grouped by person, with each person's zone resolved once.
 */
export function loadSignalEvents(
  db: Db,
  orgTz: string,
  personIds?: readonly string[],
): Map<string, BesttimeEvent[]> {
  const byPerson = new Map<string, BesttimeEvent[]>();
  const zones = new Map<string, string>();
  const filter = personIds ? `where p.id in (select value from json_each(?))` : '';
  const args = personIds ? [JSON.stringify(personIds)] : [];
  const people = db.raw
    .prepare(`select p.id, p.time_zone, p.country, p.phone from people p ${filter}`)
    .raw()
    .iterate(...args) as Iterable<[string, string | null, string | null, string | null]>;
  for (const [id, tz, country, phone] of people) {
    zones.set(id, personZone(tz, orgTz, country, phone));
    byPerson.set(id, []);
  }
  const push = (personId: string, at: number, type: string, durationS: number | null): void => {
    const list = byPerson.get(personId);
    if (!list || !isSignalType(type)) return;
    // One object shape for every event: spreads here cost more than the whole query.
    list.push({
      personId,
      at,
      type,
      durationS: durationS ?? undefined,
      personTz: zones.get(personId),
    });
  };
  const personFilter = (column: string): string =>
    personIds ? `and ${column} in (select value from json_each(?))` : '';
  const activities = db.raw
    .prepare(
      `select person_id, started_at, signal, duration_s from activities
       where signal is not null and status = 'completed' ${personFilter('person_id')}`,
    )
    .raw()
    .iterate(...args) as Iterable<[string, number, string, number | null]>;
  for (const [personId, at, signal, duration] of activities) push(personId, at, signal, duration);
  const chats = db.raw
    .prepare(
      `select person_id, started_at from chats where person_id is not null ${personFilter('person_id')}`,
    )
    .raw()
    .iterate(...args) as Iterable<[string, number]>;
  for (const [personId, at] of chats) push(personId, at, 'chat_started', null);
  const pages = db.raw
    .prepare(
      `select v.person_id, vp.viewed_at from visit_pages vp join visits v on v.id = vp.visit_id
       where v.person_id is not null ${personFilter('v.person_id')}`,
    )
    .raw()
    .iterate(...args) as Iterable<[string, number]>;
  for (const [personId, at] of pages) push(personId, at, 'page_visit', null);
  return byPerson;
}
