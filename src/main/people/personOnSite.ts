import type { Db } from '../db/openDatabase';
import { personVisitTimes } from '../db/repos/visitorVisits';
import { LONGEST_VISIT_MS, leavesWebsiteAt, onWebsiteAt } from '../../shared/onTheWebsite';
import { ownEmailKey } from './emailMatch';

/**
 * Until when a person is on the website at `now` by the Visits page's rule (onTheWebsite.ts): the
 * first instant none of their visits counts there, or null when none does. Their visits are those
 * their page lists: linked to them, and linked to nobody under the e-mail that is theirs for
 * `repId` (emailMatch.ts). One instant says it for as long as the page stays open: a visit that
 * later gains a page arrives with a sync, which makes the page ask again.
 */
export function personOnSiteUntil(
  db: Db,
  person: { id: string; email: string | null },
  repId: string | null,
  now: number,
): number | null {
  const key = ownEmailKey(db, person, repId);
  let until: number | null = null;
  for (const v of personVisitTimes(db, person.id, key, now - LONGEST_VISIT_MS, now)) {
    const times = { startedAt: v.started_at, endedAt: v.ended_at, lastPageAt: v.last_page_at };
    if (!onWebsiteAt(times, now)) continue;
    const leaves = leavesWebsiteAt(times);
    if (until === null || leaves > until) until = leaves;
  }
  return until;
}
