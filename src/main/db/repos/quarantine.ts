import { sql } from 'kysely';
import type { Db } from '../openDatabase';
import { all, first, run } from '../sqlRun';

/** The `quarantine` table: CRM records the sync could not store (the page upsert writes it). */

/** The setting that lists the people Retry let go of (sync/peopleLetGo.ts). */
export const PEOPLE_LET_GO_KEY = 'people_let_go';

/**
 * A record that waits for someone Zoho no longer shows this sign-in (let go of by Retry): the rep
 * can mend nothing, so it is neither listed nor counted, yet kept, as that person may be shared
 * again, and Zoho would not list the record again then (its Modified_Time unchanged). A damaged
 * list lets none go, and they show as waiting, as before. One found unreadable stays listed: the
 * rep can mend it in Zoho, and the sync's note counts it among those held back.
 */
const forSomeoneLetGo = sql<boolean>`(quarantine.waits_for is not null and quarantine.unreadable_at is null
  and quarantine.waits_for in
  (select value from json_each((select case when json_valid(value) then value else '[]' end
    from settings where key = ${PEOPLE_LET_GO_KEY}))))`;

/** The person a record's rows wait for: the one its activity row names (null if none). */
export function waitsFor(writes: readonly { table: string; row: object }[] | null): string | null {
  for (const w of writes ?? []) {
    const person = (w.row as { person_id?: unknown }).person_id;
    if (w.table === 'activities' && typeof person === 'string') return person;
  }
  return null;
}

/**
 * Records that were well formed and only wait for a parent, with their mapped rows; not those
 * whose rows a sync found it could not read back (markUnreadable).
 */
export function waitingRecords(db: Db): WaitingRecord[] {
  return withWrites(all(db, waitingQuery(db)));
}

type WaitingRecord = { module: string; record_id: string; writes: string };

/** Records held back with their mapped rows, readable: what waits for a parent. */
function waitingQuery(db: Db) {
  return db.kysely
    .selectFrom('quarantine')
    .select(['module', 'record_id', 'writes'])
    .where('writes', 'is not', null)
    .where('unreadable_at', 'is', null);
}

const withWrites = (rows: { module: string; record_id: string; writes: string | null }[]) =>
  rows.map((r) => ({ ...r, writes: r.writes ?? '' }));

/**
 * A waiting record whose rows cannot be read back: kept as it is (its rows, the CRM's copy), not
 * retried any more, `why` in its error; a newer copy from the CRM replaces it (localStore.ts).
 */
export function markUnreadable(
  db: Db,
  module: string,
  recordId: string,
  why: string,
  now: number,
): void {
  run(
    db,
    db.kysely
      .updateTable('quarantine')
      .set({ unreadable_at: now, error: why })
      .where('module', '=', module)
      .where('record_id', '=', recordId),
  );
}

export function releaseRecord(db: Db, module: string, recordId: string): void {
  run(
    db,
    db.kysely
      .deleteFrom('quarantine')
      .where('module', '=', module)
      .where('record_id', '=', recordId),
  );
}

export function quarantinedRecords(db: Db): {
  module: string;
  record_id: string;
  error: string;
  modified_at: number;
  waiting: number;
}[] {
  return all(
    db,
    db.kysely
      .selectFrom('quarantine')
      .select(['module', 'record_id', 'error', 'modified_at'])
      .select((eb) =>
        eb
          .and([eb('writes', 'is not', null), eb('unreadable_at', 'is', null)])
          .$castTo<number>()
          .as('waiting'),
      )
      .orderBy('module')
      .orderBy('record_id'),
  );
}

/** The records held back that the rep is shown (not those waiting for someone let go of). */
export function countQuarantined(db: Db): number {
  return (
    first(
      db,
      db.kysely
        .selectFrom('quarantine')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(sql<boolean>`not ${forSomeoneLetGo}`),
    )?.n ?? 0
  );
}

/**
 * The records held back, newest first, as Settings lists them (at most `limit`); not those
 * waiting for someone let go of.
 */
