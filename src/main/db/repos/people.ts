import type { Db } from '../openDatabase';
import type { PeopleTable } from '../schema';
import { sql, type CompiledQuery } from 'kysely';
import { happenedBy } from './activities';
import { all, first, iterate, run } from '../sqlRun';

/** The `people` table (leads and contacts); the sync's page upsert writes it (sync/localStore.ts). */

/** A person's name and owner (whose plan lists them), or undefined when there is no such person. */
export function personOwner(
  db: Db,
  id: string,
): Pick<PeopleTable, 'first_name' | 'last_name' | 'owner_id'> | undefined {
  return first(
    db,
    db.kysely
      .selectFrom('people')
      .select(['first_name', 'last_name', 'owner_id'])
      .where('id', '=', id),
  );
}

export function personModule(db: Db, id: string): PeopleTable['module'] | undefined {
  return first(db, db.kysely.selectFrom('people').select('module').where('id', '=', id))?.module;
}

/** A person's e-mail, or undefined when there is no such person. */
export function personEmail(db: Db, id: string): string | null | undefined {
  return first(db, db.kysely.selectFrom('people').select('email').where('id', '=', id))?.email;
}

/** Everyone, in the order they were written (the demo generator's order). */
export function peopleInWrittenOrder(
  db: Db,
): Pick<
  PeopleTable,
  'id' | 'module' | 'first_name' | 'last_name' | 'email' | 'owner_id' | 'time_zone'
>[] {
  return all(
    db,
    db.kysely
      .selectFrom('people')
      .select(['id', 'module', 'first_name', 'last_name', 'email', 'owner_id', 'time_zone'])
      .orderBy(sql`rowid`),
  );
}

/**
 * Works a person's visit summary (VT-3) out again from their stored visits and chats, with the
 * days they visited as the caller counted them (in the organisation's zone, which SQLite cannot
 * tell days in); a person without visits keeps theirs. Correlated aggregates read more plainly as
 * SQL than as a builder.
 */
export function refreshVisitSummary(db: Db, id: string, daysVisited: number): void {
  run(
    db,
    sql`update people set
       days_visited = ${daysVisited},
       chats_count = (select count(*) from chats where person_id = ${id}),
       avg_time_spent_min = (select round(avg(time_spent_s) / 60.0, 1) from visits where person_id = ${id}),
       first_visit_at = (select min(started_at) from visits where person_id = ${id}),
       last_visit_at = (select max(started_at) from visits where person_id = ${id}),
       first_visited_url = coalesce((select p.url from visits v join visit_pages p on p.visit_id = v.id
         where v.person_id = ${id} order by v.started_at, p.viewed_at limit 1), first_visited_url),
       visit_referrer = coalesce((select referrer from visits where person_id = ${id}
         order by started_at limit 1), visit_referrer),
       visitor_score = max(coalesce(visitor_score, 0),
         min(100, 12 * (select count(*) from visits where person_id = ${id})))
     where id = ${id} and exists (select 1 from visits where person_id = ${id})`.compile(db.kysely),
  );
}

/**
 * An owner's people with their last activity that happened by `asOf` (when, and kind_direction).
 * `dayOver`: `asOf` is the end of a day looked back on, and what started after it is left out
 * (at now, a completed activity is over whenever the CRM placed it).
 */
export function ownedPeopleWithLastTouch(
  db: Db,
  ownerId: string,
  asOf: number,
  dayOver = false,
): IterableIterator<PersonWithLastTouch> {
  return peopleWithLastTouch(db, { ownerId }, asOf, dayOver);
}

/**
 * These people's last activity by `asOf`, whoever owns them now: a kept plan's rows are the
 * people the rep owned that day, some of whom may have changed owner since.
 */
export function lastTouchOf(
  db: Db,
  personIds: readonly string[],
  asOf: number,
  dayOver = false,
): IterableIterator<PersonWithLastTouch> {
  return peopleWithLastTouch(db, { personIds }, asOf, dayOver);
}

type PersonWithLastTouch = Pick<
  PeopleTable,
  'id' | 'first_name' | 'last_name' | 'company' | 'time_zone' | 'country' | 'phone' | 'email'
> & { last_touch: number | null; last_touch_kind: string | null };

