import type { BesttimeEvent } from '../besttime/types';
import type { Db } from '../db/openDatabase';
import { isSignalType } from '../../shared/signals';
import { personZone } from '../people/personZone';

const ALL_AT_ONCE = 5000;

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
  // A few thousand people's rows fit in memory at once, and reading them in one call is a third
  // faster than row by row; a whole organisation's two million are read row by row.
  const atOnce = personIds !== undefined && personIds.length <= ALL_AT_ONCE;
  const rows = <T>(statement: {
    all: (...a: unknown[]) => unknown[];
    iterate: (...a: unknown[]) => Iterable<unknown>;
  }): Iterable<T> => (atOnce ? statement.all(...args) : statement.iterate(...args)) as Iterable<T>;
  const people = rows<[string, string | null, string | null, string | null]>(
    db.raw.prepare(`select p.id, p.time_zone, p.country, p.phone from people p ${filter}`).raw(),
  );
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
  const activities = rows<[string, number, string, number | null]>(
    db.raw
      .prepare(
        `select person_id, started_at, signal, duration_s from activities
       where signal is not null and status = 'completed' ${personFilter('person_id')}`,
      )
      .raw(),
  );
  for (const [personId, at, signal, duration] of activities) push(personId, at, signal, duration);
  const chats = rows<[string, number]>(
    db.raw
      .prepare(
        `select person_id, started_at from chats where person_id is not null ${personFilter('person_id')}`,
      )
      .raw(),
  );
  for (const [personId, at] of chats) push(personId, at, 'chat_started', null);
  const pages = rows<[string, number]>(
    db.raw
      .prepare(
        `select v.person_id, vp.viewed_at from visit_pages vp join visits v on v.id = vp.visit_id
       where v.person_id is not null ${personFilter('v.person_id')}`,
      )
      .raw(),
  );
  for (const [personId, at] of pages) push(personId, at, 'page_visit', null);
  return byPerson;
}
