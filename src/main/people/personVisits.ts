import type { PersonDetail } from '../../shared/contract';
import type { Db } from '../db/openDatabase';

/** Keeps the network, drops the host: enough to tell visits apart, not to identify anyone. */
export function maskIp(ip: string | null): string | null {
  if (!ip) return null;
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}:…`;
  const parts = ip.split('.');
  return parts.length === 4 ? `${parts[0]}.${parts[1]}.${parts[2]}.xxx` : '…';
}

export function personVisits(db: Db, personId: string): PersonDetail['visits'] {
  const visits = db.raw
    .prepare(
      `select id, started_at, ip, time_spent_s, referrer, search_engine, search_keyword
       from visits where person_id = ? order by started_at desc limit 200`,
    )
    .all(personId) as {
    id: string;
    started_at: number;
    ip: string | null;
    time_spent_s: number;
    referrer: string | null;
    search_engine: string | null;
    search_keyword: string | null;
  }[];
  const pages = db.raw.prepare(
    'select url, title from visit_pages where visit_id = ? order by viewed_at, id',
  );
  return visits.map((v) => ({
    id: v.id,
    startedAt: v.started_at,
    ipMasked: maskIp(v.ip),
    timeSpentS: v.time_spent_s,
    referrer: v.referrer,
    searchEngine: v.search_engine,
    searchKeyword: v.search_keyword,
    pages: pages.all(v.id) as { url: string; title: string | null }[],
  }));
}

export function personChats(db: Db, personId: string): PersonDetail['chats'] {
  const chats = db.raw
    .prepare(
      'select id, started_at from chats where person_id = ? order by started_at desc limit 100',
    )
    .all(personId) as { id: string; started_at: number }[];
  const messages = db.raw.prepare(
    'select sender, author, sent_at as sentAt, text from chat_messages where chat_id = ? order by sent_at, id',
  );
  return chats.map((c) => ({
    id: c.id,
    startedAt: c.started_at,
    messages: messages.all(c.id) as PersonDetail['chats'][number]['messages'],
  }));
}
