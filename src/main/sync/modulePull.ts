import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  PositionExpiredError,
  type ChangedPage,
  type CrmSource,
  type PulledRecord,
  type SyncModule,
} from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { transaction } from '../db/sqlRun';
import type { LocalStore } from './localStore';
import { PullTally } from './pullTally';
import {
  anchorBefore,
  deletionsKey,
  readState,
  startCursor,
  writeState,
  type PullCursor,
} from './syncState';

export interface ModuleCounts {
  upserted: number;
  deleted: number;
  quarantined: number;
}

export interface SyncProgress {
  module: SyncModule | 'Emails' | 'organisation' | 'outbox' | 'quarantine';
  /** skipped: the organisation lacks the module (or refused it this run); nothing is synced. */
  phase: 'records' | 'deletions' | 'done' | 'skipped';
  page: number;
  /**
   * The pull's counts, each record once: a pull resumed after a crash or a failed run goes on
   * from what the runs before stored.
   */
  counts: ModuleCounts;
  /** Of `counts`, the records (stored or quarantined) earlier runs of this pull counted. */
  carried?: number;
}

export interface PullContext {
  db: Db;
  store: LocalStore;
  source: CrmSource;
  now: () => number;
  /** Called after every committed page; a throw aborts the sync (the page stays committed). */
  onProgress: (progress: SyncProgress) => void;
  signal: AbortSignal | undefined;
  /** Called after each committed page, outside its transaction. */
  afterCommit: () => Promise<void>;
}

// An expired page token restarts the listing; past this many restarts something else is wrong.
const MAX_RESTARTS = 3;

function nextCursor(
  cursor: PullCursor,
  records: PulledRecord[],
  next: string | null,
  maxSeen: number | null,
): PullCursor | null {
  if (next === null) return null;
  const last = records.at(-1)?.modifiedAt;
  const anchor = last !== undefined && last > 0 ? anchorBefore(last) : null;
  // Re-anchoring at the last record's second keeps every request at page 1 of a fresh listing,
  // so records modified mid-sync (which jump to the end) never shift unseen ones onto a page
  // already read. Only a page that is all one second (a mass update) pages on within it.
  if (anchor !== null && (cursor.anchor === null || anchor > cursor.anchor))
    return { anchor, position: null, maxSeen };
  return { anchor: cursor.anchor, position: next, maxSeen };
}

/** A pull's counts carried over from the runs before this one (when it resumes). */
function carriedOver(tally: PullTally, counts: ModuleCounts): number {
  counts.upserted += tally.carried.stored;
  counts.quarantined += tally.carried.quarantined;
  return tally.carried.stored + tally.carried.quarantined;
}

/**
 * Pulls a module's changed records page by page. The next page is requested as soon as a page
 * arrives (its request depends only on that page's cursor), so the CRM prepares it while this
 * page is stored; nothing is stored before its own page's transaction, which also moves the
 * cursor, so a stop anywhere still resumes exactly.
 */
