import type { Selectable } from 'kysely';
import type { Db } from '../openDatabase';
import type { OutboxTable } from '../schema';
import { all, first, run } from '../sqlRun';

/** The `outbox` table: local writes (logged calls) waiting to reach the CRM. */

/** The newest entries first, as the Outbox page lists them. */
export function recentOutbox(db: Db, limit: number): Selectable<OutboxTable>[] {
  return all(db, db.kysely.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit));
}

/** Calls not pushed yet, oldest first. */
export function unsentCallEntries(
  db: Db,
): Pick<Selectable<OutboxTable>, 'id' | 'idempotency_key' | 'payload' | 'create_sent_at'>[] {
  return all(
    db,
    db.kysely
      .selectFrom('outbox')
      .select(['id', 'idempotency_key', 'payload', 'create_sent_at'])
      .where('pushed_at', 'is', null)
      .where('kind', '=', 'call')
      .orderBy('id'),
  );
}

/** Why the oldest call still waiting was not pushed by its last attempt, if one said. */
export function unsentCallsWhy(db: Db): string | null {
  return (
    first(
      db,
      db.kysely
        .selectFrom('outbox')
        .select('last_error')
        .where('pushed_at', 'is', null)
        .where('kind', '=', 'call')
        .where('last_error', 'is not', null)
        .orderBy('id')
        .limit(1),
    )?.last_error ?? null
  );
}

export function countUnsentCalls(db: Db): number {
  return (
    first(
      db,
      db.kysely
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('pushed_at', 'is', null)
        .where('kind', '=', 'call'),
    )?.n ?? 0
  );
}

/** Queues an entry; returns its id. */
export function addOutboxEntry(
  db: Db,
  entry: { idempotencyKey: string; kind: string; payload: string; createdAt: number },
): number {
  const row = first(
    db,
    db.kysely
      .insertInto('outbox')
      .values({
        idempotency_key: entry.idempotencyKey,
        kind: entry.kind,
        payload: entry.payload,
        created_at: entry.createdAt,
      })
      .returning('id'),
  );
  if (!row) throw new Error('The outbox did not return the id of the entry it stored.');
  return row.id;
}

export function countOutboxAttempt(db: Db, id: number): void {
  run(
    db,
    db.kysely
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id),
  );
}

export function setOutboxError(db: Db, id: number, error: string): void {
  run(db, db.kysely.updateTable('outbox').set({ last_error: error }).where('id', '=', id));
}

/** Written before the create goes out: whatever becomes of its answer, the record may exist. */
export function markCreateSent(db: Db, id: number, at: number): void {
  run(db, db.kysely.updateTable('outbox').set({ create_sent_at: at }).where('id', '=', id));
}

/** The CRM answered the create with a refusal: no record of it can exist. */
export function clearCreateSent(db: Db, id: number): void {
  run(db, db.kysely.updateTable('outbox').set({ create_sent_at: null }).where('id', '=', id));
}

/** `note`: what the rep should know about how it was pushed (kept where its error was). */
export function markOutboxPushed(db: Db, id: number, at: number, note: string | null = null): void {
  run(
    db,
    db.kysely.updateTable('outbox').set({ pushed_at: at, last_error: note }).where('id', '=', id),
  );
}
