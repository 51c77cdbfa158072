import { createHash } from 'node:crypto';
import type { Db } from '../db/openDatabase';
import { visitsWithPagesRows } from '../db/repos/alertVisits';
import { inTimeOrder, type PageView, type PageViewSource, type Visitor } from './alertEngine';

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
 * The page views of the visits stored that started in [from, to) and were read by `until`, in time
 * order, with the people they name. A known person is one visitor across their visits; an unknown
 * one is their IP and user agent, else the visit. A visit without pages is one view at its start.
 */
export function storedPageViews(
  db: Db,
  from: number,
  to: number,
  until = Number.POSITIVE_INFINITY,
): PageViewSource {
  const ids = new Map<string, string>();
  const personIds = new Set<string>();
  const views: PageView[] = [];
  for (const row of visitsWithPagesRows(db, from, to)) {
    let visitorId = row.person_id;
    if (row.person_id) personIds.add(row.person_id);
    else if (row.ip) {
      const key = `${row.ip}\n${row.user_agent ?? ''}`;
      visitorId = ids.get(key) ?? anonymousVisitorId(row.ip, row.user_agent);
      ids.set(key, visitorId);
    }
    // One visitor object shared by the visit's page views (the bot check hashes its user agent
    // once), and page views of three fields: there are 100,000s of them.
    const visitor: Visitor = {
      visitorId: visitorId ?? `visit:${row.id}`,
      personId: row.person_id,
      visitorName: row.visitor_name,
      userAgent: row.user_agent,
      visitId: row.id,
    };
    if (row.viewed === null) {
      if (row.started_at <= until) views.push({ at: row.started_at, url: '', visitor });
      continue;
    }
    const times = row.viewed.split(',');
    const urls = JSON.parse(row.urls) as string[];
    for (let i = 0; i < times.length; i++) {
      const at = Number(times[i]);
      if (at <= until) views.push({ at, url: urls[i] ?? '', visitor });
    }
  }
  return { personIds, views: inTimeOrder(views) };
}