export async function pullRecords(
  ctx: PullContext,
  module: SyncModule,
  counts: ModuleCounts,
): Promise<void> {
  const state = readState(ctx.db, module);
  let cursor = state.cursor ?? startCursor(state.watermark);
  const tally = new PullTally(state.watermark, cursor.maxSeen, cursor.tally, ctx.now());
  const carried = carriedOver(tally, counts);
  let restarts = 0;
  // Cancels the page fetched ahead when this pull stops early (abort, kill, failure).
  const ahead = new AbortController();
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, ahead.signal]) : ahead.signal;
  const fetchPage = (c: PullCursor): Promise<ChangedPage> => {
    const page = ctx.source.pullChanged(module, { since: c.anchor, position: c.position, signal });
    // Awaited below; until then a failure must not count as an unhandled rejection.
    page.catch(() => undefined);
    return page;
  };
  let pending = fetchPage(cursor);
  try {
    for (let page = 1; ; page++) {
      ctx.signal?.throwIfAborted();
      let result;
      try {
        result = await pending;
      } catch (error) {
        if (!(error instanceof PositionExpiredError) || ++restarts > MAX_RESTARTS) throw error;
        cursor = { ...cursor, position: null };
        pending = fetchPage(cursor);
        continue;
      }
      let maxSeen = cursor.maxSeen;
      for (const r of result.records) if (r.modifiedAt > (maxSeen ?? 0)) maxSeen = r.modifiedAt;
      const after = nextCursor(cursor, result.records, result.next, maxSeen);
      if (after) pending = fetchPage(after);
      // One turn of the event loop puts that request on the wire before this page's
      // (synchronous) transaction; it also lets the app breathe between pages.
      await yieldToEventLoop();
      const now = ctx.now();
      transaction(ctx.db, () => {
        // Asked before the records are stored: which of them this pull has counted already.
        const fresh = result.records.map((r) => tally.isNew(r, (x) => ctx.store.holds(x)));
        result.records.forEach((record, i) => {
          const stored = ctx.store.store(module, record, now);
          if (!fresh[i]) return;
          if (stored) counts.upserted++;
          else counts.quarantined++;
        });
        tally.counted(result.records);
        writeState(
          ctx.db,
          module,
          after
            ? {
                watermark: state.watermark,
                cursor: { ...after, tally: tally.keep(counts) },
                lastSuccessAt: state.lastSuccessAt,
              }
            : { watermark: maxSeen, cursor: null, lastSuccessAt: now },
          now,
        );
      });
      ctx.onProgress({ module, phase: 'records', page, counts: { ...counts }, carried });
      if (!after) return;
      cursor = after;
      await ctx.afterCommit();
    }
  } finally {
    ahead.abort();
  }
}

/**
 * Applies deletions since the module's deletion watermark. A deleted lead whose contact (same
 * email) exists, here or in the CRM, is a conversion: its history moves to the contact.
 */
export async function pullDeletions(
  ctx: PullContext,
  module: SyncModule,
  counts: ModuleCounts,
): Promise<void> {
  const key = deletionsKey(module);
  const state = readState(ctx.db, key);
  let cursor = state.cursor ?? startCursor(state.watermark);
  // A resumed pull goes on from the deletions its earlier runs applied (each deletes once).
  const base = counts.deleted;
  counts.deleted += cursor.deleted ?? 0;
  for (let page = 1; ; page++) {
    ctx.signal?.throwIfAborted();
    const result = await ctx.source.pullDeleted(module, {
      since: cursor.anchor,
      position: cursor.position,
    });
    const conversions = new Map<string, { contactId: string; fetched: PulledRecord | null }>();
    if (module === 'Leads') {
      for (const d of result.deleted) {
        const local = ctx.store.localLeadAndContact(d.id);
        if (!local?.email) continue;
        if (local.contactId) {
          conversions.set(d.id, { contactId: local.contactId, fetched: null });
          continue;
        }
        // The contact may be newer than our Contacts pull: ask the CRM before losing the history.
        const contact = await ctx.source.findContactByEmail(local.email);
        if (contact && !contact.error)
          conversions.set(d.id, { contactId: contact.id, fetched: contact });
      }
    }
    let maxSeen = cursor.maxSeen;
    for (const d of result.deleted) if (d.deletedAt > (maxSeen ?? 0)) maxSeen = d.deletedAt;
    const after = result.next === null ? null : { ...cursor, position: result.next, maxSeen };
    const now = ctx.now();
    transaction(ctx.db, () => {
      for (const d of result.deleted) {
        const conversion = conversions.get(d.id);
        if (conversion?.fetched) ctx.store.store('Contacts', conversion.fetched, now);
        if (conversion && ctx.store.hasPerson(conversion.contactId)) {
          ctx.store.mergeLeadIntoContact(d.id, conversion.contactId);
          counts.deleted++;
        } else if (ctx.store.delete(module, d.id)) counts.deleted++;
      }
      writeState(
        ctx.db,
        key,
        after
          ? {
              watermark: state.watermark,
              cursor: { ...after, deleted: counts.deleted - base },
              lastSuccessAt: state.lastSuccessAt,
            }
          : { watermark: maxSeen, cursor: null, lastSuccessAt: now },
        now,
      );
    });
    ctx.onProgress({ module, phase: 'deletions', page, counts: { ...counts } });
    if (!after) return;
    cursor = after;
    await ctx.afterCommit();
    await yieldToEventLoop();
  }
}
