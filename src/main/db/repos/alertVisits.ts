import { sql } from 'kysely';
import type { Db } from '../openDatabase';
import type { BestTimeWindowsTable, PeopleTable } from '../schema';
import { all, first } from '../sqlRun';

/**
 * What the hot-visitor alerts and the Visits page read of visits, people, deals and windows,
 * a batch of people at a time.
 */

/** SQLite takes up to 32,766 parameters; a few hundred a query keeps each statement cached. */
const CHUNK = 500;

function chunked<T, R>(items: readonly T[], read: (chunk: T[]) => R[]): R[] {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...read(items.slice(i, i + CHUNK)));
  return out;
}

export type PersonFactsRow = Pick<
  PeopleTable,
  | 'id'
  | 'module'
  | 'first_name'
  | 'last_name'
  | 'company'
  | 'email'
  | 'phone'
  | 'owner_id'
  | 'visitor_score'
  | 'first_visit_at'
  | 'time_zone'
  | 'country'
>;

export function peopleFactsRows(db: Db, ids: readonly string[]): PersonFactsRow[] {
  return chunked(ids, (chunk) =>
    all(
      db,
      db.kysely
        .selectFrom('people')
        .select([
          'id',
          'module',
          'first_name',
          'last_name',
          'company',
          'email',
          'phone',
          'owner_id',
          'visitor_score',
          'first_visit_at',
          'time_zone',
          'country',
        ])
        .where('id', 'in', chunk),
    ),
  );
}

/** Whether each person has a won and an open deal (people without deals are left out). */
export function dealFlagRows(
  db: Db,
  ids: readonly string[],
): { person_id: string; won: number; open: number }[] {
  return chunked(ids, (chunk) =>
    all(
      db,
      db.kysely
        .selectFrom('deals')
        .select((eb) => [
          'person_id',
          eb.fn.max<number>(eb.case().when('status', '=', 'won').then(1).else(0).end()).as('won'),
          eb.fn.max<number>(eb.case().when('status', '=', 'open').then(1).else(0).end()).as('open'),
        ])
        .where('person_id', 'in', chunk)
        .where('status', '!=', 'lost')
        .groupBy('person_id')
        .$narrowType<{ person_id: string }>(),
    ),
  );
}

/** Each person's first stored visit. */
export function earliestVisitRows(
  db: Db,
  ids: readonly string[],
): { person_id: string; first: number }[] {
  return chunked(ids, (chunk) =>
    all(
      db,
      db.kysely
        .selectFrom('visits')
        .select((eb) => ['person_id', eb.fn.min<number>('started_at').as('first')])
        .where('person_id', 'in', chunk)
        .groupBy('person_id')
        .$narrowType<{ person_id: string }>(),
    ),
  );
}

/** People by e-mail, in any case: a visitor is a known person when their e-mail matches one. */
export function peopleByEmailRows(
  db: Db,
  emails: readonly string[],
): { id: string; module: 'lead' | 'contact'; email: string; owner_id: string | null }[] {
  return chunked(emails, (chunk) =>
    all(
      db,
      db.kysely
        .selectFrom('people')
        .select(['id', 'module', 'email', 'owner_id'])
        .where((eb) => eb(eb.fn('lower', ['email']), 'in', chunk))
        .$narrowType<{ email: string }>(),
    ),
  );
}

export function personWindowRows(
  db: Db,
  ids: readonly string[],
): Pick<BestTimeWindowsTable, 'person_id' | 'channel' | 'windows'>[] {
  return chunked(ids, (chunk) =>
    all(
      db,
      db.kysely
        .selectFrom('best_time_windows')
        .select(['person_id', 'channel', 'windows'])
        .where('person_id', 'in', chunk),
    ),
  );
}

export interface VisitWithPagesRow {
  id: string;
  person_id: string | null;
  /** Null for a known person's visit (their name is the person's). */
  visitor_name: string | null;
  /** Null for a known person's visit (they are told apart by who they are). */
  ip: string | null;
  user_agent: string | null;
  started_at: number;
  /** The pages' view instants, comma-separated; null for a visit without pages. */
  viewed: string | null;
  /** JSON array of the pages' URLs, in the same order as `viewed`. */
  urls: string;
}

