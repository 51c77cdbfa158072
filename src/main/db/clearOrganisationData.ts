import type { Db } from './openDatabase';
import { PLAN_MARKS_PULLED_TO, PLAN_MARKS_SWEPT_AT } from './repos/planMarkShares';
import { TRANSCRIPTS_DELETED_READ, TRANSCRIPTS_READ_TO } from './repos/chatTranscripts';
import { LICENCE_SETTING, RUN_COSTS_SETTING, UNREAD_MODULES_SETTING } from './repos/organisation';
import { deleteSetting } from './repos/settings';
import { VISITS_ACTED_ON } from './repos/visitsActedOn';
import { run } from './sqlRun';

// Children before parents, so foreign keys never see an orphan.
const TABLES = [
  'chat_messages',
  'chat_transcripts',
  'chats',
  'visit_pages',
  'alerts',
  'visits',
  'user_agents',
  'best_time_windows',
  'learned_priors',
  'plan_actions',
  'plan_mark_shares',
  'day_plans',
  'activities',
  'deals',
  'people',
  'accounts',
  'users',
  'holidays',
  'shifts',
  'organisation',
  'sync_state',
  'outbox',
] as const;

/**
 * Setting: when the best-time priors were last learned from the whole organisation (a sync's
 * partial recomputes refresh windows, not the priors; the priors themselves are in
 * `learned_priors`). Learned from the data, so it goes with it.
 */
export const WINDOWS_LEARNED_AT = 'windows_learned_at';

/**
 * Empties every table that describes one organisation; the user's settings and alert rules stay.
 * Run inside a transaction.
 */
export function clearOrganisationData(db: Db): void {
  for (const table of TABLES) run(db, db.kysely.deleteFrom(table));
  deleteSetting(db, WINDOWS_LEARNED_AT);
  deleteSetting(db, PLAN_MARKS_PULLED_TO);
  deleteSetting(db, PLAN_MARKS_SWEPT_AT);
  deleteSetting(db, TRANSCRIPTS_READ_TO);
  deleteSetting(db, TRANSCRIPTS_DELETED_READ);
  deleteSetting(db, LICENCE_SETTING);
  deleteSetting(db, RUN_COSTS_SETTING);
  deleteSetting(db, UNREAD_MODULES_SETTING);
  deleteSetting(db, VISITS_ACTED_ON);
}
