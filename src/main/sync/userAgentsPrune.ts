import type { Db } from '../db/openDatabase';
import { deleteUnusedUserAgents } from '../db/repos/userAgents';
import { transaction } from '../db/sqlRun';
import type { ModuleCounts } from './pullContext';
import { readState, writeState } from './syncState';

const KEY = 'Visits:user_agents';
/** A visit whose user agent changed leaves its old one behind without deleting anything. */
const AT_LEAST_EVERY_MS = 24 * 3_600_000;

/**
 * After a sync: user agents no visit uses any more are deleted when the run deleted visits, and
 * at least once a day otherwise. Each costs a scan of every visit, too much for every run.
 * Returns how many were deleted.
 */
export function pruneUserAgents(db: Db, visits: ModuleCounts | undefined, now: number): number {
  const last = readState(db, KEY).watermark;
  const due = last === null || now - last >= AT_LEAST_EVERY_MS || now < last;
  if (!due && !(visits && visits.deleted > 0)) return 0;
  return transaction(db, () => {
    const deleted = deleteUnusedUserAgents(db);
    // No lastSuccessAt: it would pass for a module's pull in "last synced".
    writeState(db, KEY, { watermark: now, cursor: null, lastSuccessAt: null }, now);
    return deleted;
  });
}
