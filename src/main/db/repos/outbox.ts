import { sql, type Selectable } from 'kysely';
import type { Db } from '../openDatabase';
import type { OutboxTable } from '../schema';
import { all, first, run } from '../sqlRun';

/**
 * The `outbox` table: local writes waiting to reach the CRM: logged calls (kind 'call'), tasks
 * done or moved here (kind 'task', taskChanges.ts) and leads created from a visit (kind 'lead',
 * visits/leadFromVisit.ts).
 */

/**
 * Per database connection, how many entries were settled on it (sent, or let go of by the rep):
 * a sync's copy of the kept task changes (sync/taskChangesKept.ts) is read again when it moves,
 * as when the outbox grows, so a change discarded while the sync runs is not kept for the rest of
 * it. Another process's writes are told by SQLite (`data_version`).
 */
const settledOn = new WeakMap<Db, number>();

export function outboxSettledCount(db: Db): number {
  return settledOn.get(db) ?? 0;
}

function noteSettled(db: Db): void {
  settledOn.set(db, outboxSettledCount(db) + 1);
}

/** The newest entries first, as the Outbox page lists them. */
export function recentOutbox(db: Db, limit: number): Selectable<OutboxTable>[] {
  return all(db, db.kysely.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit));
}

/** What the outbox holds: logged or booked calls, task changes, leads created here. */
export type OutboxKind = 'call' | 'task' | 'lead';

/** Entries of `kind` a sync still sends: not pushed yet, neither refused by the CRM nor discarded. */
function waitingOf(db: Db, kind: OutboxKind) {
  return db.kysely
    .selectFrom('outbox')
    .where('pushed_at', 'is', null)
    .where('kind', '=', kind)
    .where('refused_at', 'is', null)
    .where('discarded_at', 'is', null);
}

/** Entries of `kind` a sync sends, oldest first. */
export function unsentEntries(
  db: Db,
  kind: OutboxKind,
): Pick<Selectable<OutboxTable>, 'id' | 'idempotency_key' | 'payload' | 'create_sent_at'>[] {
  return all(
    db,
    waitingOf(db, kind)
      .select(['id', 'idempotency_key', 'payload', 'create_sent_at'])
      .orderBy('id'),
  );
}

/** Why the oldest call a sync still sends was not pushed by its last attempt, if one said. */
export function unsentCallsWhy(db: Db): string | null {
  return (
    first(
      db,
      waitingOf(db, 'call')
        .select('last_error')
        .where('last_error', 'is not', null)
        .orderBy('id')
        .limit(1),
    )?.last_error ?? null
  );
}

/**
 * Entries of a kind ('call', 'task', 'lead') that have not reached the CRM, refused ones
 * included; not those the rep discarded: what leaving this organisation's copy would lose.
 */
export function countUnsent(db: Db, kind: OutboxKind): number {
  return (
    first(
      db,
      db.kysely
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('pushed_at', 'is', null)
        .where('kind', '=', kind)
        .where('discarded_at', 'is', null),
    )?.n ?? 0
  );
}

/** A call the CRM refused, with the person it was logged with (names null: not here any more). */
export interface RefusedCallRow {
  id: number;
  /** When the call was made (its payload's), UTC ms; null for a payload that cannot be read. */
  started_at: number | null;
  refused_at: number;
  last_error: string | null;
  first_name: string | null;
  last_name: string | null;
  /** 1 for a call booked to come (planner/bookCall.ts), else null. */
  booked: number | null;
}

/** A field of an entry's payload; null for a payload damaged in the file (it names no one). */
const payloadField = (path: string) =>
  sql`case when json_valid(outbox.payload) then json_extract(outbox.payload, ${path}) end`;

/**
 * Entries of `kind` the CRM refused that the rep has neither retried nor discarded, oldest first,
 * with the person their payload names (names null: not here any more).
 */
function refusedOf(db: Db, kind: OutboxKind) {
  return db.kysely
    .selectFrom('outbox')
    .leftJoin('people', (join) => join.on(sql<boolean>`people.id = ${payloadField('$.personId')}`))
    .select(['outbox.id', 'outbox.last_error', 'people.first_name', 'people.last_name'])
    .select(sql<number>`outbox.refused_at`.as('refused_at'))
    .where('outbox.pushed_at', 'is', null)
    .where('outbox.kind', '=', kind)
    .where('outbox.refused_at', 'is not', null)
    .where('outbox.discarded_at', 'is', null)
    .orderBy('outbox.id');
}

/** Calls the CRM refused outright and the rep has neither retried nor discarded, oldest first. */
export function refusedCallEntries(db: Db): RefusedCallRow[] {
  return all(
    db,
    refusedOf(db, 'call')
      .select(sql<number | null>`${payloadField('$.startedAt')}`.as('started_at'))
      .select(sql<number | null>`${payloadField('$.booked')}`.as('booked')),
  );
}

/**
 * The CRM refused the call outright: nothing was created, and it is not sent again by itself.
 * `mayHaveLanded`: an earlier create may have made the record all the same (a lead whose answer
 * was lost, the search refused): its time stays, for the records run to know that record by.
 */
export function markOutboxRefused(
  db: Db,
  id: number,
  at: number,
  reason: string,
  mayHaveLanded = false,
): void {
  run(
    db,
    db.kysely
      .updateTable('outbox')
      .set({
        refused_at: at,
        last_error: reason,
        ...(mayHaveLanded ? {} : { create_sent_at: null }),
      })
      .where('id', '=', id),
  );
}

/**
 * Task changes the rep has not let go of (discarded), oldest first, with whether each reached the
 * CRM: what a sync must not undo (sync/taskChangesKept.ts).
 */
