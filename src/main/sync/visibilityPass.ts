import { CrmAuthError, type CrmSource, type PulledRecord, type SyncModule } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { storedIdsOf, storedNameOf } from '../db/repos/moduleRows';
import { heldBackRecord } from '../db/repos/quarantine';
import { personOwner } from '../db/repos/people';
import { transaction } from '../db/sqlRun';
import { shownName } from '../../shared/personName';
import { convertedBatchProven, markConvertedBatchProven } from './convertedBatchTrust';
import { LocalStore } from './localStore';
import { faultReason, isLocalStorageError } from './moduleFaults';
import { letGo, whereGone } from './recordsGone';
import { readState, writeState } from './syncState';

/**
 * Records a rep stops seeing in Zoho without anyone deleting them (a lead reassigned to another
 * rep, a contact taken out of a sharing rule) are in no listing of changes and in no list of
 * deleted records, and a record shared with them again without an edit keeps its old
 * Modified_Time: the incremental sync meets neither. Once a day a module's ids alone are listed
 * (one field a record, 200 a page) and compared with what is stored here.
 */

/** The modules whose stored copies a rep may stop seeing: people, and the accounts and deals. */
const VISIBILITY_MODULES = ['Accounts', 'Contacts', 'Leads', 'Deals'] as const;
type CheckedModule = (typeof VISIBILITY_MODULES)[number];

const VISIBILITY_EVERY_MS = 24 * 3_600_000;
/** A listing may take away at most half of a module's records, unless it is this few. */
const FEW = 20;
/** Records shown again read by id in one module's check (100 a request). */
const MAX_READS = 200;

const passKey = (module: string): string => `${module}:visible`;

/** What the pass did this run; `notes` are for the app's sync status alone. */
export interface VisibilityCounts {
  /** Copies of records Zoho no longer shows the rep, removed here (or merged, a converted lead). */
  removed: number;
  /** Records shown to the rep again, or newly, without an edit: read and stored. */
  added: number;
  notes: string[];
}

type Asks = Pick<CrmSource, 'convertedAmong' | 'convertedContactOf' | 'findContactById'> &
  Required<Pick<CrmSource, 'listIds' | 'pullByIds'>>;

export interface VisibilityRun {
  db: Db;
  source: CrmSource;
  now: () => number;
  /** The sync's: each request ends with the run's deadline or stop. */
  signal: AbortSignal;
  /** The modules whose listing of changes this run read to its end. */
  listedWhole: ReadonlySet<SyncModule>;
  /** The modules whose first pull an earlier run had finished. */
  finishedBefore: ReadonlySet<SyncModule>;
}

/**
 * The modules due a check: listed whole this run, and last checked completely 24 hours ago or
 * more. A module whose first pull this run finished is not: that pull read all it may see.
 */
function dueModules(run: VisibilityRun): CheckedModule[] {
  const at = run.now();
  return VISIBILITY_MODULES.filter((module) => {
    if (!run.listedWhole.has(module)) return false;
    if (!run.finishedBefore.has(module)) {
      markChecked(run.db, module, at);
      return false;
    }
    const last = readState(run.db, passKey(module)).watermark;
    return last === null || at - last >= VISIBILITY_EVERY_MS;
  });
}

function markChecked(db: Db, module: CheckedModule, at: number): void {
  writeState(db, passKey(module), { watermark: at, cursor: null, lastSuccessAt: null }, at);
}

/**
 * Checks each module due: the stored records the listing leaves out are read by id, a hundred a
 * request, and one Zoho's whole answer leaves out is let go of as Settings' Retry lets go of one
 * on a 204 (recordsGone.ts); a listed one not stored is read and stored as the sync stores any. A
 * module's check counts only once its listing and its reads by id are answered to the end: a
 * failure or the deadline part-way removes nothing, and the next sync checks it again. A failure
 * of one module's check is a note, and the others go on.
 */
export async function checkVisibility(run: VisibilityRun): Promise<VisibilityCounts> {
  const counts: VisibilityCounts = { removed: 0, added: 0, notes: [] };
  if (!run.source.listIds || !run.source.pullByIds) return counts;
  const asks = run.source as Asks;
  for (const module of dueModules(run)) {
    try {
      await checkModule(run, asks, module, counts);
    } catch (error) {
      if (notTheModules(error, run.signal)) throw error;
      counts.notes.push(
        `${module}: whether Zoho still shows you every record stored here could not be checked (${faultReason(error)}); nothing was removed, and the next sync checks again`,
      );
    }
  }
  return counts;
}

/**
 * A stop, the deadline or refused credentials end the run, as they end every module's pull; a
 * fault of this computer's (its database) is the caller's to judge (endsOnlyTheStep).
 */