function peopleWithLastTouch(
  db: Db,
  of: { ownerId: string } | { personIds: readonly string[] },
  asOf: number,
  dayOver: boolean,
): IterableIterator<PersonWithLastTouch> {
  return iterate(
    db,
    db.kysely
      .selectFrom('people as p')
      // By rowid, which the index the subquery seeks holds: the id would be one more lookup in
      // the activities' id index for each of a Team page's 50,000 people.
      .leftJoin('activities as t', (join) =>
        join.on(sql.ref('t.rowid'), '=', (eb) =>
          eb
            .selectFrom('activities as a')
            .select(sql<number>`a.rowid`.as('rowid'))
            .whereRef('a.person_id', '=', 'p.id')
            .where(happenedBy('a', asOf))
            .$if(dayOver, (q) => q.where('a.started_at', '<', asOf))
            .orderBy('a.started_at', 'desc')
            .limit(1),
        ),
      )
      // A contact's company is its account (the CRM keeps none on the contact itself).
      .leftJoin('accounts as acc', 'acc.id', 'p.account_id')
      .select(sql<string | null>`coalesce(acc.name, p.company)`.as('company'))
      .select([
        'p.id',
        'p.first_name',
        'p.last_name',
        'p.time_zone',
        'p.country',
        'p.phone',
        'p.email',
      ])
      // A call touched the person until it ended ("called just now" once a 7-minute call ends).
      .select(
        sql<number | null>`min(t.started_at + case when t.kind = 'call'
          then coalesce(t.duration_s, 0) * 1000 else 0 end, ${asOf})`.as('last_touch'),
      )
      // An open or a click is the contact reading our e-mail, whichever way the CRM files it.
      .select(
        sql<string | null>`case when t.signal in ('email_opened', 'email_link_clicked')
          then 'email_opened' else t.kind || coalesce('_' || t.direction, '') end`.as(
          'last_touch_kind',
        ),
      )
      .$if('ownerId' in of, (q) => q.where('p.owner_id', '=', 'ownerId' in of ? of.ownerId : ''))
      .$if('personIds' in of, (q) =>
        q.where('p.id', 'in', 'personIds' in of ? [...of.personIds, ''] : ['']),
      ),
  );
}

/** A person as the email pull turns to them. */
export type PersonStamp = Pick<PeopleTable, 'id' | 'module' | 'modified_at'>;

export function personStamp(db: Db, id: string): PersonStamp | undefined {
  return first(
    db,
    db.kysely.selectFrom('people').select(['id', 'module', 'modified_at']).where('id', '=', id),
  );
}

