import { createHash } from 'node:crypto';
import type { Db } from '../db/openDatabase';
import { pagesBetweenRows, visitsBetweenRows } from '../db/repos/alertVisits';
import { inTimeOrder, type PageView } from './alertEngine';

/**
 * An unknown visitor's id: their IP address and user agent, hashed, so the output of a replay
 * tells visitors apart without repeating an IP (personal data). Not anonymous: an IPv4 address
 * can be found again by trying them all; it is not meant to leave the rep's machine.
 */
export function anonymousVisitorId(ip: string, userAgent: string | null): string {
  return `anon-${createHash('sha256')
    .update(`${ip}\n${userAgent ?? ''}`)
    .digest('hex')
    .slice(0, 16)}`;
}

/**
 * The page views of the visits stored that started in [from, to), in time order. A known person
 * is one visitor across their visits; an unknown one is their IP and user agent, else the visit.
 * A visit without pages is one page view at its start.
 */
export function storedPageViews(db: Db, from: number, to: number): PageView[] {
  const ids = new Map<string, string>();
  const byVisit = new Map<string, VisitInfo>();
  for (const row of visitsBetweenRows(db, from, to)) {
    let visitorId = row.person_id;
    if (!visitorId && row.ip) {
      const key = `${row.ip}\n${row.user_agent ?? ''}`;
      visitorId = ids.get(key) ?? anonymousVisitorId(row.ip, row.user_agent);
      ids.set(key, visitorId);
    }
    byVisit.set(row.id, {
      visitorId: visitorId ?? `visit:${row.id}`,
      personId: row.person_id,
      visitorName: row.visitor_name,
      userAgent: row.user_agent,
      visitId: row.id,
      start: row.started_at,
      paged: false,
    });
  }
  // Page views are built field by field (100,000s of them): a spread of the visit costs twice.
  // They share the visit's user agent string, so the bot check hashes it once a visit.
  const views: PageView[] = [];
  for (const page of pagesBetweenRows(db, from, to)) {
    const v = byVisit.get(page.visit_id);
    if (!v) continue;
    v.paged = true;
    views.push(pageView(v, page.viewed_at, page.url));
  }
  for (const v of byVisit.values()) if (!v.paged) views.push(pageView(v, v.start, ''));
  return inTimeOrder(views);
}

interface VisitInfo {
  visitorId: string;
  personId: string | null;
  visitorName: string | null;
  userAgent: string | null;
  visitId: string;
  start: number;
  paged: boolean;
}

function pageView(v: VisitInfo, at: number, url: string): PageView {
  return {
    at,
    visitorId: v.visitorId,
    url,
    personId: v.personId,
    visitorName: v.visitorName,
    userAgent: v.userAgent,
    visitId: v.visitId,
  };
}
