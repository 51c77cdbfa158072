import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/openDatabase';
import { first } from '../db/sqlRun';
import { happenedBy, lastHappenedBy } from '../db/repos/activities';
import { leavesWebsiteAt } from '../../shared/onTheWebsite';

/**
 * People's "last activity": the last thing that happened with the person, a website visit
 * included. A rep who sees "3 d ago" beside someone the Visits page shows on the website now has
 * been told the wrong thing (audit 49, finding 14). A chat is not looked up apart: the sync
 * stores every chat under its visit (sync/localStore.ts), which starts no later than the chat.
 */

/**
 * SQL: when the last activity of the person `personRef` (a people row) began, by `asOf`: the
 * later of their last activity that happened (lastHappenedBy) and their last visit begun, one the
 * CRM linked to them or one it linked to nobody whose visitor gave their e-mail and that is
 * theirs as the Visits page tells it (emailMatch.ts peopleByEmail, for `repId`). Each visit is
 * one seek in an index that holds all it asks (visits_person_time, visits_email_key); the
 * tie-break between people sharing an e-mail is asked only of someone with such a visit.
 */
export function lastActivityBy(
  personRef: string,
  asOf: number,
  repId: string | null,
): RawBuilder<number | null> {
  const person = (c: string) => sql.ref(`${personRef}.${c}`);
  const linked = sql<number | null>`(select v.started_at from visits v
    where v.person_id = ${person('id')} and v.started_at <= ${asOf}
    order by v.started_at desc limit 1)`;
  // Ranked as peopleByEmail ranks: a contact, then the rep's own, then the lowest id.
  const rank = (alias: RawBuilder<unknown>, id: RawBuilder<unknown>) =>
    sql`(${alias}.module != 'contact', coalesce(${alias}.owner_id = ${repId}, 0) = 0, ${id})`;
  const byEmail = sql<number | null>`(select e.started_at from visits e indexed by visits_email_key
    where e.person_id is null and lower(trim(e.visitor_email)) = lower(trim(${person('email')}))
      and e.started_at <= ${asOf}
      and not exists (select 1 from people o
        where lower(trim(o.email)) = lower(trim(${person('email')})) and o.id != ${person('id')}
          and ${rank(sql.raw('o'), sql.ref('o.id'))} < ${rank(sql.raw(personRef), person('id'))})
    order by e.started_at desc limit 1)`;
  // Multi-argument max() is null if any argument is: 0 (1970) stands for "none", each lookup
  // named once, as SQLite runs a subquery each time it is named.
  return sql<number | null>`nullif(max(coalesce(${lastHappenedBy(personRef, asOf)}, 0),
    coalesce(${linked}, 0), coalesce(${byEmail}, 0)), 0)`;
}

/** What a person's last activity was, for the words beside its time. */
export interface LastActivityShown {
  /** 'visit', or the activity's kind and direction as the planner's last touch ("call_out"). */
  kind: string | null;
  /** A visit on the website until this instant (onTheWebsite.ts); null otherwise. */
  onSiteUntil: number | null;
}

/**
 * What the last activity that began at `at` was (lastActivityBy gave `at`): a visit, read with
 * what "on the website now" needs of it, or the activity. Two seeks, asked only for the rows on
 * the page, not for everyone ordered.
 */
export function lastActivityShown(
  db: Db,
  person: { id: string; email: string | null },
  at: number,
  asOf: number,
): LastActivityShown {
  const key = person.email?.trim().toLowerCase() ?? '';
  const visit = first(
    db,
    sql<{ started_at: number; ended_at: number | null; last_page_at: number | null }>`
      select v.started_at, v.ended_at, case when v.ended_at is null then
          (select max(vp.viewed_at) from visit_pages vp where vp.visit_id = v.id) end as last_page_at
      from visits v where v.person_id = ${person.id} and v.started_at = ${at}
      union all
      select e.started_at, e.ended_at, case when e.ended_at is null then
          (select max(vp.viewed_at) from visit_pages vp where vp.visit_id = e.id) end
      from visits e indexed by visits_email_key
      where e.person_id is null and lower(trim(e.visitor_email)) = ${key} and e.started_at = ${at}
      limit 1`.compile(db.kysely),
  );
  if (visit)
    return {
      kind: 'visit',
      onSiteUntil: leavesWebsiteAt({
        startedAt: visit.started_at,
        endedAt: visit.ended_at,
        lastPageAt: visit.last_page_at,
      }),
    };
  const activity = first(
    db,
    sql<{ kind: string | null }>`select case when a.signal in ('email_opened', 'email_link_clicked')
        then 'email_opened' else a.kind || coalesce('_' || a.direction, '') end as kind
      from activities a
      where a.person_id = ${person.id} and a.started_at = ${at} and ${happenedBy('a', asOf)}
      limit 1`.compile(db.kysely),
  );
  return { kind: activity?.kind ?? null, onSiteUntil: null };
}