/**
 * The visits that started in [from, to), each with its pages in one row: a row per page repeated
 * the visit's columns (a user agent is a hundred characters) and tripled the rows JavaScript
 * builds. When the range holds much of the table, the visits are read in table order instead of
 * through the time index (which then costs a sort of every row for the grouping); a replay of
 * 100,000 visits takes half the time.
 */
export function visitsWithPagesRows(db: Db, from: number, to: number): VisitWithPagesRow[] {
  const inRange = first(
    db,
    db.kysely
      .selectFrom('visits')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('started_at', '>=', from)
      .where('started_at', '<', to),
  );
  const total = first(
    db,
    db.kysely.selectFrom('visits').select((eb) => eb.fn.countAll<number>().as('n')),
  );
  const most = (inRange?.n ?? 0) * 4 > (total?.n ?? 0);
  const source = most ? sql`visits v` : sql`visits v indexed by visits_time`;
  return all(
    db,
    sql<VisitWithPagesRow>`
      select v.id, v.person_id, v.user_agent, v.started_at,
        -- Only an unknown visitor is told by a name or an IP: the rest need not be read.
        case when v.person_id is null then v.visitor_name end as visitor_name,
        case when v.person_id is null then v.ip end as ip,
        group_concat(p.viewed_at) as viewed, json_group_array(p.url) as urls
      from ${source} left join visit_pages p on p.visit_id = v.id
      where v.started_at >= ${from} and v.started_at < ${to}
      group by v.id`.compile(db.kysely),
  );
}

export interface VisitFeedRow {
  id: string;
  person_id: string | null;
  visitor_name: string | null;
  visitor_email: string | null;
  ip: string | null;
  started_at: number;
  ended_at: number | null;
  time_spent_s: number;
  referrer: string | null;
  search_engine: string | null;
  search_keyword: string | null;
  owner_id: string | null;
}

/**
 * Visits before a cursor (started before `at`, or at `at` with a smaller id), newest first, a
 * page at a time; with `ownerId`, only that owner's people's. SQL, because the builder has no
 * INDEXED BY: walking the time index stops after a page of rows, where the planner would pick
 * the owner's people and sort all their visits.
 */
export function visitFeedRows(
  db: Db,
  cursor: { at: number; id: string | null },
  limit: number,
  ownerId: string | null,
): VisitFeedRow[] {
  const owner = ownerId === null ? sql`1 = 1` : sql`p.owner_id = ${ownerId}`;
  const after =
    cursor.id === null
      ? sql`v.started_at < ${cursor.at}`
      : sql`(v.started_at < ${cursor.at} or (v.started_at = ${cursor.at} and v.id < ${cursor.id}))`;
  return all(
    db,
    sql<VisitFeedRow>`
      select v.id, v.person_id, v.visitor_name, v.visitor_email, v.ip, v.started_at, v.ended_at,
        v.time_spent_s, v.referrer, v.search_engine, v.search_keyword, p.owner_id
      from visits v indexed by visits_time left join people p on p.id = v.person_id
      where ${after} and ${owner}
      order by v.started_at desc, v.id desc
      limit ${limit}`.compile(db.kysely),
  );
}

export function pagesOfVisitsRows(
  db: Db,
  visitIds: readonly string[],
): {
  visit_id: string;
  url: string;
  title: string | null;
  viewed_at: number;
  time_spent_s: number | null;
}[] {
  return chunked(visitIds, (chunk) =>
    all(
      db,
      db.kysely
        .selectFrom('visit_pages')
        .select(['visit_id', 'url', 'title', 'viewed_at', 'time_spent_s'])
        .where('visit_id', 'in', chunk)
        .orderBy('viewed_at')
        .orderBy('id'),
    ),
  );
}

export function userNameRows(db: Db): { id: string; name: string }[] {
  return all(db, db.kysely.selectFrom('users').select(['id', 'name']));
}
