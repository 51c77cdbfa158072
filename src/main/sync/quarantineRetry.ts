import type { LocalWrite } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import {
  markUnreadable,
  quarantinedRecords,
  releaseRecord,
  waitingRecords,
} from '../db/repos/quarantine';
import { transaction } from '../db/sqlRun';
import { excerpt } from '../../shared/excerpt';
import { MissingParentError, type LocalStore } from './localStore';
import { isLocalStorageError } from './moduleFaults';

export interface QuarantinedRecord {
  module: string;
  recordId: string;
  error: string;
  modifiedAt: number;
  waiting: boolean;
}

/** What the end of a run did with the records that waited for their parent. */
export interface QuarantineRetry {
  /** Stored now that their parent is here. */
  released: number;
  /**
   * One note per record found unreadable by this run (its rows damaged on this computer): kept,
   * and not retried again until the CRM sends a newer copy, so each is told once.
   */
  notes: string[];
}

/** A waiting record's stored rows are not rows this app wrote: damaged on this computer. */
class UnreadableRowsError extends Error {
  override name = 'UnreadableRowsError';
}

const TABLES = new Set(['people', 'accounts', 'deals', 'activities', 'visits', 'removed']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The rows as LocalStore.apply takes them, or UnreadableRowsError saying what is wrong. */
function readWrites(text: string): LocalWrite[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UnreadableRowsError(`not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(value) || value.length === 0)
    throw new UnreadableRowsError('not a list of rows');
  for (const w of value as unknown[]) {
    if (!isObject(w) || typeof w['table'] !== 'string' || !TABLES.has(w['table']))
      throw new UnreadableRowsError('a row of no known table');
    const row = w['row'];
    if (!isObject(row) || typeof row['id'] !== 'string')
      throw new UnreadableRowsError(`a ${w['table']} row without its id`);
    if (w['table'] === 'visits' && !(Array.isArray(w['pages']) && Array.isArray(w['chats'])))
      throw new UnreadableRowsError('a visit without its pages or chats');
  }
  return value as LocalWrite[];
}

/**
 * An error in storing one record that is that record's, not this computer's: its rows are not
 * what the app wrote (a field missing, of the wrong type). SQLite's and the system's errors (a
 * full disk, a damaged file) are the computer's: they end the step, or the run.
 */
const isRecordsOwn = (error: unknown): boolean =>
  error instanceof UnreadableRowsError || (error instanceof Error && !isLocalStorageError(error));

/** The record as a rep names it: "the call 4876… (Calls)". */
const NOUNS: Record<string, string> = {
  Calls: 'call',
  Events: 'meeting',
  Tasks: 'task',
  Cases: 'case',
  Visits: 'website visit',
  Deals: 'deal',
  Emails: 'email',
};
const named = (module: string, id: string): string =>
  `the ${NOUNS[module] ?? 'record'} ${id} (${module})`;

/**
 * Records that were well formed but arrived before their parent (a call before its person)
 * are stored once the parent is here, each on its own: one whose stored rows cannot be read back
 * is kept, marked and told once (QuarantineRetry.notes), and the others are stored regardless.
 * Malformed ones wait for the CRM to send them again.
 */
export function retryQuarantine(db: Db, store: LocalStore, now: number): QuarantineRetry {
  const waiting = waitingRecords(db);
  const result: QuarantineRetry = { released: 0, notes: [] };
  const unreadable: { name: string; reason: string }[] = [];
  transaction(db, () => {
    for (const q of waiting) {
      let stored: boolean;
      try {
        const writes = readWrites(q.writes);
        // A savepoint each: rows of a record that fails half-way are not left behind.
        stored = transaction(db, () => {
          try {
            store.apply(writes);
            return true;
          } catch (error) {
            // Its person is still missing: what apply did before finding so stands.
            if (error instanceof MissingParentError) return false;
            throw error;
          }
        });
      } catch (error) {
        if (!isRecordsOwn(error)) throw error;
        const reason = excerpt((error as Error).message, 200);
        markUnreadable(
          db,
          q.module,
          q.record_id,
          `${q.module} record ${q.record_id}: waited for its lead or contact; its copy on this computer could not be read back (${reason})`,
          now,
        );
        unreadable.push({ name: named(q.module, q.record_id), reason });
        continue;
      }
      if (!stored) continue;
      releaseRecord(db, q.module, q.record_id);
      result.released++;
    }
  });
  result.notes = unreadableNotes(unreadable);
  return result;
}

/** Each named in a note of its own, up to MAX_NAMED; more (a whole file damaged) in one. */
const MAX_NAMED = 3;

function unreadableNotes(found: { name: string; reason: string }[]): string[] {
  if (found.length <= MAX_NAMED)
    return found.map(
      ({ name, reason }) =>
        `${capitalised(name)} waited for its lead or contact, and its copy on this computer could not be read (${reason}), so it is not in the app. It is kept and counted among the records held back; the other waiting records were stored. To bring it in, open it in Zoho and save it (any change): the next sync reads it afresh`,
    );
  const names = found.slice(0, MAX_NAMED).map((f) => f.name);
  return [
    `${found.length} records that waited for their lead or contact could not be read on this computer (${names.join(', ')} and ${found.length - MAX_NAMED} more; ${found[0]?.reason ?? ''}), so they are not in the app. They are kept and counted among the records held back; the other waiting records were stored. To bring one in, open it in Zoho and save it (any change): the next sync reads it afresh`,
  ];
}

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function listQuarantine(db: Db): QuarantinedRecord[] {
  return quarantinedRecords(db).map((r) => ({
    module: r.module,
    recordId: r.record_id,
    error: r.error,
    modifiedAt: r.modified_at,
    waiting: r.waiting === 1,
  }));
}
