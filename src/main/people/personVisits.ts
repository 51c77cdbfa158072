import type { PersonDetail } from '../../shared/contract';
import type { Db } from '../db/openDatabase';
import {
  chatMessageRows,
  personChatRows,
  personVisitRows,
  visitPageRows,
} from '../db/repos/visits';

/** Keeps the network, drops the host: enough to tell visits apart, not to identify anyone. */
function maskIp(ip: string | null): string | null {
  if (!ip) return null;
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}:…`;
  const parts = ip.split('.');
  return parts.length === 4 ? `${parts[0]}.${parts[1]}.${parts[2]}.xxx` : '…';
}

export function personVisits(db: Db, personId: string): PersonDetail['visits'] {
  return personVisitRows(db, personId, 200).map((v) => ({
    id: v.id,
    startedAt: v.started_at,
    ipMasked: maskIp(v.ip),
    timeSpentS: v.time_spent_s,
    referrer: v.referrer,
    searchEngine: v.search_engine,
    searchKeyword: v.search_keyword,
    pages: visitPageRows(db, v.id),
  }));
}

export function personChats(db: Db, personId: string): PersonDetail['chats'] {
  return personChatRows(db, personId, 100).map((c) => ({
    id: c.id,
    startedAt: c.started_at,
    messages: chatMessageRows(db, c.id),
  }));
}