export function keptTaskEntries(db: Db): { payload: string; pushed_at: number | null }[] {
  return all(
    db,
    db.kysely
      .selectFrom('outbox')
      .select(['payload', 'pushed_at'])
      .where('kind', '=', 'task')
      .where('discarded_at', 'is', null)
      .orderBy('id'),
  );
}

/** A task change the CRM refused, with its person (names null: not here any more). */
export interface RefusedTaskRow {
  id: number;
  payload: string;
  refused_at: number;
  last_error: string | null;
  first_name: string | null;
  last_name: string | null;
}

/** Task changes the CRM refused that the rep has neither retried nor discarded, oldest first. */
export function refusedTaskEntries(db: Db): RefusedTaskRow[] {
  return all(db, refusedOf(db, 'task').select('outbox.payload'));
}

/** A lead created here that the CRM refused, with its name as it stands here. */
export interface RefusedLeadRow {
  id: number;
  refused_at: number;
  last_error: string | null;
  first_name: string | null;
  last_name: string | null;
}

/** Leads the CRM refused that the rep has neither retried nor discarded, oldest first. */
export function refusedLeadEntries(db: Db): RefusedLeadRow[] {
  return all(db, refusedOf(db, 'lead'));
}

/**
 * Whether the lead created here as `personId` will not reach the CRM by itself: the CRM refused
 * it, or the rep discarded it (kept here only), and it was never pushed.
 */
export function leadHeldBack(db: Db, personId: string): boolean {
  return (
    first(
      db,
      db.kysely
        .selectFrom('outbox')
        .select('id')
        .where('kind', '=', 'lead')
        .where('pushed_at', 'is', null)
        .where((eb) =>
          eb.or([eb('refused_at', 'is not', null), eb('discarded_at', 'is not', null)]),
        )
        .where(
          sql<boolean>`json_valid(payload) and json_extract(payload, '$.personId') = ${personId}`,
        ),
    ) !== undefined
  );
}

/**
 * The rep asks for a refused call to be sent again (once what the CRM refused is mended): the
 * next sync sends it once more; a refused task change the same. False when it is not a refused
 * entry waiting (sent, discarded).
 */
export function retryRefusedCall(db: Db, id: number): boolean {
  if (!setOnRefusedCall(db, id, { refused_at: null })) return false;
  // A lead set aside with its create time (the search refused) is retried once the rep found it
  // absent from Zoho: it is created without asking again.
  run(
    db,
    db.kysely
      .updateTable('outbox')
      .set({ create_sent_at: null })
      .where('id', '=', id)
      .where('kind', '=', 'lead'),
  );
  return true;
}

/**
 * The rep chose not to send a refused call: it stays here as history (its entry and activity),
 * and no longer counts as waiting for the CRM. False when it is not a refused call waiting.
 */
export function discardRefusedCall(db: Db, id: number, at: number): boolean {
  const discarded = setOnRefusedCall(db, id, { discarded_at: at });
  if (discarded) {
    noteSettled(db);
    cancelBookingOf(db, id);
  }
  return discarded;
}

/**
 * A booked call let go of never reaches the CRM: it is no longer booked, so the planner and the
 * Team page stop counting it (it stays in the person's history as cancelled).
 */
function cancelBookingOf(db: Db, id: number): void {
  const field = (path: string) =>
    sql`(select case when json_valid(payload) then json_extract(payload, ${path}) end from outbox where id = ${id})`;
  run(
    db,
    db.kysely
      .updateTable('activities')
      .set({ status: 'cancelled' })
      .where(sql<boolean>`${field('$.booked')} = 1`)
      .where(sql<boolean>`id = ${field('$.activityId')}`)
      .where('status', '=', 'scheduled'),
  );
}

/** Sets `values` on entry `id` if it is a refused call still waiting; whether it was one. */
function setOnRefusedCall(
  db: Db,
  id: number,
  values: { refused_at: null } | { discarded_at: number },
): boolean {
  return (
    run(
      db,
      db.kysely
        .updateTable('outbox')
        .set(values)
        .where('id', '=', id)
        .where('kind', 'in', ['call', 'task', 'lead'])
        .where('pushed_at', 'is', null)
        .where('discarded_at', 'is', null)
        .where('refused_at', 'is not', null),
    ).changes > 0
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

/** `note`: what the rep should know about how it was pushed (kept where its error was). */
export function markOutboxPushed(db: Db, id: number, at: number, note: string | null = null): void {
  run(
    db,
    db.kysely.updateTable('outbox').set({ pushed_at: at, last_error: note }).where('id', '=', id),
  );
  noteSettled(db);
}

/**
 * Work logged here for a record Zoho holds no more (a person's calls and task changes, a task's
 * changes) that has not reached it: Zoho would refuse each, so each is set aside as refused,
 * `reason` saying why, listed with Retry and Discard and still counted as unsent. Returns how
 * many of each kind.
 */
export function refuseUnsentFor(
  db: Db,
  match: { personId: string } | { activityId: string },
  at: number,
  reason: string,
): { calls: number; tasks: number } {
  const [path, value] =
    'personId' in match ? ['$.personId', match.personId] : ['$.activityId', match.activityId];
  const refused = all(
    db,
    db.kysely
      .updateTable('outbox')
      // create_sent_at stays: a create whose answer was lost may have made the call, and a Retry
      // must ask for it before making another.
      .set({ refused_at: at, last_error: reason })
      .where('pushed_at', 'is', null)
      .where('refused_at', 'is', null)
      .where('discarded_at', 'is', null)
      .where('kind', 'in', ['call', 'task'])
      .where(sql<boolean>`json_valid(payload) and json_extract(payload, ${path}) = ${value}`)
      .returning('kind'),
  );
  return {
    calls: refused.filter((r) => r.kind === 'call').length,
    tasks: refused.filter((r) => r.kind === 'task').length,
  };
}
