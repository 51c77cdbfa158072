import type { Db } from '../openDatabase';
import type { PeopleTable } from '../schema';
import { sql } from 'kysely';
import { all, first, iterate, run } from '../sqlRun';

/** The `people` table (leads and contacts); the sync's page upsert writes it (sync/localStore.ts). */

export function personExists(db: Db, id: string): boolean {
  return first(db, db.kysely.selectFrom('people').select('id').where('id', '=', id)) !== undefined;
}

export function personModule(db: Db, id: string): PeopleTable['module'] | undefined {
  return first(db, db.kysely.selectFrom('people').select('module').where('id', '=', id))?.module;
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
 * Works a person's visit summary (VT-3) out again from their stored visits and chats; a person
 * without visits keeps theirs. Correlated aggregates read more plainly as SQL than as a builder.
 */
export function refreshVisitSummary(db: Db, id: string): void {
  run(
    db,
    sql`update people set
       days_visited = (select count(distinct started_at / 86400000) from visits where person_id = ${id}),
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

/** An owner's people with their last completed activity (when, and kind_direction). */
export function ownedPeopleWithLastTouch(
  db: Db,
  ownerId: string,
): IterableIterator<
  Pick<
    PeopleTable,
    'id' | 'first_name' | 'last_name' | 'company' | 'time_zone' | 'country' | 'phone' | 'email'
  > & { last_touch: number | null; last_touch_kind: string | null }
> {
  return iterate(
    db,
    db.kysely
      .selectFrom('people as p')
      .leftJoin('activities as t', (join) =>
        join.on('t.id', '=', (eb) =>
          eb
            .selectFrom('activities as a')
            .select('a.id')
            .whereRef('a.person_id', '=', 'p.id')
            .where('a.status', '=', 'completed')
            .orderBy('a.started_at', 'desc')
            .limit(1),
        ),
      )
      .select([
        'p.id',
        'p.first_name',
        'p.last_name',
        'p.company',
        'p.time_zone',
        'p.country',
        'p.phone',
        'p.email',
        't.started_at as last_touch',
      ])
      .select(sql<string | null>`t.kind || coalesce('_' || t.direction, '')`.as('last_touch_kind'))
      .where('p.owner_id', '=', ownerId),
  );
}