function notTheModules(error: unknown, signal: AbortSignal): boolean {
  if (signal.aborted || error instanceof CrmAuthError || isLocalStorageError(error)) return true;
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

async function listAll(
  asks: Asks,
  module: CheckedModule,
  signal: AbortSignal,
): Promise<Set<string>> {
  const ids = new Set<string>();
  let position: string | null = null;
  do {
    const page = await asks.listIds(module, position, signal);
    for (const id of page.ids) ids.add(id);
    position = page.next;
  } while (position !== null);
  return ids;
}

async function checkModule(
  run: VisibilityRun,
  asks: Asks,
  module: CheckedModule,
  counts: VisibilityCounts,
): Promise<void> {
  const { db, signal } = run;
  const listed = await listAll(asks, module, signal);
  const stored = storedIdsOf(db, module);
  const storedSet = new Set(stored);
  const unlisted = stored.filter((id) => !listed.has(id));
  // One held back is known here (listed in Settings): the sync reads it again when it changes.
  const shown = [...listed].filter(
    (id) => !storedSet.has(id) && heldBackRecord(db, module, id) === undefined,
  );
  // A sign-in shown thousands at once reads them over several syncs.
  const reading = shown.slice(0, MAX_READS);
  for (const record of await asks.pullByIds(module, reading, signal))
    if (storeShown(db, module, record, run.now())) counts.added++;
  const left = shown.length - reading.length;
  if (reading.length > 0)
    counts.notes.push(
      `${module}: ${reading.length === 1 ? 'a record' : `${reading.length} records`} Zoho shows you now without ${reading.length === 1 ? 'its' : 'their'} having changed (shared with you, or given to you) ${reading.length === 1 ? 'was' : 'were'} read${left > 0 ? `; ${left} more come with the next syncs` : ''}`,
    );
  if (unlisted.length > stored.length / 2 && unlisted.length > FEW) {
    // Far likelier a profile or a sharing rule changed for the sign-in than half the work moved.
    counts.notes.push(
      `${module}: Zoho no longer shows you ${unlisted.length} of the ${stored.length} stored here. That many at once looks like a change to your Zoho profile or sharing rules rather than records given to other reps, so none was removed; if it is right, ask your Zoho administrator, and the next day's sync checks again`,
    );
    if (left === 0) markChecked(db, module, run.now());
    return;
  }
  // Read by id first, as Retry does: only Zoho's whole answer without one says it shows none to
  // this sign-in. Every batch is read before any goes: one failing lets go of nothing.
  const answered = await asks.pullByIds(module, unlisted, signal);
  const stillShown = new Set<string>();
  for (const record of answered) {
    storeShown(db, module, record, run.now());
    stillShown.add(record.id);
  }
  const notShown = unlisted.filter((id) => !stillShown.has(id));
  // Which of the leads were converted, a hundred a question; refused: each lead asked alone.
  const answer =
    module === 'Leads' && notShown.length > 0 && asks.convertedAmong
      ? await asks.convertedAmong(notShown, signal)
      : null;
  // An answer leaving a lead out proves it unconverted only once one marked converted has shown
  // Zoho applies the question (a lead the plain read just left out, so `converted` was heeded).
  let trusted = convertedBatchProven(db);
  if (answer?.marked && !trusted) {
    markConvertedBatchProven(db);
    trusted = true;
  }
  const converted = answer ? { answer, trusted } : null;
  const gone: string[] = [];
  let merged = 0;
  let unsent = 0;
  for (const id of notShown) {
    const name = nameOf(db, module, id);
    const what = `${name ? `“${name}”` : 'the record'} (${module} ${id})`;
    const where = await whereGone(
      asks,
      module,
      id,
      (contactId) => personOwner(db, contactId) !== undefined,
      signal,
      converted,
    );
    const done = letGo(db, where, module, id, what, run.now());
    if (where.converted) merged++;
    else gone.push(name ? `“${name}”` : `${module} ${id}`);
    unsent += (done.unsent?.calls ?? 0) + (done.unsent?.tasks ?? 0);
    counts.removed++;
  }
  if (gone.length > 0) counts.notes.push(goneNote(module, gone, unsent));
  if (merged > 0)
    counts.notes.push(
      `Leads: ${merged === 1 ? 'a lead' : `${merged} leads`} Zoho converted ${merged === 1 ? 'was' : 'were'} merged into ${merged === 1 ? 'its contact' : 'their contacts'}`,
    );
  // Not complete while records shown are left to read: the next sync lists again and reads on.
  if (left === 0) markChecked(db, module, run.now());
}

/** Stores a record read by id as a page of the sync stores it; whether it was stored. */
function storeShown(db: Db, module: CheckedModule, record: PulledRecord, now: number): boolean {
  return transaction(db, () => new LocalStore(db, now).store(module, record, now));
}

function nameOf(db: Db, module: CheckedModule, id: string): string | null {
  const row = storedNameOf(db, module, id);
  return row ? shownName(row.first, row.last) : null;
}

const NOUNS: Record<CheckedModule, [string, string]> = {
  Leads: ['lead', 'leads'],
  Contacts: ['contact', 'contacts'],
  Accounts: ['account', 'accounts'],
  Deals: ['deal', 'deals'],
};
/** Named one by one up to this many; more are counted. */
const NAMED = 5;

function goneNote(module: CheckedModule, names: readonly string[], unsent: number): string {
  const [one, many] = NOUNS[module];
  const single = names.length === 1;
  const named =
    names.length <= NAMED
      ? names.join(', ')
      : `${names.slice(0, NAMED).join(', ')} and ${names.length - NAMED} more`;
  let note = `Zoho no longer shows you ${single ? `the ${one}` : `${names.length} ${many}`} ${named} (given to another rep, or no longer shared with you), so ${single ? 'its copy' : 'their copies'} here ${single ? 'is' : 'are'} gone, from your people and your plans`;
  if (unsent > 0)
    note += `. What you logged here with ${single ? 'it' : 'them'} that had not reached Zoho is kept, among the calls and task changes Zoho refused (Settings › CRM account)`;
  return note;
}
