import type { Db } from '../db/openDatabase';
import type { AlertRow } from '../db/repos/alerts';
import { personEmail } from '../db/repos/people';
import {
  anonymousVisitTimes,
  personVisitTimes,
  visitsById,
  type VisitTimesRow,
} from '../db/repos/visitorVisits';
import { ownEmailKey, peopleByEmail } from '../people/emailMatch';
import { emailKey } from '../../shared/emailKey';
import { lastSeenOf, onWebsiteAt, type VisitTimes } from '../../shared/onTheWebsite';
import { SESSION_GAP_MS } from './alertEngine';
import type { VisitSpan } from './alertText';
import { anonymousVisitorId } from './storedPageViews';

const timesOf = (v: VisitTimesRow): VisitTimes => ({
  startedAt: v.started_at,
  endedAt: v.ended_at,
  lastPageAt: v.last_page_at,
});

/**
 * The visits of a held alert's visitor (as the engine names them: storedPageViews) that began
 * since its session did and by `now`, each looked up through an index: a person's by person and
 * by the e-mail that is theirs, an unknown visitor's by their IP and user agent. However long it
 * was held, and whatever the organisation's traffic since.
 */
function visitorVisits(
  db: Db,
  repId: string,
  row: AlertRow,
  own: (VisitTimesRow & { ip: string | null; user_agent: string | null }) | undefined,
  now: number,
): VisitTimesRow[] {
  const from = row.visit_started_at;
  if (row.person_id !== null && row.person_id === row.visitor_id) {
    const email = personEmail(db, row.person_id) ?? null;
    const key = ownEmailKey(db, { id: row.person_id, email }, repId);
    return personVisitTimes(db, row.person_id, key, from, now);
  }
  if (!own?.ip) return [];
  const ip = own.ip;
  // An unknown visitor is one IP and user agent, but not in a visit whose e-mail names someone.
  const candidates = anonymousVisitTimes(db, ip, own.user_agent, from, now).filter(
    (v) => anonymousVisitorId(ip, v.user_agent) === row.visitor_id,
  );
  const emails = candidates.flatMap((v) => (v.visitor_email ? [v.visitor_email] : []));
  const named = emails.length ? peopleByEmail(db, emails, repId) : new Map<string, string>();
  return candidates.filter((v) => !v.visitor_email || !named.has(emailKey(v.visitor_email)));
}

/**
 * Per held alert (by id), its visit as it stands at `now`: from the session's start to when the
 * visitor was last seen, or to null while they are still there by the Visits page's rule
 * (`onWebsiteAt`): an alert delivered late says "is on the website since" exactly when the Visits
 * page shows them there, "was on the website" when it no longer does. The alert's own visit and
 * the visitor's visits since the session began count, as in onSiteAt; only theirs are read.
 */
export function visitSpans(
  db: Db,
  repId: string,
  rows: readonly AlertRow[],
  now: number,
): Map<number, VisitSpan> {
  const out = new Map<number, VisitSpan>();
  if (rows.length === 0) return out;
  const own = new Map(
    visitsById(
      db,
      rows.flatMap((r) => (r.visit_id !== null ? [r.visit_id] : [])),
    ).map((v) => [v.id, v]),
  );
  for (const r of rows) {
    const mine = r.visit_id !== null ? own.get(r.visit_id) : undefined;
    const byId = new Map<string, VisitTimesRow>(mine ? [[mine.id, mine]] : []);
    for (const v of visitorVisits(db, repId, r, mine, now)) byId.set(v.id, v);
    const sessions = inSessions([...byId.values()].map(timesOf));
    const first = sessions[0];
    if (!first) continue;
    // The Visits page's rule: Zoho's end is the start plus the time spent so far, reported while
    // the visitor still reads, so an end alone is no leaving (review50b 1). Back after a break,
    // they are on the website since they came back, not since the alert's session began; gone,
    // the alert tells of its own session, not of a later one (review51 2).
    const hereNow = sessions.findLast((s) => s.some((v) => onWebsiteAt(v, now)));
    const told = hereNow ?? first;
    const seen = Math.max(...told.map(lastSeenOf));
    const start = told === first ? r.visit_started_at : Math.min(...told.map((v) => v.startedAt));
    // There now, it says when they were last seen, as the Visits page does ("· last seen").
    out.set(r.id, hereNow ? { start, end: null, lastSeen: seen } : { start, end: seen });
  }
  return out;
}

/** Visits in order, split where the visitor was away as long as the alert engine's sessions are. */
function inSessions(visits: VisitTimes[]): VisitTimes[][] {
  const sessions: VisitTimes[][] = [];
  let seen = -Infinity;
  for (const v of [...visits].sort((a, b) => a.startedAt - b.startedAt)) {
    const current = sessions.at(-1);
    if (current && v.startedAt - seen < SESSION_GAP_MS) {
      current.push(v);
      seen = Math.max(seen, lastSeenOf(v));
    } else {
      sessions.push([v]);
      seen = lastSeenOf(v);
    }
  }
  return sessions;
}
