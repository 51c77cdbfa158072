import { sql } from 'kysely';
import type { Db } from '../openDatabase';
import { run } from '../sqlRun';

/**
 * Deletes the user agents no visit points at any more (a visit deleted, or its user agent
 * changed: the triggers of migration 011 add rows, never remove them). One scan of `visits`,
 * which has no index on `user_agent_id`: about 0.1 s for 200,000 visits, so not on every sync.
 */
export function deleteUnusedUserAgents(db: Db): number {
  return run(
    db,
    db.kysely
      .deleteFrom('user_agents')
      .where(
        'id',
        'not in',
        sql<number>`(select user_agent_id from visits where user_agent_id is not null)`,
      ),
  ).changes;
}
