import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/openDatabase';
import { all } from '../db/sqlRun';
import { lastHappenedBy, touchedUntil } from '../db/repos/activities';
import { leavesWebsiteAt } from '../../shared/onTheWebsite';

/**
 * People's "last activity": the last thing that happened with the person, a website visit
 * included. A rep who sees "3 d ago" beside someone the Visits page shows on the website now has
 * been told the wrong thing (audit 49, finding 14). A chat is not looked up apart: the sync
 * stores every chat under its visit (sync/localStore.ts), which starts no later than the chat.
 */

/**
 * SQL: when the last activity of the person `personRef` (a people row) was, by `asOf`: the
 * later of their last activity that happened, a call at its end as the planner's last touch
 * (lastHappenedBy), and their last visit begun, one the
 * CRM linked to them or one it linked to nobody whose visitor gave their e-mail and that is
 * theirs as the Visits page tells it (emailMatch.ts peopleByEmail, for `repId`). Read from
 * the person's stored last touch when that is already the answer (migration 39); otherwise each
 * visit is one seek in an index that holds all it asks (visits_person_time, visits_email_key),
 * and the tie-break between people sharing an e-mail is asked only of someone with such a visit.
 */
export function lastActivityBy(
  personRef: string,
  asOf: number,
  repId: string | null,
): RawBuilder<number | null> {
  return sql<number | null>`(${lastActivityCoded(personRef, asOf, repId)} / ${SOURCES})`;
}

/** How many sources lastActivityCoded tells apart: the instant is multiplied by it. */
const SOURCES = 4;
/** Which of a person's last activities was at their last activity's instant, highest wins a tie. */
const ACTIVITY = 0;
const EMAIL_VISIT = 1;
const LINKED_VISIT = 2;

/**
 * lastActivityBy with what it was: the instant times SOURCES plus the source that gave it
 * (ACTIVITY, EMAIL_VISIT, LINKED_VISIT), so the words beside it are read without asking each
 * source again, and an e-mail's visit is the person's only when it passed the tie-break here.
 * Epoch ms times 4 stays well within SQLite's and JavaScript's exact integers.
 */
export function lastActivityCoded(
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
  // The stored last touch (repos/lastTouch.ts) is the answer once it is so for every rep; the
  // seeks are asked only of the others (a meeting not ended, an e-mail's visit), as SQLite
  // evaluates a case's branches only when taken. Multi-argument max() is null if any argument
  // is: 0 (1970) stands for "none", each lookup named once, as SQLite runs a subquery each time
  // it is named.
  return sql<number | null>`(case when ${person('last_touch_from')} <= ${asOf}
    then ${person('last_touch')} else nullif(max(
    coalesce(${lastHappenedBy(personRef, asOf)} * ${SOURCES} + ${ACTIVITY}, 0),
    coalesce(${linked} * ${SOURCES} + ${LINKED_VISIT}, 0),
    coalesce(${byEmail} * ${SOURCES} + ${EMAIL_VISIT}, 0)), 0) end)`;
}

/** What a person's last activity was, for the words beside its time. */
export interface LastActivityShown {
  /** 'visit', or the activity's kind and direction as the planner's last touch ("call_out"). */
  kind: string | null;
  /** A visit on the website until this instant (onTheWebsite.ts); null otherwise. */
  onSiteUntil: number | null;
}

/** A row of the page with its lastActivityCoded. */
export interface CodedRow {
  id: string;
  email: string | null;
  coded: number | null;
}

/** The instant of a lastActivityCoded, null for none. */
const codedAt = (coded: number | null): number | null =>
  coded === null ? null : Math.floor(coded / SOURCES);

/**
 * The instant a lastActivityCoded shows, not after `asOf`: a call the CRM holds as completed that
 * would end later is "just now", as the planner's last touch clamps it.
 */
export const codedShownAt = (coded: number | null, asOf: number): number | null => {
  const at = codedAt(coded);
  return at === null ? null : Math.min(at, asOf);
};

/**
 * What the last activity of each row of a page was, in one query for the whole page (a query a
 * row made People 6 times slower, review 50): the visit of the source lastActivityCoded chose,
 * read with what "on the website now" needs of it, or the activity. The e-mail's visit is found
 * by the same SQL fold as it was chosen by, so a CRM address with a non-ASCII capital or a tab
 * finds the visit that ordered the person; the activity by the instant it was ordered by (a call's
 * end, a meeting's start), each in the index lastHappenedBy seeks.
 */
export function lastActivitiesShown(
  db: Db,
  rows: readonly CodedRow[],
  asOf: number,
): Map<string, LastActivityShown> {
  const shown = new Map<string, LastActivityShown>();
  const coded = rows.filter((r) => r.coded !== null);
  if (coded.length === 0) return shown;
  const values = sql.join(
    coded.map((r) => {
      const c = r.coded ?? 0;
      return sql`(${r.id}, ${r.email}, ${codedAt(c)}, ${c % SOURCES})`;
    }),
  );
  // An open or a click is the contact reading our e-mail, as the planner words a last touch.
  const kindOf = (a: string) =>
    sql.raw(`case when ${a}.signal in ('email_opened', 'email_link_clicked')
      then 'email_opened' else ${a}.kind || coalesce('_' || ${a}.direction, '') end`);
  const lastPage = (visit: string) =>
    sql.raw(`case when ${visit}.ended_at is null then
      (select max(vp.viewed_at) from visit_pages vp where vp.visit_id = ${visit}.id) end`);
  const found = all(
    db,
    sql<{
      id: string;
      kind: string | null;
      started_at: number | null;
      ended_at: number | null;
      last_page_at: number | null;
    }>`with shown(id, email, at, source) as (values ${values})
      select s.id, 'visit' as kind, v.started_at, v.ended_at, ${lastPage('v')} as last_page_at
      from shown s cross join visits v on v.person_id = s.id and v.started_at = s.at
      where s.source = ${LINKED_VISIT}
      union all
      select s.id, 'visit', e.started_at, e.ended_at, ${lastPage('e')}
      from shown s cross join visits e indexed by visits_email_key
        on e.person_id is null and lower(trim(e.visitor_email)) = lower(trim(s.email))
          and e.started_at = s.at
      where s.source = ${EMAIL_VISIT}
      union all
      select s.id, ${kindOf('d')}, null, null, null
      from shown s cross join activities d indexed by activities_person_done_end
        on d.person_id = s.id and d.kind != 'meeting' and d.status = 'completed'
          and ${touchedUntil('d')} = s.at
      where s.source = ${ACTIVITY}
      union all
      select s.id, ${kindOf('m')}, null, null, null
      from shown s cross join activities m
        on m.person_id = s.id and m.kind = 'meeting' and m.started_at = s.at
          and m.started_at + coalesce(m.duration_s, 0) * 1000 <= ${asOf}
      where s.source = ${ACTIVITY}`.compile(db.kysely),
  );
  for (const f of found) {
    if (shown.has(f.id)) continue;
    shown.set(
      f.id,
      f.kind === 'visit' && f.started_at !== null
        ? {
            kind: 'visit',
            onSiteUntil: leavesWebsiteAt({
              startedAt: f.started_at,
              endedAt: f.ended_at,
              lastPageAt: f.last_page_at,
            }),
          }
        : { kind: f.kind, onSiteUntil: null },
    );
  }
  return shown;
}
