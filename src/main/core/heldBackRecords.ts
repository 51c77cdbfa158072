import type { HeldBackRecord } from '../../shared/contract';
import { isSyncModule, type CrmSource, type PulledRecord } from '../crm/crmSource';
import { pullRecord } from '../crm/zoho/zohoModules';
import type { Db } from '../db/openDatabase';
import { organisation } from '../db/repos/organisation';
import { personOwner } from '../db/repos/people';
import {
  heldBackRecord,
  heldBackRows,
  heldForSomeoneLetGo,
  noteRetried,
  releaseRecord,
} from '../db/repos/quarantine';
import { transaction } from '../db/sqlRun';
import { LocalStore } from '../sync/localStore';
import { letGo, whereGone } from '../sync/recordsGone';
import { retryQuarantine } from '../sync/quarantineRetry';
import { shownName } from '../../shared/personName';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const textOf = (v: unknown): string | null => {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  // A lookup field ({ name, id }), as Zoho gives Account_Name on a contact.
  if (isObject(v) && typeof v['name'] === 'string' && v['name'].trim() !== '')
    return v['name'].trim();
  return null;
};

/**
 * The name a rep knows the record by, from Zoho's copy: a person's name, an account's or a
 * deal's, an activity's subject; null when the copy has none (that may be what is wrong with it).
 */
function heldBackName(module: string, rawText: string): string | null {
  let raw: unknown;
  try {
    raw = JSON.parse(rawText);
  } catch {
    return null;
  }
  if (!isObject(raw)) return null;
  if (module === 'Accounts') return textOf(raw['Account_Name']);
  const first = textOf(raw['First_Name']);
  const last = textOf(raw['Last_Name']);
  // Put together as the app shows names (family name first in Japanese script).
  const person =
    textOf(raw['Full_Name']) ?? (first || last ? shownName(first, last ?? '').trim() : null);
  return (
    person ??
    textOf(raw['Deal_Name']) ??
    textOf(raw['Subject']) ??
    textOf(raw['Event_Title']) ??
    textOf(raw['Name'])
  );
}

/** The stored error without the "Leads record 123: " it begins with (the list names both). */
function reasonOf(module: string, recordId: string, error: string): string {
  const prefix = `${module} record ${recordId}: `;
  return error.startsWith(prefix) ? error.slice(prefix.length) : error;
}

/** Settings' list: the newest held back first, at most `limit`. */
export function listHeldBack(db: Db, limit: number): HeldBackRecord[] {
  let rows: ReturnType<typeof heldBackRows>;
  try {
    rows = heldBackRows(db, limit);
  } catch {
    return []; // No quarantine table before the first sync.
  }
  return rows.map((r) => ({
    module: r.module,
    recordId: r.record_id,
    name: heldBackName(r.module, r.raw),
    reason: reasonOf(r.module, r.record_id, r.error),
    since: r.first_seen_at,
    waiting: r.waiting === 1,
  }));
}

export const NOT_HELD_BACK =
  'This record is not held back any more (stored, or read again by a sync): Settings › CRM account lists those that are.';

/**
 * Reads a held-back record again from Zoho's copy kept with it, as a sync would read it now: a
 * record this version reads is stored (or waits for its lead or contact, its rows kept anew, which
 * also mends rows damaged on this computer); one it still cannot read keeps its place, with the
 * newest reason. A copy mended in Zoho comes with a sync (the caller starts one). An email's copy is
 * the CRM's listing of a person's emails, read with that person: its rows are tried as kept.
 * Returns whether it was stored.
 */
export function retryHeldBack(db: Db, module: string, recordId: string, now: number): boolean {
  const held = heldBackRecord(db, module, recordId);
  if (!held) throw new Error(NOT_HELD_BACK);
  let record: PulledRecord;
  if (isSyncModule(module)) {
    let raw: unknown;
    try {
      raw = JSON.parse(held.raw);
    } catch {
      raw = null;
    }
    // The deal stages' outcomes are the organisation's metadata, read by a sync: without them a
    // deal's status is the stage's usual one until the next sync restates it.
    record = pullRecord(module, raw, now, {
      timeZone: organisation(db)?.time_zone ?? 'UTC',
    });
    if (record.id !== recordId) record = { ...record, id: recordId };
  } else {
    let writes: PulledRecord['writes'] = [];
    try {
      writes = held.writes ? (JSON.parse(held.writes) as PulledRecord['writes']) : [];
    } catch {
      writes = [];
    }
    record = {
      id: recordId,
      modifiedAt: held.modified_at,
      writes,
      raw: JSON.parse(held.raw) as unknown,
      ...(writes.length === 0 ? { error: 'its copy on this computer could not be read' } : {}),
    };
  }
  return storeHeldBack(db, module, recordId, record, now);
}

