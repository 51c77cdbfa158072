import type { Db } from '../openDatabase';
import { sql, type CompiledQuery } from 'kysely';
import { all, first, iterate } from '../sqlRun';

/** The web-visit family: `visits`, their `visit_pages`, `chats` and `chat_messages`. */

export function personVisitRows(
  db: Db,
  personId: string,
  limit: number,
): {
  id: string;
  started_at: number;
  ip: string | null;
  time_spent_s: number;
  referrer: string | null;
  search_engine: string | null;
  search_keyword: string | null;
}[] {
  return all(
    db,
    db.kysely
      .selectFrom('visits')
      .select([
        'id',
        'started_at',
        'ip',
        'time_spent_s',
        'referrer',
        'search_engine',
        'search_keyword',
      ])
      .where('person_id', '=', personId)
      .orderBy('started_at', 'desc')
      .limit(limit),
  );
}

export function visitPageRows(db: Db, visitId: string): { url: string; title: string | null }[] {
  return all(
    db,
    db.kysely
      .selectFrom('visit_pages')
      .select(['url', 'title'])
      .where('visit_id', '=', visitId)
      .orderBy('viewed_at')
      .orderBy('id'),
  );
}

export function personChatRows(
  db: Db,
  personId: string,
  limit: number,
): { id: string; started_at: number }[] {
  return all(
    db,
    db.kysely
      .selectFrom('chats')
      .select(['id', 'started_at'])
      .where('person_id', '=', personId)
      .orderBy('started_at', 'desc')
      .limit(limit),
  );
}

export function chatMessageRows(
  db: Db,
  chatId: string,
): { sender: 'visitor' | 'operator'; author: string; sentAt: number; text: string }[] {
  return all(
    db,
    db.kysely
      .selectFrom('chat_messages')
      .select(['sender', 'author', 'sent_at as sentAt', 'text'])
      .where('chat_id', '=', chatId)
      .orderBy('sent_at')
      .orderBy('id'),
  );
}

/**
 * Visits of an owner's people since an instant, with their end and, for those without one, their
 * last page view. SQL, because the builder has no INDEXED BY: the time index reads only the last
 * hours, where the planner would pick the owner's people first. The page views are read per visit
 * found (the visit_pages(visit_id) index), and not at all for a visit with an end.
 */
export function ownedPeopleVisitsSince(
  db: Db,
  since: number,
  ownerId: string,
): IterableIterator<OwnedVisitRow> {
  return iterate(db, ownedPeopleVisitsQuery(db, since, ownerId));
}

/** The query itself, for its plan to be checked. */
export function ownedPeopleVisitsQuery(
  db: Db,
  since: number,
  ownerId: string,
): CompiledQuery<OwnedVisitRow> {
  return sql<OwnedVisitRow>`
    select v.person_id, v.started_at, v.ended_at,
      case when v.ended_at is null then
        (select max(vp.viewed_at) from visit_pages vp where vp.visit_id = v.id)
      end as last_page_at
    from visits v indexed by visits_time join people p on p.id = v.person_id
    where v.started_at >= ${since} and p.owner_id = ${ownerId}`.compile(db.kysely);
}

export interface OwnedVisitRow {
  person_id: string;
  started_at: number;
  ended_at: number | null;
  last_page_at: number | null;
}

/** Every visit that started at or after `since`, with what "on the website now" reads of it. */
export function visitTimesSince(
  db: Db,
  since: number,
): { id: string; started_at: number; ended_at: number | null; last_page_at: number | null }[] {
  return all(
    db,
    sql<{ id: string; started_at: number; ended_at: number | null; last_page_at: number | null }>`
      select v.id, v.started_at, v.ended_at,
        case when v.ended_at is null then
          (select max(vp.viewed_at) from visit_pages vp where vp.visit_id = v.id)
        end as last_page_at
      from visits v indexed by visits_time
      where v.started_at >= ${since}`.compile(db.kysely),
  );
}

/** Per IP and user agent, the first visit of nobody known in [from, to). */
export function anonymousFirstVisits(
  db: Db,
  from: number,
  to: number,
): { ip: string; user_agent: string | null; first: number }[] {
  return all(
    db,
    sql<{ ip: string; user_agent: string | null; first: number }>`
      select ip, user_agent, min(started_at) as first
      from visits indexed by visits_time
      where started_at >= ${from} and started_at < ${to} and person_id is null and ip is not null
      group by ip, user_agent`.compile(db.kysely),
  );
}

export function visitExists(db: Db, id: string): boolean {
  return first(db, db.kysely.selectFrom('visits').select('id').where('id', '=', id)) !== undefined;
}

/** When the first visit at or after `at` started, or null when none has. */
export function firstVisitFrom(db: Db, at: number): number | null {
  return (
    first(
      db,
      db.kysely
        .selectFrom('visits')
        .select((eb) => eb.fn.min('started_at').as('first'))
        .where('started_at', '>=', at),
    )?.first ?? null
  );
}