export function heldBackRows(
  db: Db,
  limit: number,
): {
  module: string;
  record_id: string;
  error: string;
  raw: string;
  first_seen_at: number;
  last_seen_at: number;
  waiting: number;
  unreadable_at: number | null;
}[] {
  return all(
    db,
    db.kysely
      .selectFrom('quarantine')
      .select([
        'module',
        'record_id',
        'error',
        'raw',
        'first_seen_at',
        'last_seen_at',
        'unreadable_at',
      ])
      .select((eb) =>
        eb
          .and([eb('writes', 'is not', null), eb('unreadable_at', 'is', null)])
          .$castTo<number>()
          .as('waiting'),
      )
      .where(sql<boolean>`not ${forSomeoneLetGo}`)
      .orderBy('first_seen_at', 'desc')
      .orderBy('module')
      .orderBy('record_id')
      .limit(limit),
  );
}

/** One held-back record with Zoho's copy of it, or undefined when it is held back no longer. */
export function heldBackRecord(
  db: Db,
  module: string,
  recordId: string,
):
  | { raw: string; writes: string | null; modified_at: number; unreadable_at: number | null }
  | undefined {
  return first(
    db,
    db.kysely
      .selectFrom('quarantine')
      .select(['raw', 'writes', 'modified_at', 'unreadable_at'])
      .where('module', '=', module)
      .where('record_id', '=', recordId),
  );
}

/** A retry found the record still unreadable: its newest reason. */
export function noteRetried(db: Db, module: string, recordId: string, error: string): void {
  run(
    db,
    db.kysely
      .updateTable('quarantine')
      .set({ error })
      .where('module', '=', module)
      .where('record_id', '=', recordId),
  );
}

/**
 * Records that wait for this person (a call before its lead): their activity rows name the person,
 * who is not stored (`waits_for`, indexed). Those whose rows could not be read back are not among
 * them.
 */
export function waitingFor(db: Db, personId: string): WaitingRecord[] {
  return withWrites(
    all(
      db,
      waitingQuery(db).where('waits_for', '=', personId).orderBy('module').orderBy('record_id'),
    ),
  );
}

/** The records waiting for `personId` leave with them (Zoho deleted the person): which. */
export function releaseWaitingFor(
  db: Db,
  personId: string,
): { module: string; record_id: string }[] {
  const waiting = waitingFor(db, personId);
  for (const w of waiting) releaseRecord(db, w.module, w.record_id);
  return waiting;
}

/**
 * The records waiting for a lead wait for the contact it became instead, as Zoho moved them there
 * on conversion (their Modified_Time unchanged, so no sync lists them again): the contact's
 * arrival, or its presence now, stores them. Returns how many.
 */
export function repointWaiting(db: Db, leadId: string, contactId: string): number {
  const waiting = waitingFor(db, leadId);
  for (const w of waiting) {
    const writes = (JSON.parse(w.writes) as { table: string; row: { person_id?: unknown } }[]).map(
      (x) =>
        x.table === 'activities' && x.row.person_id === leadId
          ? { ...x, row: { ...x.row, person_id: contactId } }
          : x,
    );
    run(
      db,
      db.kysely
        .updateTable('quarantine')
        .set({
          writes: JSON.stringify(writes),
          waits_for: contactId,
          error: `${w.module} record ${w.record_id}: its person ${contactId} is not synced (yet)`,
        })
        .where('module', '=', w.module)
        .where('record_id', '=', w.record_id),
    );
  }
  return waiting.length;
}

/** Whether the record is held back out of sight, waiting for someone let go of. */
export function heldForSomeoneLetGo(db: Db, module: string, recordId: string): boolean {
  return (
    first(
      db,
      db.kysely
        .selectFrom('quarantine')
        .select(sql<number>`1`.as('one'))
        .where('module', '=', module)
        .where('record_id', '=', recordId)
        .where(forSomeoneLetGo),
    ) !== undefined
  );
}
