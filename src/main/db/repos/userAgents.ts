import { sql, type CompiledQuery } from 'kysely';
import type { Db } from '../openDatabase';
import { first, run } from '../sqlRun';

/**
 * The id ending the next `count` user agents after `after` (in id order), or null when none is
 * left: the prune deletes them a stretch of ids at a time.
 */
export function userAgentIdAfter(db: Db, after: number, count: number): number | null {
  return (
    first(
      db,
      sql<{ last: number | null }>`select max(id) as last from
        (select id from user_agents where id > ${after} order by id limit ${count})`.compile(
        db.kysely,
      ),
    )?.last ?? null
  );
}

/**
 * Deletes the user agents with an id in (after, upTo] no visit points at any more (a visit
 * deleted, or its user agent changed: the triggers of migration 011 add rows, never remove them).
 */
export function deleteUnusedUserAgentsIn(db: Db, after: number, upTo: number): number {
  return run(db, unusedUserAgentsQuery(db, after, upTo)).changes;
}

/**
 * The query itself, for its plan to be checked: one probe of `visits_user_agent` (migration 013)
 * per user agent, where `not in (select user_agent_id from visits)` read every visit.
 */
export function unusedUserAgentsQuery(db: Db, after: number, upTo: number): CompiledQuery {
  return sql`delete from user_agents where id > ${after} and id <= ${upTo}
    and not exists (select 1 from visits where visits.user_agent_id = user_agents.id)`.compile(
    db.kysely,
  );
}
