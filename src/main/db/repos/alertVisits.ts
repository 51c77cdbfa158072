import { sql, type CompiledQuery } from 'kysely';
import type { Db } from '../openDatabase';
import type { BestTimeWindowsTable } from '../schema';
import { all, first } from '../sqlRun';

/**
 * What the hot-visitor alerts and the Visits page read of visits, people, deals and windows,
 * each set of people in one query.
 */

/** SQLite takes up to 32,766 parameters; a few hundred a query keeps each statement cached. */
const CHUNK = 500;

/**
 * Any number of values as one parameter (a JSON array), for `in`: one statement whatever their
 * number. Building and compiling a query of 500 parameters a chunk cost a replay of 20,000
 * people more than reading them.
 */
function inJson(values: readonly string[]) {
  return sql<string>`(select value from json_each(${JSON.stringify(values)}))`;
}

function chunked<T, R>(items: readonly T[], read: (chunk: T[]) => R[]): R[] {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...read(items.slice(i, i + CHUNK)));
  return out;
}

/** A person's columns as an array, in this order (see peopleFactsRows). */
export type PersonFactsRow = [
  id: string,
  first_name: string | null,
  last_name: string,
  company: string | null,
  email: string | null,
  phone: string | null,
  owner_id: string | null,
  visitor_score: number | null,
  first_visit_at: number | null,
  time_zone: string | null,
  country: string | null,
];

/**
 * These people's columns for the alerts (with `ownerId`, only those of that owner). One JSON
 * array of arrays, parsed once: a row object each cost three times the query for the 20,000
 * people of a month's visits.
 */
export function peopleFactsRows(
  db: Db,
  ids: readonly string[],
  ownerId: string | null = null,
): PersonFactsRow[] {
  // Not through the owner index (the unary +): SQLite cannot tell how few ids there are, and
  // would walk all of an owner's people for the few of a live evaluation.
  const owned = ownerId === null ? sql`` : sql`and +p.owner_id = ${ownerId}`;
  // A contact's company is its account (Zoho leaves a contact's own company empty), as people.ts
  // reads it for the person page and the planner.
  const row = first(
    db,
    sql<{ people: string }>`select json_group_array(json_array(p.id, p.first_name, p.last_name,
        coalesce(acc.name, p.company), p.email, p.phone, p.owner_id, p.visitor_score,
        p.first_visit_at, p.time_zone, p.country)) as people
      from people p left join accounts acc on acc.id = p.account_id
      where p.id in ${inJson(ids)} ${owned}`.compile(db.kysely),
  );
  return row ? (JSON.parse(row.people) as PersonFactsRow[]) : [];
}

/** Whether each person has a won and an open deal (people without deals are left out). */
export function dealFlagRows(
  db: Db,
  ids: readonly string[],
): { person_id: string; won: number; open: number }[] {
  return all(
    db,
    db.kysely
      .selectFrom('deals')
      .select((eb) => [
        'person_id',
        eb.fn.max<number>(eb.case().when('status', '=', 'won').then(1).else(0).end()).as('won'),
        eb.fn.max<number>(eb.case().when('status', '=', 'open').then(1).else(0).end()).as('open'),
      ])
      .where('person_id', 'in', inJson(ids))
      .where('status', '!=', 'lost')
      .groupBy('person_id')
      .$narrowType<{ person_id: string }>(),
  );
}

/** Each person's first stored visit. */
export function earliestVisitRows(
  db: Db,
  ids: readonly string[],
): { person_id: string; first: number }[] {
  return all(
    db,
    db.kysely
      .selectFrom('visits')
      .select((eb) => ['person_id', eb.fn.min<number>('started_at').as('first')])
      .where('person_id', 'in', inJson(ids))
      .groupBy('person_id')
      .$narrowType<{ person_id: string }>(),
  );
}

/**
 * Per e-mail (given trimmed, in lower case), the first visit the CRM linked to nobody whose visitor
 * gave it; e-mails without such visits are left out. Through the visits_email_key index (migration
 * 019), whose condition (`person_id is null`) and expression the query repeats, named: the planner
 * would otherwise read every visit of nobody known through visits_person_time.
 */
export function firstEmailVisitRows(
  db: Db,
  emails: readonly string[],
): { key: string; first: number }[] {
  return emails.length === 0 ? [] : all(db, firstEmailVisitsQuery(db, emails));
}

