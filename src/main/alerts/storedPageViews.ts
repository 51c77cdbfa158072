import { createHash } from 'node:crypto';
import type { Db } from '../db/openDatabase';
import { storedPageViewRows } from '../db/repos/alertVisits';
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
 */
export function storedPageViews(db: Db, from: number, to: number): PageView[] {
  const ids = new Map<string, string>();
  const views: PageView[] = [];
  for (const row of storedPageViewRows(db, from, to)) {
    let visitorId = row.person_id;
    if (!visitorId && row.ip) {
      const key = `${row.ip}\n${row.user_agent ?? ''}`;
      visitorId = ids.get(key) ?? anonymousVisitorId(row.ip, row.user_agent);
      ids.set(key, visitorId);
    }
    views.push({
      at: row.viewed_at ?? row.started_at,
      visitorId: visitorId ?? `visit:${row.visit_id}`,
      url: row.url ?? '',
      personId: row.person_id,
      visitorName: row.visitor_name,
      userAgent: row.user_agent,
      visitId: row.visit_id,
    });
  }
  return inTimeOrder(views);
}
