import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  CrmAuthError,
  ModuleUnavailableError,
  type PersonRef,
  type PulledRecord,
} from '../crm/crmSource';
import { lastPersonRowid, peopleInRowidsBy, type PersonAt } from '../db/repos/people';
import { visitExists } from '../db/repos/visits';
import { transaction } from '../db/sqlRun';
import type { ModuleCounts, PullContext } from './pullContext';
import { readInTurn } from './readInTurn';
import { readState, writeState } from './syncState';
import { excerpt } from '../../shared/excerpt';

/**
 * An organisation whose Visits module the API does not serve still lists each lead's and
 * contact's visits (SalesIQ's related list). A list costs a request per person, so a run reads a
 * bounded number of people: those whose last visit (the SalesIQ summary field on the person)
 * moved since the last pass, most recent first. A pass that does not fit one run goes on in the
 * next, so a first sync's backlog drains over a few hours, the latest visitors first. Where people
 * carry no last-visit time, the pass runs over people modified since the last one instead.
 */
export interface VisitListsPolicy {
  peoplePerRun: number;
  /** Pages (200 visits each) read of one person's list. */
  pages: number;
}

export const DEFAULT_VISIT_LISTS_POLICY: VisitListsPolicy = { peoplePerRun: 30, pages: 5 };

const KEY = 'Visits:lists';
// Rows of people read at a time: a few milliseconds each, with the event loop free in between.
const SCAN_CHUNK = 2_000;

export interface VisitListsCounts {
  /** People whose visits were read. */
  people: number;
  /** The person whose visits could not be read this run, and why; asked first next run. */
  failed: string | null;
}

interface PassCursor {
  /** The pass covers people whose key is in (watermark, upper]; null between passes. */
  upper: number | null;
  /** Keyset of the last person done in this pass (descending order). */
  before: { at: number; id: string } | null;
}

/** Reading one person's list failed at the CRM (network, server), not here. */
class ListReadError extends Error {
  override name = 'ListReadError';
}

const newerFirst = (a: PersonAt, b: PersonAt): number =>
  b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Reads the visits related lists of the people the policy picks; a person the CRM cannot list is
 * recorded in `lists.failed` and never fails the sync. A ModuleUnavailableError (the list or a
 * field went away) ends the step for the engine to note.
 */
export async function pullVisitLists(
  ctx: PullContext,
  how: { of: readonly PersonRef['module'][]; lastVisit: boolean },
  policy: VisitListsPolicy,
  counts: ModuleCounts,
  lists: VisitListsCounts,
): Promise<void> {
  if (!ctx.source.pullPersonVisits) return;
  const key = how.lastVisit ? 'last_visit_at' : 'modified_at';
  const state = readState<PassCursor>(ctx.db, KEY);
  const lower = state.watermark ?? Number.MIN_SAFE_INTEGER;
  let upper = state.cursor?.upper ?? null;
  let before = state.cursor?.before ?? null;
  let budget = policy.peoplePerRun;
  while (budget > 0) {
    const found = await candidates(ctx, key, how.of, lower, upper, before, budget);
    upper = found.upper;
    if (upper === null) return;
    if (found.people.length === 0) {
      // The pass is complete: the next one covers what moved after `upper`.
      const at = ctx.now();
      writeState(ctx.db, KEY, { watermark: upper, cursor: null, lastSuccessAt: at }, at);
      return;
    }
    const pass = upper;
    budget -= found.people.length;
    const ok = await readInTurn(
      found.people,
      () => ctx.source.requestsAtOnce?.() ?? 1,
      ctx.signal,
      (person, signal) => readPerson(ctx, person, policy, signal),
      async (person, outcome) => {
        ctx.signal?.throwIfAborted();
        if (outcome.status === 'rejected') {
          if (!(outcome.reason instanceof ListReadError)) throw outcome.reason;
          // The cursor is still before this person: the next run asks them first.
          lists.failed = outcome.reason.message;
          return false;
        }
        const cursor: PassCursor = { upper: pass, before: { at: person.at, id: person.id } };
        await ctx.commitGate?.();
        const now = ctx.now();
        transaction(ctx.db, () => {
          for (const record of outcome.value) store(ctx, record, counts, now);
          writeState(ctx.db, KEY, { ...state, cursor }, now);
        });
        lists.people++;
        ctx.onProgress({
          module: 'Visits',
          phase: 'records',
          page: lists.people,
          counts: { ...counts },
        });
        await ctx.afterCommit();
        return true;
      },
    );
    if (!ok) return;
    const lastDone = found.people.at(-1);
    if (lastDone) before = { at: lastDone.at, id: lastDone.id };
  }
}

/** A person's visits, every page the policy allows; stored by the caller, in turn. */
async function readPerson(
  ctx: PullContext,
  person: PersonAt,
  policy: VisitListsPolicy,
  signal: AbortSignal,
): Promise<PulledRecord[]> {
  const pull = ctx.source.pullPersonVisits?.bind(ctx.source);
  if (!pull) return [];
  const records: PulledRecord[] = [];
  let position: string | null = null;
  for (let page = 1; page <= policy.pages; page++) {
    signal.throwIfAborted();
    let result;
    try {
      result = await pull({ id: person.id, module: person.module }, position, signal);
    } catch (error) {
      if (error instanceof CrmAuthError || error instanceof ModuleUnavailableError) throw error;
      if (signal.aborted) throw error;
      throw new ListReadError(`${person.id}: ${excerpt((error as Error).message)}`);
    }
    records.push(...result.records);
    if (result.next === null) break;
    position = result.next;
  }
  return records;
}

/** A listed visit is news the first time; a visit read again is refreshed, not counted. */
function store(ctx: PullContext, record: PulledRecord, counts: ModuleCounts, now: number): void {
  const known = !record.error && visitExists(ctx.db, record.id);
  if (!ctx.store.store('Visits', record, now)) counts.quarantined++;
  else if (!known) counts.upserted++;
}

/**
 * The `limit` people of the listed modules whose key is in (lower, upper], newest first after
 * `before`; a new pass (upper null) covers everyone after `lower` and learns its upper bound.
 * Read in chunks of rowids with a turn of the event loop between them.
 */
async function candidates(
  ctx: PullContext,
  key: 'last_visit_at' | 'modified_at',
  of: readonly PersonRef['module'][],
  lower: number,
  upper: number | null,
  before: { at: number; id: string } | null,
  limit: number,
): Promise<{ upper: number | null; people: PersonAt[] }> {
  const last = lastPersonRowid(ctx.db);
  const top: PersonAt[] = [];
  let newest = upper;
  for (let from = 0; last !== null && from < last; from += SCAN_CHUNK) {
    if (from > 0) await yieldToEventLoop();
    const chunk = peopleInRowidsBy(ctx.db, key, {
      fromRowid: from,
      toRowid: from + SCAN_CHUNK,
      lower,
      upper: upper ?? Number.MAX_SAFE_INTEGER,
    });
    for (const p of chunk) {
      if (!of.includes(p.module)) continue;
      if (upper === null && (newest === null || p.at > newest)) newest = p.at;
      if (before && !(p.at < before.at || (p.at === before.at && p.id < before.id))) continue;
      const worst = top[limit - 1];
      if (top.length >= limit && worst && newerFirst(p, worst) >= 0) continue;
      let at = top.length;
      while (at > 0 && newerFirst(p, top[at - 1] as PersonAt) < 0) at--;
      top.splice(at, 0, p);
      if (top.length > limit) top.pop();
    }
  }
  return { upper: newest, people: top };
}