/** The query itself, for its plan to be checked. */
export function firstEmailVisitsQuery(
  db: Db,
  emails: readonly string[],
): CompiledQuery<{ key: string; first: number }> {
  return sql<{ key: string; first: number }>`select lower(trim(visitor_email)) as key,
      min(started_at) as first
    from visits indexed by visits_email_key
    where person_id is null and lower(trim(visitor_email)) in ${inJson(emails)}
    group by lower(trim(visitor_email))`.compile(db.kysely);
}

/**
 * People by e-mail (given trimmed, in lower case), in any case and spacing: a visitor is a known
 * person when their e-mail matches one.
 */
export function peopleByEmailRows(
  db: Db,
  emails: readonly string[],
): { id: string; module: 'lead' | 'contact'; email: string; owner_id: string | null }[] {
  return all(
    db,
    db.kysely
      .selectFrom('people')
      .select(['id', 'module', 'email', 'owner_id'])
      .where((eb) => eb(eb.fn('lower', [eb.fn('trim', ['email'])]), 'in', inJson(emails)))
      .$narrowType<{ email: string }>(),
  );
}

export function personWindowRows(
  db: Db,
  ids: readonly string[],
): (Pick<BestTimeWindowsTable, 'person_id' | 'channel' | 'windows'> & {
  /** The shift the person's owner works, whose hours their windows keep to. */
  owner_shift_id: string | null;
  /** The owner's zone, whose days their planner counts; null for a person nobody owns. */
  owner_zone: string | null;
})[] {
  return all(
    db,
    db.kysely
      .selectFrom('best_time_windows as w')
      .innerJoin('people as p', 'p.id', 'w.person_id')
      .leftJoin('users as u', 'u.id', 'p.owner_id')
      .select([
        'w.person_id',
        'w.channel',
        'w.windows',
        'u.shift_id as owner_shift_id',
        'u.time_zone as owner_zone',
      ])
      .where('w.person_id', 'in', inJson(ids)),
  );
}

/** The visits of a range as columns: the i-th entry of each list is the i-th visit's. */
export interface StoredVisitColumns {
  ids: string[];
  personIds: (string | null)[];
  userAgents: (string | null)[];
  startedAt: number[];
  /** Null for a known person's visit (their name is the person's). */
  visitorNames: (string | null)[];
  /** Null for a known person's visit (they are told apart by who they are). */
  ips: (string | null)[];
  /** The e-mail an unknown visitor gave, as stored; null for a known person's visit. */
  emails: (string | null)[];
}

/** Page views as columns; `visitIds` may name visits outside the range asked for. */
export interface StoredPageColumns {
  visitIds: string[];
  viewedAt: number[];
  urls: string[];
}

/** Rows of a table read by one aggregate query: its JSON stays some tens of megabytes at most. */
const ROWID_CHUNK = 200_000;

/** A JSON array of numbers from group_concat ('[]' for no rows, where group_concat gives null). */
const numbers = (column: string) => sql.raw(`'[' || ifnull(group_concat(${column}), '') || ']'`);

// A user agent by its number (-1: none): a few distinct ones are repeated by every visit.
const VISIT_COLUMNS = sql`json_group_array(id) as ids, json_group_array(person_id) as person_ids,
  ${numbers('ifnull(user_agent_id, -1)')} as agent_ids, ${numbers('started_at')} as started_at,
  -- Only an unknown visitor is told by a name or an IP: the rest need not be read.
  json_group_array(case when person_id is null then visitor_name end) as visitor_names,
  json_group_array(case when person_id is null then ip end) as ips,
  json_group_array(case when person_id is null then visitor_email end) as emails`;
const PAGE_COLUMNS = sql`json_group_array(visit_id) as visit_ids, ${numbers('viewed_at')} as viewed_at,
  json_group_array(url) as urls`;

interface VisitJson {
  ids: string;
  person_ids: string;
  agent_ids: string;
  started_at: string;
  visitor_names: string;
  ips: string;
  emails: string;
}
interface PageJson {
  visit_ids: string;
  viewed_at: string;
  urls: string;
}

/** The arrays parsed from each chunk, joined once at the end (usually there is one chunk). */
class Chunks<T> {
  private readonly parts: T[][] = [];
  add(json: string): void {
    this.parts.push(JSON.parse(json) as T[]);
  }
  joined(): T[] {
    // concat, not flat(): flat walks element by element, several times slower.
    return this.parts.length === 1 ? (this.parts[0] as T[]) : ([] as T[]).concat(...this.parts);
  }
}

