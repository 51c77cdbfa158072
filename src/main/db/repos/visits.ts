import type { Db } from '../openDatabase';
import { sql, type CompiledQuery } from 'kysely';
import { all, first, iterate } from '../sqlRun';

/** The web-visit family: `visits`, their `visit_pages`, `chats` and `chat_messages`. */

export interface PersonVisitRow {
  id: string;
  started_at: number;
  ip: string | null;
  time_spent_s: number;
  referrer: string | null;
  search_engine: string | null;
  search_keyword: string | null;
  /** SalesIQ's actions as the sync kept them (read by shared/visitActions.ts). */
  actions: string | null;
}

/**
 * A person's visits, newest first: those linked to them and, with `emailKey`, those linked to
 * nobody whose visitor gave that e-mail (trimmed, in lower case). Each half walks its own index
 * (visits_person_time; visits_email_key, migration 019, whose condition it repeats). SQL, because
 * the builder has no INDEXED BY: without statistics the planner reads the e-mail half through
 * visits_person_time (person_id is null), every visit of nobody known.
 */
export function personVisitRows(
  db: Db,
  personId: string,
  emailKey: string | null,
  limit: number,
): PersonVisitRow[] {
  return all(db, personVisitsQuery(db, personId, emailKey, limit));
}

/** The query itself, for its plan to be checked. */
export function personVisitsQuery(
  db: Db,
  personId: string,
  emailKey: string | null,
  limit: number,
): CompiledQuery<PersonVisitRow> {
  const columns = sql`id, started_at, ip, time_spent_s, referrer, search_engine, search_keyword, actions`;
  const byEmail =
    emailKey === null
      ? sql``
      : sql`union all select ${columns} from visits indexed by visits_email_key
          where person_id is null and lower(trim(visitor_email)) = ${emailKey}`;
  return sql<PersonVisitRow>`select ${columns} from visits where person_id = ${personId}
    ${byEmail}
    order by started_at desc limit ${limit}`.compile(db.kysely);
}

/**
 * What a person's visit summary adds up of the visits linked to nobody whose visitor gave their
 * e-mail (trimmed, in lower case), oldest first: each one's time, referrer and chats (those
 * linked to nobody either; a chat linked to a person is theirs).
 */
export function emailVisitRows(db: Db, emailKey: string): EmailVisitRow[] {
  return all(db, emailVisitsQuery(db, emailKey));
}

/** The query itself, for its plan to be checked. */
export function emailVisitsQuery(db: Db, emailKey: string): CompiledQuery<EmailVisitRow> {
  return sql<EmailVisitRow>`select v.id, v.started_at, v.time_spent_s, v.referrer,
      (select count(*) from chats c where c.visit_id = v.id and c.person_id is null) as chats
    from visits v indexed by visits_email_key
    where v.person_id is null and lower(trim(v.visitor_email)) = ${emailKey}
    order by v.started_at, v.id`.compile(db.kysely);
}

interface EmailVisitRow {
  id: string;
  started_at: number;
  time_spent_s: number;
  referrer: string | null;
  chats: number;
}

/** How many visits are linked to a person, their time on the website, and when each began. */
export function linkedVisitTotals(
  db: Db,
  personId: string,
): {
  count: number;
  timeSpentS: number;
  startedAt: number[];
  first: { id: string; startedAt: number; referrer: string | null } | null;
} {
  const row = first(
    db,
    sql<{ n: number; spent: number | null; starts: string; first: string | null }>`select
        count(*) as n, sum(time_spent_s) as spent, json_group_array(started_at) as starts,
        (select json_object('id', f.id, 'startedAt', f.started_at, 'referrer', f.referrer)
          from visits f where f.person_id = ${personId}
          order by f.started_at, f.id limit 1) as first
      from visits where person_id = ${personId}`.compile(db.kysely),
  );
  return {
    count: row?.n ?? 0,
    timeSpentS: row?.spent ?? 0,
    startedAt: row ? (JSON.parse(row.starts) as number[]) : [],
    first: row?.first
      ? (JSON.parse(row.first) as { id: string; startedAt: number; referrer: string | null })
      : null,
  };
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

/**
 * A person's chats, newest first: those linked to them and, with `emailKey`, those linked to
 * nobody on the visits linked to nobody whose visitor gave that e-mail (trimmed, in lower case).
 */
export function personChatRows(
  db: Db,
  personId: string,
  emailKey: string | null,
  limit: number,
): { id: string; started_at: number }[] {
  return all(db, personChatsQuery(db, personId, emailKey, limit));
}

/** The query itself, for its plan to be checked. */
export function personChatsQuery(
  db: Db,
  personId: string,
  emailKey: string | null,
  limit: number,
): CompiledQuery<{ id: string; started_at: number }> {
  const byEmail =
    emailKey === null
      ? sql``
      : sql`union all select c.id, c.started_at
          from visits v indexed by visits_email_key join chats c on c.visit_id = v.id
          where v.person_id is null and lower(trim(v.visitor_email)) = ${emailKey}
            and c.person_id is null`;
  return sql<{ id: string; started_at: number }>`select id, started_at from chats
    where person_id = ${personId}
    ${byEmail}
    order by started_at desc limit ${limit}`.compile(db.kysely);
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

/**
 * Visits since an instant that the CRM linked to nobody but whose visitor gave an e-mail (the
 * caller matches it to a person, people/emailMatch.ts), with what "on the website now" reads of
 * them, through the time index as `ownedPeopleVisitsQuery`.
 */
export function unlinkedEmailVisitsSince(
  db: Db,
  since: number,
): (Omit<OwnedVisitRow, 'person_id'> & { visitor_email: string })[] {
  return all(db, unlinkedEmailVisitsQuery(db, since));
}

/** The query itself, for its plan to be checked. */
export function unlinkedEmailVisitsQuery(
  db: Db,
  since: number,
): CompiledQuery<Omit<OwnedVisitRow, 'person_id'> & { visitor_email: string }> {
  return sql<Omit<OwnedVisitRow, 'person_id'> & { visitor_email: string }>`
    select v.visitor_email, v.started_at, v.ended_at,
      case when v.ended_at is null then
        (select max(vp.viewed_at) from visit_pages vp where vp.visit_id = v.id)
      end as last_page_at
    from visits v indexed by visits_time
    where v.started_at >= ${since} and v.person_id is null and v.visitor_email is not null`.compile(
    db.kysely,
  );
}

/**
 * Per e-mail (trimmed, in lower case), the last visit in [from, to) that the CRM linked to nobody
 * but whose visitor gave that e-mail (the caller matches it to a person, people/emailMatch.ts),
 * through the time index as `unlinkedEmailVisitsQuery`.
 */
export function lastEmailVisitsBetween(
  db: Db,
  from: number,
  to: number,
): { key: string; last_visit: number }[] {
  return all(db, lastEmailVisitsQuery(db, from, to));
}

/** The query itself, for its plan to be checked. */
export function lastEmailVisitsQuery(
  db: Db,
  from: number,
  to: number,
): CompiledQuery<{ key: string; last_visit: number }> {
  return sql<{ key: string; last_visit: number }>`
    select lower(trim(visitor_email)) as key, max(started_at) as last_visit
    from visits indexed by visits_time
    where started_at >= ${from} and started_at < ${to} and person_id is null
      and visitor_email is not null
    group by lower(trim(visitor_email))`.compile(db.kysely);
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