/** Up to `limit` people after an id, in id order. */
export function peopleAfterId(db: Db, after: string, limit: number): PersonStamp[] {
  return all(
    db,
    db.kysely
      .selectFrom('people')
      .select(['id', 'module', 'modified_at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit),
  );
}

/**
 * Up to `limit` people of the modules after an id, in id order; with `visited`, only people the
 * CRM says visited the website (a last-visit time).
 */
export function peopleOfAfterId(
  db: Db,
  modules: readonly PeopleTable['module'][],
  visited: boolean,
  after: string,
  limit: number,
): Pick<PeopleTable, 'id' | 'module'>[] {
  if (modules.length === 0) return [];
  let query = db.kysely
    .selectFrom('people')
    .select(['id', 'module'])
    .where('id', '>', after)
    .where('module', 'in', modules);
  if (visited) query = query.where('last_visit_at', 'is not', null);
  return all(db, query.orderBy('id').limit(limit));
}

export function newestModifiedAt(db: Db): number | null {
  return (
    first(
      db,
      db.kysely.selectFrom('people').select((eb) => eb.fn.max('modified_at').as('m')),
    )?.m ?? null
  );
}

/**
 * The `limit` people modified in (lower, upper] newest first (ties by id descending), after
 * `before` in that order. Only fast with an index on modified_at (see `modifiedAtIndexed`).
 */
export function changedPeopleNewestFirst(
  db: Db,
  range: { lower: number; upper: number; before: { at: number; id: string } | null; limit: number },
): PersonStamp[] {
  const { lower, upper, before, limit } = range;
  let query = db.kysely
    .selectFrom('people')
    .select(['id', 'module', 'modified_at'])
    .where('modified_at', '>', lower)
    .where('modified_at', '<=', upper);
  if (before)
    query = query.where((eb) =>
      eb.or([
        eb('modified_at', '<', before.at),
        eb.and([eb('modified_at', '=', before.at), eb('id', '<', before.id)]),
      ]),
    );
  return all(db, query.orderBy('modified_at', 'desc').orderBy('id', 'desc').limit(limit));
}

export function lastPersonRowid(db: Db): number | null {
  return (
    first(db, db.kysely.selectFrom('people').select(sql<number | null>`max(rowid)`.as('r')))?.r ??
    null
  );
}

/** People whose rowid is in (fromRowid, toRowid] and modified in (lower, upper]. */
export function changedPeopleInRowids(
  db: Db,
  fromRowid: number,
  toRowid: number,
  lower: number,
  upper: number,
): PersonStamp[] {
  return all(
    db,
    db.kysely
      .selectFrom('people')
      .select(['id', 'module', 'modified_at'])
      .where(sql<boolean>`rowid > ${fromRowid} and rowid <= ${toRowid}`)
      .where('modified_at', '>', lower)
      .where('modified_at', '<=', upper),
  );
}

/** Whether an index leads with people.modified_at (the app may add one). */
export function modifiedAtIndexed(db: Db): boolean {
  return (
    first(
      db,
      sql<{ one: number }>`select 1 as one from pragma_index_list('people') l
        where (select name from pragma_index_info(l.name) where seqno = 0) = 'modified_at'`.compile(
        db.kysely,
      ),
    ) !== undefined
  );
}

/** A person as the visit-lists pull turns to them; `at` is the instant its pass orders by. */
export type PersonAt = Pick<PeopleTable, 'id' | 'module'> & { at: number };

/**
 * People whose rowid is in (fromRowid, toRowid] and whose `key` (last visit, or modification) is
 * in (lower, upper]: one chunk of a scan that leaves the event loop free between chunks.
 */
export function peopleInRowidsBy(
  db: Db,
  key: 'last_visit_at' | 'modified_at',
  range: { fromRowid: number; toRowid: number; lower: number; upper: number },
): PersonAt[] {
  return all(
    db,
    db.kysely
      .selectFrom('people')
      .select(['id', 'module', sql<number>`${sql.ref(key)}`.as('at')])
      .where(sql<boolean>`rowid > ${range.fromRowid} and rowid <= ${range.toRowid}`)
      .where(key, '>', range.lower)
      .where(key, '<=', range.upper),
  );
}

/** Whether the user owns at least one lead or contact (one row of the owner index). */
export function ownsAnyPerson(db: Db, userId: string): boolean {
  return (
    first(
      db,
      db.kysely.selectFrom('people').select('id').where('owner_id', '=', userId).limit(1),
    ) !== undefined
  );
}

/** The users who own at least one lead or contact (read from the owner index alone). */
export function ownersWithPeople(db: Db): string[] {
  return all(
    db,
    db.kysely.selectFrom('people').select('owner_id').distinct().where('owner_id', 'is not', null),
  ).map((r) => r.owner_id as string);
}

/**
 * The account each of some owners' people belongs to, by name: a contact's account, else a lead's
 * company (leads have no account in the CRM), so a lead and a contact at one company match.
 */
export function ownedPeopleAccounts(
  db: Db,
  ownerIds: readonly string[],
): IterableIterator<{
  id: string;
  owner_id: string | null;
  account: string | null;
  company: string | null;
}> {
  return iterate(
    db,
    db.kysely
      .selectFrom('people as p')
      .leftJoin('accounts as a', 'a.id', 'p.account_id')
      .select(['p.id', 'p.owner_id', 'a.name as account', 'p.company'])
      .where('p.owner_id', 'in', ownerIds.length ? [...ownerIds] : ['']),
  );
}

/** What makes a person hot (TM-2), with the stages of their open deals (see `hotVisitorsBetween`). */
export interface HotPersonRow {
  id: string;
  first_name: string | null;
  last_name: string;
  company: string | null;
  owner_id: string | null;
  visitor_score: number | null;
  open_stages: string;
}

const hotPersonColumns = sql`p.id, p.first_name, p.last_name, coalesce(a.name, p.company) as company,
  p.owner_id, p.visitor_score,
  (select json_group_array(stage) from (select d.stage from deals d
    where d.person_id = p.id and d.status = 'open' order by d.modified_at desc)) as open_stages`;

/**
 * People with a visit that started in [from, to) who may be hot (TM-2): a visitor score of at
 * least `minScore`, or an open deal (the stages of all their open deals come along, latest first,
 * as a JSON array: a person's late-stage deal counts though a newer one is early). SQL for the
 * time index, as `ownedPeopleVisitsSince` does.
 */
export function hotVisitorsBetween(
  db: Db,
  from: number,
  to: number,
  minScore: number,
): (HotPersonRow & { last_visit: number })[] {
  return all(
    db,
    sql<HotPersonRow & { last_visit: number }>`
      select ${hotPersonColumns}, v.last_visit
      from (select person_id, max(started_at) as last_visit from visits indexed by visits_time
            where started_at >= ${from} and started_at < ${to} and person_id is not null
            group by person_id) v
      join people p on p.id = v.person_id
      left join accounts a on a.id = p.account_id
      where p.visitor_score >= ${minScore}
        or p.id in (select person_id from deals where status = 'open')`.compile(db.kysely),
  );
}

/**
 * Of the people `ids` (by their key), those who may be hot as `hotVisitorsBetween` reads them:
 * the people visits the CRM linked to nobody are matched to by their visitor's e-mail.
 */
export function hotPeopleOf(db: Db, ids: readonly string[], minScore: number): HotPersonRow[] {
  if (ids.length === 0) return [];
  return all(db, hotPeopleQuery(db, ids, minScore));
}

/** The query itself, for its plan to be checked. */
export function hotPeopleQuery(
  db: Db,
  ids: readonly string[],
  minScore: number,
): CompiledQuery<HotPersonRow> {
  return sql<HotPersonRow>`
    select ${hotPersonColumns}
    from people p left join accounts a on a.id = p.account_id
    where p.id in (select value from json_each(${JSON.stringify(ids)}))
      and (p.visitor_score >= ${minScore}
        or exists (select 1 from deals d where d.person_id = p.id and d.status = 'open'))`.compile(
    db.kysely,
  );
}
