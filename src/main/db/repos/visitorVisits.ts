import { sql, type CompiledQuery } from 'kysely';
import type { Db } from '../openDatabase';
import { all } from '../sqlRun';

/**
 * One visitor's visits, each found through an index (by id, by person, by e-mail, by IP): what a
 * held alert reads of its own visit, whatever the organisation's traffic since.
 */

/** A visit with what "on the website now" reads of it (src/shared/onTheWebsite.ts). */
export interface VisitTimesRow {
  id: string;
  started_at: number;
  ended_at: number | null;
  /** Its last page view while it has no end. */
  last_page_at: number | null;
}

/** An unknown visitor's visit: what tells them apart (their IP and user agent, their e-mail). */
export interface AnonymousVisitRow extends VisitTimesRow {
  ip: string | null;
  user_agent: string | null;
  visitor_email: string | null;
}

const TIMES = sql`v.id, v.started_at, v.ended_at,
  case when v.ended_at is null then
    (select max(vp.viewed_at) from visit_pages vp where vp.visit_id = v.id)
  end as last_page_at`;

/** The visits with these ids (its primary key), with how an unknown visitor is told apart. */
export function visitsById(db: Db, ids: readonly string[]): AnonymousVisitRow[] {
  if (ids.length === 0) return [];
  return all(db, visitsByIdQuery(db, ids));
}

export function visitsByIdQuery(db: Db, ids: readonly string[]): CompiledQuery<AnonymousVisitRow> {
  return sql<AnonymousVisitRow>`select ${TIMES}, v.ip, v.user_agent, v.visitor_email
    from visits v where v.id in (${sql.join(ids)})`.compile(db.kysely);
}

/**
 * A person's visits that started in [from, to]: those linked to them and, with `emailKey`, those
 * linked to nobody whose visitor gave it (visits_person_time; visits_email_key, whose condition
 * it repeats).
 */
export function personVisitTimes(
  db: Db,
  personId: string,
  emailKey: string | null,
  from: number,
  to: number,
): VisitTimesRow[] {
  return all(db, personVisitTimesQuery(db, personId, emailKey, from, to));
}

export function personVisitTimesQuery(
  db: Db,
  personId: string,
  emailKey: string | null,
  from: number,
  to: number,
): CompiledQuery<VisitTimesRow> {
  const byEmail =
    emailKey === null
      ? sql``
      : sql`union all select ${TIMES} from visits v indexed by visits_email_key
          where v.person_id is null and lower(trim(v.visitor_email)) = ${emailKey}
            and v.started_at >= ${from} and v.started_at <= ${to}`;
  return sql<VisitTimesRow>`select ${TIMES} from visits v indexed by visits_person_time
    where v.person_id = ${personId} and v.started_at >= ${from} and v.started_at <= ${to}
    ${byEmail}`.compile(db.kysely);
}

/**
 * The visits linked to nobody from one IP address with one user agent (null and '' alike) that
 * started in [from, to] (visits_anonymous_ip, migration 036).
 */
export function anonymousVisitTimes(
  db: Db,
  ip: string,
  userAgent: string | null,
  from: number,
  to: number,
): AnonymousVisitRow[] {
  return all(db, anonymousVisitTimesQuery(db, ip, userAgent, from, to));
}

export function anonymousVisitTimesQuery(
  db: Db,
  ip: string,
  userAgent: string | null,
  from: number,
  to: number,
): CompiledQuery<AnonymousVisitRow> {
  return sql<AnonymousVisitRow>`select ${TIMES}, v.ip, v.user_agent, v.visitor_email
    from visits v indexed by visits_anonymous_ip
    where v.person_id is null and v.ip = ${ip} and v.started_at >= ${from}
      and v.started_at <= ${to} and ifnull(v.user_agent, '') = ${userAgent ?? ''}`.compile(
    db.kysely,
  );
}