/** The user agents of these numbers (-1: none), each distinct one a single string. */
function userAgentsOf(db: Db, agentIds: readonly number[]): (string | null)[] {
  const wanted = [...new Set(agentIds)].filter((id) => id !== -1);
  const text = new Map<number, string>();
  if (wanted.length) {
    const row = first(
      db,
      sql<{ agents: string }>`select json_group_array(json_array(id, user_agent)) as agents
        from user_agents where id in (select value from json_each(${JSON.stringify(wanted)}))`.compile(
        db.kysely,
      ),
    );
    for (const [id, agent] of JSON.parse(row?.agents ?? '[]') as [number, string][])
      text.set(id, agent);
  }
  return agentIds.map((id) => text.get(id) ?? null);
}

class VisitChunks {
  readonly ids = new Chunks<string>();
  readonly personIds = new Chunks<string | null>();
  readonly agentIds = new Chunks<number>();
  readonly startedAt = new Chunks<number>();
  readonly visitorNames = new Chunks<string | null>();
  readonly ips = new Chunks<string | null>();
  readonly emails = new Chunks<string | null>();
  add(row: VisitJson | undefined): void {
    if (!row) return;
    this.ids.add(row.ids);
    this.personIds.add(row.person_ids);
    this.agentIds.add(row.agent_ids);
    this.startedAt.add(row.started_at);
    this.visitorNames.add(row.visitor_names);
    this.ips.add(row.ips);
    this.emails.add(row.emails);
  }
  joined(db: Db): StoredVisitColumns {
    return {
      ids: this.ids.joined(),
      personIds: this.personIds.joined(),
      userAgents: userAgentsOf(db, this.agentIds.joined()),
      startedAt: this.startedAt.joined(),
      visitorNames: this.visitorNames.joined(),
      ips: this.ips.joined(),
      emails: this.emails.joined(),
    };
  }
}

class PageChunks {
  readonly visitIds = new Chunks<string>();
  readonly viewedAt = new Chunks<number>();
  readonly urls = new Chunks<string>();
  add(row: PageJson | undefined): void {
    if (!row) return;
    this.visitIds.add(row.visit_ids);
    this.viewedAt.add(row.viewed_at);
    this.urls.add(row.urls);
  }
  joined(): StoredPageColumns {
    return {
      visitIds: this.visitIds.joined(),
      viewedAt: this.viewedAt.joined(),
      urls: this.urls.joined(),
    };
  }
}

/**
 * The visits that started in [from, to), and page views that include theirs (each visit's in
 * the order stored), for the replay. SQLite hands them over as a few rows of JSON arrays, parsed
 * once: a row per visit or per page cost more in better-sqlite3 than SQLite's whole read, and
 * joining pages to visits (an index seek a page) cost more than scanning both tables.
 *
 * When the range holds much of the table, both tables are read whole in rowid chunks, and page
 * views of visits outside the range are left to the caller to drop; otherwise the visits come
 * through the time index and the pages through the visit index.
 *
 * Read in steps (a `Steps` of besttime/model/steps.ts, spelt out: db imports only shared): it
 * yields after each query, and with `spanMs`, reads a range through the time index `spanMs` at a time (a visit's pages all come with
 * it, in the order stored), so a week of a large organisation is a few short queries with turns
 * for other requests between them.
 */