/** Stores a held-back record's copy as a sync would, or notes why it still cannot be read. */
function storeHeldBack(
  db: Db,
  module: string,
  recordId: string,
  record: PulledRecord,
  now: number,
): boolean {
  return transaction(db, () => {
    if (record.error) {
      noteRetried(db, module, recordId, `${module} record ${recordId}: ${record.error}`);
      return false;
    }
    const store = new LocalStore(db, now);
    const stored = store.store(module as Parameters<LocalStore['store']>[0], record, now);
    // An older copy than one stored since counts as stored: it is held back no longer.
    if (stored) releaseRecord(db, module, recordId);
    // A lead held back held back its calls too (they wait for it): they come with it, as at the
    // end of a sync, so its best times have its calls to learn from. One whose rows cannot be
    // read back is marked so in the list, as a sync marks it.
    if (stored) retryQuarantine(db, store, now);
    return stored;
  });
}

/**
 * A record Retry read that waits now for a lead or contact Zoho no longer shows (let go of): it
 * leaves the list, and the rep is told why, not that it was stored. Null for any other.
 */
export function waitsUnlisted(db: Db, module: string, recordId: string): string | null {
  const held = heldBackRecord(db, module, recordId);
  if (!held || !heldForSomeoneLetGo(db, module, recordId)) return null;
  const name = heldBackName(module, held.raw);
  const what = `${name ? `“${name}”` : 'the record'} (${module} ${recordId})`;
  return `Zoho no longer shows you the lead or contact of ${what}, so it is held back no longer: it is kept on this computer, out of this list, and stored should Zoho show them to you again.`;
}

/** A fault of this computer's met while Zoho was being asked (not Zoho's, so not said as such). */
class LocalFault extends Error {
  constructor(override readonly cause: unknown) {
    super('local fault');
  }
}

/** How long Retry waits for Zoho's answer before saying so (the rep is looking at the button). */
const HELD_BACK_FETCH_MS = 20_000;

/** What Settings' Retry did with Zoho's copy: stored, or held back no longer because Zoho has none. */
export interface HeldBackRetried {
  stored: boolean;
  /** Something stored here changed (the record stored, or its copy let go of): relearn. */
  changed: boolean;
  /** Zoho holds the record no more (204): it left the list, and this says what went; else null. */
  gone: string | null;
}

/**
 * Settings' Retry with a CRM signed in: the record is read from Zoho now (`GET /{module}/{id}`),
 * not at the next sync, so a copy mended there comes in at once. Stored, it is held back no
 * longer; one waiting for its lead or contact waits on. Zoho holding none with that id (204):
 * there is nothing left to mend, so it leaves the list, with a note that says so (`gone`), and
 * what stored here belongs to it goes or moves now (sync/recordsGone.ts): no sync would take a copy
 * of a record that is only no longer shared with the sign-in. Zoho still sending it as this app
 * cannot read it, or no answer by the deadline: a message that says so, the record kept as it was
 * (with Zoho's newest reason). A module read with its person (Emails) is tried from the copy kept
 * here, as before.
 */
export async function retryHeldBackFromCrm(
  db: Db,
  source: Pick<CrmSource, 'pullOne' | 'convertedContactOf' | 'findContactById'>,
  module: string,
  recordId: string,
  clock: () => number,
  deadlineMs = HELD_BACK_FETCH_MS,
): Promise<HeldBackRetried> {
  const held = heldBackRecord(db, module, recordId);
  if (!held) throw new Error(NOT_HELD_BACK);
  if (!isSyncModule(module) || !source.pullOne) {
    const stored = retryHeldBack(db, module, recordId, clock());
    return { stored, changed: stored, gone: stored ? null : waitsUnlisted(db, module, recordId) };
  }
  const pullOne = source.pullOne.bind(source);
  const name = heldBackName(module, held.raw);
  const what = `${name ? `“${name}”` : 'the record'} (${module} ${recordId})`;
  const signal = AbortSignal.timeout(deadlineMs);
  /** Zoho's answer, or why it could not be had, in words; nothing here changes before it. */
  const asked = async <T>(ask: () => Promise<T>): Promise<T> => {
    try {
      return await ask();
    } catch (error) {
      if (error instanceof LocalFault) throw error.cause;
      const why =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
          ? `no answer within ${deadlineMs / 1000} seconds`
          : (error as Error).message;
      throw new Error(
        `Zoho could not be asked for ${what} now (${why}). It stays held back; the next sync reads it again, or Retry once Zoho answers.`,
      );
    }
  };
  let record = await asked(() => pullOne(module, recordId, signal));
  if (!record) {
    // A fault reading whether the contact is here is this computer's, not Zoho's: it passes
    // through `asked` as it was thrown.
    const isHere = (contactId: string): boolean => {
      try {
        return personOwner(db, contactId) !== undefined;
      } catch (error) {
        throw new LocalFault(error);
      }
    };
    const gone = await asked(() => whereGone(source, module, recordId, isHere, signal));
    const done = letGo(db, gone, module, recordId, what, clock());
    return { stored: false, changed: done.changed, gone: done.note };
  }
  if (record.id !== recordId) record = { ...record, id: recordId };
  const now = clock();
  const stored = storeHeldBack(db, module, recordId, record, now);
  if (!stored && record.error)
    throw new Error(
      `Zoho still sends ${what} as this app cannot read it: ${reasonOf(module, recordId, record.error)}. Mend it in Zoho (an administrator may have to), then Retry.`,
    );
  return { stored, changed: stored, gone: stored ? null : waitsUnlisted(db, module, recordId) };
}
