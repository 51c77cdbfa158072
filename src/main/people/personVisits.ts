import type { PersonDetail } from '../../shared/contract';
import { maskIp } from '../../shared/maskIp';
import type { Db } from '../db/openDatabase';
import {
  chatMessageRows,
  personChatRows,
  personVisitRows,
  visitPageRows,
} from '../db/repos/visits';

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