export function* storedVisitColumnsSteps(
  db: Db,
  from: number,
  to: number,
  spanMs = Number.POSITIVE_INFINITY,
): Generator<void, { visits: StoredVisitColumns; pages: StoredPageColumns }, void> {
  const visits = new VisitChunks();
  const pages = new PageChunks();
  const done = () => ({ visits: visits.joined(db), pages: pages.joined() });
  const inRange = first(
    db,
    db.kysely
      .selectFrom('visits')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('started_at', '>=', from)
      .where('started_at', '<', to),
  );
  if (!inRange?.n) return done();
  const total = first(
    db,
    db.kysely.selectFrom('visits').select((eb) => eb.fn.countAll<number>().as('n')),
  );
  yield;
  if (inRange.n * 4 <= (total?.n ?? 0)) {
    for (let lo = from; lo < to; lo += spanMs) {
      const hi = Math.min(to, lo + spanMs);
      visits.add(
        first(
          db,
          sql<VisitJson>`select ${VISIT_COLUMNS} from visits indexed by visits_time
            where started_at >= ${lo} and started_at < ${hi}`.compile(db.kysely),
        ),
      );
      yield;
      pages.add(
        first(
          db,
          sql<PageJson>`select ${PAGE_COLUMNS} from (
            select visit_id, viewed_at, url from visit_pages
            where visit_id in (select id from visits indexed by visits_time
              where started_at >= ${lo} and started_at < ${hi})
            order by visit_id, id)`.compile(db.kysely),
        ),
      );
      yield;
    }
    return done();
  }
  // Each in its own subquery: SQLite reads min or max alone off the b-tree's end, but both in
  // one select scan the table (50 ms over 250,000 page views).
  const rowids = (table: 'visits' | 'visit_pages') =>
    first(
      db,
      sql<{ lo: number | null; hi: number | null }>`
        select (select min(rowid) from ${sql.table(table)}) as lo,
          (select max(rowid) from ${sql.table(table)}) as hi`.compile(db.kysely),
    );
  const v = rowids('visits');
  for (let lo = v?.lo ?? 0; lo <= (v?.hi ?? -1); lo += ROWID_CHUNK) {
    visits.add(
      first(
        db,
        sql<VisitJson>`select ${VISIT_COLUMNS} from visits not indexed
          where rowid >= ${lo} and rowid < ${lo + ROWID_CHUNK}
            and started_at >= ${from} and started_at < ${to}`.compile(db.kysely),
      ),
    );
    yield;
  }
  const p = rowids('visit_pages');
  for (let lo = p?.lo ?? 0; lo <= (p?.hi ?? -1); lo += ROWID_CHUNK) {
    pages.add(
      first(
        db,
        sql<PageJson>`select ${PAGE_COLUMNS} from visit_pages not indexed
          where id >= ${lo} and id < ${lo + ROWID_CHUNK}`.compile(db.kysely),
      ),
    );
    yield;
  }
  return done();
}

export interface VisitFeedRow {
  id: string;
  person_id: string | null;
  /** Whom the CRM names, stored here or not yet (migration 021). */
  crm_person_id: string | null;
  visitor_name: string | null;
  visitor_email: string | null;
  ip: string | null;
  started_at: number;
  ended_at: number | null;
  time_spent_s: number;
  referrer: string | null;
  search_engine: string | null;
  search_keyword: string | null;
  /** SalesIQ's actions as the sync kept them (read by shared/visitActions.ts). */
  actions: string | null;
  owner_id: string | null;
}

/**
 * Visits before a cursor (started before `at`, or at `at` with a smaller id), newest first, a
 * page at a time; with `ownerIds`, only those owners' people's, and the visits linked to nobody
 * that carry an e-mail (whose person, if any, the caller finds by it).
 */
export function visitFeedRows(
  db: Db,
  cursor: { at: number; id: string | null },
  limit: number,
  ownerIds: readonly string[] | null,
): VisitFeedRow[] {
  return all(db, visitFeedQuery(db, cursor, limit, ownerIds));
}

/**
 * SQL, because the builder has no INDEXED BY: walking the time index stops after a page of rows,
 * where the planner would pick the owner's people and sort all their visits. The people stay a
 * LEFT JOIN (the owner's test also takes visits linked to nobody): an inner join let SQLite read
 * each of the owner's people's visits first, over a minute a page on 100,000 visits. The cursor
 * is a range of the index (`<=` its instant), not an OR that walks it from the newest visit.
 */
export function visitFeedQuery(
  db: Db,
  cursor: { at: number; id: string | null },
  limit: number,
  ownerIds: readonly string[] | null,
): CompiledQuery<VisitFeedRow> {
  // One owner (a rep's own) stays an equality; a team's are one JSON parameter.
  const owned =
    ownerIds === null
      ? null
      : ownerIds.length === 1
        ? sql`p.owner_id = ${ownerIds[0]}`
        : sql`p.owner_id in ${inJson(ownerIds)}`;
  const owner =
    owned === null
      ? sql`1 = 1`
      : sql`(${owned} or (v.person_id is null and trim(v.visitor_email) <> ''))`;
  const after =
    cursor.id === null
      ? sql`v.started_at < ${cursor.at}`
      : sql`v.started_at <= ${cursor.at} and (v.started_at < ${cursor.at} or v.id < ${cursor.id})`;
  return sql<VisitFeedRow>`
      select v.id, v.person_id, v.crm_person_id, v.visitor_name, v.visitor_email, v.ip, v.started_at, v.ended_at,
        v.time_spent_s, v.referrer, v.search_engine, v.search_keyword, v.actions, p.owner_id
      from visits v indexed by visits_time left join people p on p.id = v.person_id
      where ${after} and ${owner}
      order by v.started_at desc, v.id desc
      limit ${limit}`.compile(db.kysely);
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
