import type { Db } from './openDatabase';

// Children before parents, so foreign keys never see an orphan.
const TABLES = [
  'chat_messages',
  'chats',
  'visit_pages',
  'alerts',
  'visits',
  'best_time_windows',
  'plan_actions',
  'day_plans',
  'activities',
  'deals',
  'people',
  'accounts',
  'users',
  'organisation',
  'sync_state',
  'outbox',
] as const;

/** Empties every table that describes one organisation; settings and alert rules stay. Run inside a transaction. */
export function clearOrganisationData(db: Db): void {
  for (const table of TABLES) db.raw.prepare(`delete from ${table}`).run();
}
