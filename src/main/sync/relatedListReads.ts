import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  CrmAuthError,
  type ChangedPage,
  type PersonRef,
  type PulledRecord,
} from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { lastPersonRowid } from '../db/repos/people';
import { transaction } from '../db/sqlRun';
import { excerpt } from '../../shared/excerpt';
import type { ModuleCounts, PullContext, SyncProgress } from './pullContext';
import type { Turn } from './personRotation';
import { readInTurn } from './readInTurn';
import type { PersonPass } from './relatedListRetries';

/*
 * What the two related-list steps (Emails, Visits) do the same way: read one person's list, page
 * by page; read people side by side and commit them in turn; and find the newest people of a
 * changed pass, scanned in chunks of rowids.
 */

/**
 * A person's list, at most `pages` pages; stored by the caller, in turn. A failure that ends the
 * step (the credentials; `endsStep`, the list refused) or an abort is thrown as it came; any other
 * is the CRM's trouble with this person alone, thrown as `failed` so the pass can move past them.
 */
export async function readPersonPages(
  pull: (person: PersonRef, position: string | null, signal: AbortSignal) => Promise<ChangedPage>,
  person: PersonRef,
  pages: number,
  signal: AbortSignal,
  endsStep: new (message?: string) => Error,
  failed: new (message: string) => Error,
): Promise<PulledRecord[]> {
  const records: PulledRecord[] = [];
  let position: string | null = null;
  for (let page = 1; page <= pages; page++) {
    signal.throwIfAborted();
    let result;
    try {
      result = await pull({ id: person.id, module: person.module }, position, signal);
    } catch (error) {
      if (error instanceof CrmAuthError || error instanceof endsStep) throw error;
      if (signal.aborted) throw error;
      throw new failed(`${person.id}: ${excerpt((error as Error).message)}`);
    }
    records.push(...result.records);
    if (result.next === null) break;
    position = result.next;
  }
  return records;
}

/** What one related-list step brings to readPeopleInTurn. */
export interface PersonListStep<P extends PersonRef> {
  module: SyncProgress['module'];
  /** People read at once, asked again as reads end. */
  width: () => number;
  /** A person's records (readPersonPages), thrown as `failed` when the CRM failed them alone. */
  read: (person: P, signal: AbortSignal) => Promise<PulledRecord[]>;
  failed: new (message: string) => Error;
  /** Any other failure: true when the step has noted it and ends for this run; else it is thrown. */
  ends?: (error: unknown) => boolean;
  /** Stores a person's records inside the transaction that settles them (none: read earlier). */
  store: (person: P, records: readonly PulledRecord[], at: number) => void;
  /** People read this run and the first failure, kept up to date here. */
  tally: { people: number; failed: string | null };
  /** The counts each person's progress event carries. */
  progress: ModuleCounts;
}

/**
 * Reads the turns' people side by side and commits each in turn, with its turn's advance and its
 * retry-list entry in one transaction. False when the step ends for this run: failures in a row
 * (PersonPass.failedGoOn) or one `step.ends` noted.
 */
export function readPeopleInTurn<P extends PersonRef>(
  ctx: PullContext,
  run: PersonPass,
  turns: readonly Turn<P>[],
  step: PersonListStep<P>,
): Promise<boolean> {
  return readInTurn(
    run.plan(turns),
    step.width,
    ctx.signal,
    ({ turn, again }, signal) => (again ? Promise.resolve(null) : step.read(turn.person, signal)),
    async ({ turn }, outcome) => {
      ctx.signal?.throwIfAborted();
      if (outcome.status === 'rejected') {
        const error: unknown = outcome.reason;
        if (!(error instanceof step.failed)) {
          if (step.ends?.(error)) return false;
          throw error;
        }
        // The CRM could not list this person (after the client's own retries). An optional step
        // never fails the sync, and one person must not hold up everyone after them: they go on
        // the retry list and the pass moves past them.
        step.tally.failed ??= error.message;
        await ctx.commitGate?.();
        const at = ctx.now();
        transaction(ctx.db, () => {
          run.settle(turn.person.id, true, at);
          turn.advance();
        });
        return run.failedGoOn();
      }
      const read = outcome.value;
      if (read !== null) run.answered();
      await ctx.commitGate?.();
      const at = ctx.now();
      transaction(ctx.db, () => {
        step.store(turn.person, read ?? [], at);
        if (read !== null) run.settle(turn.person.id, false, at);
        turn.advance();
      });
      if (read === null) return true;
      step.tally.people++;
      ctx.onProgress({
        module: step.module,
        phase: 'records',
        page: step.tally.people,
        step: 'person',
        counts: { ...step.progress },
      });
      await ctx.afterCommit();
      return true;
    },
  );
}

// Rows of people read at a time: a few milliseconds each, with the event loop free in between.
const SCAN_CHUNK = 2_000;

/**
 * The `limit` newest people of a changed pass (newest first, ties by id descending) that come
 * after `before` in that order, read in chunks of rowids with a turn of the event loop between
 * them. `chunk` gives the people of (fromRowid, toRowid] within the pass's bounds; a new pass
 * (upper null) learns its upper bound from them.
 */
export async function newestChangedPeople<T extends { id: string }>(
  db: Db,
  pass: { upper: number | null; before: { at: number; id: string } | null; limit: number },
  at: (person: T) => number,
  chunk: (fromRowid: number, toRowid: number) => readonly T[],
): Promise<{ upper: number | null; people: T[] }> {
  const { upper, before, limit } = pass;
  const newerFirst = (a: T, b: T): number =>
    at(b) - at(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  const last = lastPersonRowid(db);
  const top: T[] = [];
  let newest = upper;
  for (let from = 0; last !== null && from < last; from += SCAN_CHUNK) {
    if (from > 0) await yieldToEventLoop();
    for (const p of chunk(from, from + SCAN_CHUNK)) {
      const pAt = at(p);
      if (upper === null && (newest === null || pAt > newest)) newest = pAt;
      if (before && !(pAt < before.at || (pAt === before.at && p.id < before.id))) continue;
      const worst = top[limit - 1];
      if (top.length >= limit && worst && newerFirst(p, worst) >= 0) continue;
      // Rows come in rowid order, mostly oldest first: nearly each one enters the top.
      let i = top.length;
      while (i > 0 && newerFirst(p, top[i - 1] as T) < 0) i--;
      top.splice(i, 0, p);
      if (top.length > limit) top.pop();
    }
  }
  return { upper: newest, people: top };
}
