import { ownTurn } from '../crm/eventLoopTurns';
import type { Db } from '../db/openDatabase';
import { deleteUnusedUserAgentsIn, userAgentIdAfter } from '../db/repos/userAgents';
import type { ModuleCounts } from './pullContext';
import { readState, writeState } from './syncState';

const KEY = 'Visits:user_agents';
/** A visit whose user agent changed leaves its old one behind without deleting anything. */
const AT_LEAST_EVERY_MS = 24 * 3_600_000;
/**
 * User agents looked at in one statement: each an index probe of a few microseconds, so a few
 * milliseconds of the event loop however many visits and user agents there are.
 */
const STRETCH = 500;

/**
 * After a sync: user agents no visit uses any more are deleted when the run deleted visits, and
 * at least once a day otherwise. A stretch of user agents at a time, each statement a turn of the
 * event loop of its own; one that a visit takes up between two stretches is looked at as it is
 * then, so none in use is deleted. Returns how many were deleted.
 */
export async function pruneUserAgents(
  db: Db,
  visits: ModuleCounts | undefined,
  now: number,
): Promise<number> {
  const last = readState(db, KEY).watermark;
  const due = last === null || now - last >= AT_LEAST_EVERY_MS || now < last;
  if (!due && !(visits && visits.deleted > 0)) return 0;
  let deleted = 0;
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    await ownTurn();
    const upTo = userAgentIdAfter(db, after, STRETCH);
    if (upTo === null) break;
    deleted += deleteUnusedUserAgentsIn(db, after, upTo);
    after = upTo;
  }
  // No lastSuccessAt: it would pass for a module's pull in "last synced". A prune stopped half
  // way is not recorded, and the next run prunes again.
  writeState(db, KEY, { watermark: now, cursor: null, lastSuccessAt: null }, now);
  return deleted;
}
