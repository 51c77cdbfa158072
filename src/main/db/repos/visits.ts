import type { Db } from '../openDatabase';
import { all } from '../sqlRun';

/** The web-visit family: `visits`, their `visit_pages`, `chats` and `chat_messages`. */

export function personVisitRows(
  db: Db,
  personId: string,
  limit: number,
): {
  id: string;
  started_at: number;
  ip: string | null;
  time_spent_s: number;
  referrer: string | null;
  search_engine: string | null;
  search_keyword: string | null;
}[] {
  return all(
    db,
    db.kysely
      .selectFrom('visits')
      .select([
        'id',
        'started_at',
        'ip',
        'time_spent_s',
        'referrer',
        'search_engine',
        'search_keyword',
      ])
      .where('person_id', '=', personId)
      .orderBy('started_at', 'desc')
      .limit(limit),
  );
}

export function visitPageRows(db: Db, visitId: string): { url: string; title: string | null }[] {
  return all(
    db,
    db.kysely
      .selectFrom('visit_pages')
      .select(['url', 'title'])
      .where('visit_id', '=', visitId)
      .orderBy('viewed_at')
      .orderBy('id'),
  );
}

export function personChatRows(
  db: Db,
  personId: string,
  limit: number,
): { id: string; started_at: number }[] {
  return all(
    db,
    db.kysely
      .selectFrom('chats')
      .select(['id', 'started_at'])
      .where('person_id', '=', personId)
      .orderBy('started_at', 'desc')
      .limit(limit),
  );
}

export function chatMessageRows(
  db: Db,
  chatId: string,
): { sender: 'visitor' | 'operator'; author: string; sentAt: number; text: string }[] {
  return all(
    db,
    db.kysely
      .selectFrom('chat_messages')
      .select(['sender', 'author', 'sent_at as sentAt', 'text'])
      .where('chat_id', '=', chatId)
      .orderBy('sent_at')
      .orderBy('id'),
  );
}
