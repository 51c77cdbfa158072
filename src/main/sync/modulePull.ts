import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  CrmAuthError,
  DeletionsUnavailableError,
  PositionExpiredError,
  SearchUnavailableError,
  type ChangedPage,
  type PulledRecord,
  type SyncModule,
} from '../crm/crmSource';
import { transaction } from '../db/sqlRun';
import { PullTally } from './pullTally';
import {
  chooseCut,
  stretchesOf,
  withinStretch,
  type Stretch,
  type StretchesCursor,
  type StretchProgress,
} from './listingStretches';
import {
  deletionsKey,
  nextCursor,
  readState,
  startCursor,
  writeState,
  type PullCursor,
} from './syncState';
import { TaskGroup } from './taskGroup';
import { pullBulk } from './bulkPull';
import { SecondRereads } from './secondRereads';
import { changesFromNow } from './crmClockSlack';
import type { ModuleCounts, PullContext } from './pullContext';

// An expired page token restarts the listing; past this many restarts something else is wrong.
const MAX_RESTARTS = 3;

/**
 * Whether none of the records a read of a second found has left it since: none of them modified
 * or deleted after `read.since`, as one page of each says, complete (secondRereads.ts). False
 * when the CRM cannot say so in one page, or at all: the second is then read again.
 */
async function noneLeft(
  ctx: PullContext,
  module: SyncModule,
  read: { since: number; ids: ReadonlySet<string> },
  signal: AbortSignal,
): Promise<boolean> {
  if (!ctx.source.changedAfter) return false;
  try {
    const changed = await ctx.source.changedAfter(module, read.since, signal);
    if (!changed.complete || changed.ids.some((id) => read.ids.has(id))) return false;
    const deleted = await ctx.source.pullDeleted(module, {
      since: read.since,
      position: null,
      signal,
    });
    return deleted.next === null && !deleted.deleted.some((d) => read.ids.has(d.id));
  } catch (error) {
    if (signal.aborted || error instanceof CrmAuthError) throw error;
    return false; // Reading the second again tells as well, at the price of its pages.
  }
}

/** A pull's counts carried over from the runs before this one (when it resumes). */
function carriedOver(tally: PullTally, counts: ModuleCounts): number {
  counts.upserted += tally.carried.stored;
  counts.quarantined += tally.carried.quarantined;
  return tally.carried.stored + tally.carried.quarantined;
}

/** A stretch's tally, and its counts (the ones it carried from earlier runs included). */
interface StretchTally {
  tally: PullTally;
  counts: { upserted: number; quarantined: number };
}

/** What the stretches that finished counted, as the cursor keeps it (zero when damaged). */
function finishedCounts(kept: StretchesCursor['counted']): { stored: number; quarantined: number } {
  const count = (v: unknown): number =>
    Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : 0;
  return { stored: count(kept?.stored), quarantined: count(kept?.quarantined) };
}

/**
 * Pulls a module's changed records page by page. The next page of a chain is requested as soon
 * as a page arrives (its request depends only on that page's cursor), so the CRM prepares it
 * while this page is stored; nothing is stored before its own page's transaction, which also
 * moves the cursor, so a stop anywhere still resumes exactly. A long listing is read as several
 * chains at once, each a stretch of modification time (listingStretches.ts), as many as the CRM
 * takes requests at once.
 */
export async function pullRecords(
  ctx: PullContext,
  module: SyncModule,
  counts: ModuleCounts,
): Promise<void> {
  const exported = await pullBulk(ctx, module, counts);
  const state = readState<StretchesCursor | PullCursor>(ctx.db, module);
  const start = stretchesOf(state.cursor, state.watermark);
  let seenByFinished = start.maxSeen;
  // Each stretch counts its own records (a tally in its cursor, as one chain's): stretches hold
  // disjoint spans of modification time, so the module's counts are their sum, plus what the
  // stretches that finished counted. A record edited mid-pull comes again in another stretch:
  // the first pull asks the table (`holds`), later ones share one set of ids counted this run.
  const since = start.stretches.map((s) => s.tally?.since).find(Number.isFinite) ?? ctx.now();
  const seenThisRun = new Set<string>();
  const finished = finishedCounts(start.counted);
  counts.upserted += finished.stored;
  counts.quarantined += finished.quarantined;
  let carried = finished.stored + finished.quarantined;
  const tallies = new Map<StretchProgress, StretchTally>();
  const tallyFor = (p: StretchProgress): StretchTally => {
    const tally = new PullTally(
      state.watermark,
      p.stretch.maxSeen,
      p.stretch.tally,
      since,
      seenThisRun,
    );
    const own = { upserted: tally.carried.stored, quarantined: tally.carried.quarantined };
    const entry = { tally, counts: own };
    tallies.set(p, entry);
    return entry;
  };
  const live: StretchProgress[] = start.stretches.map((stretch) => ({
    stretch,
    frontier: stretch.anchor === null ? null : stretch.anchor + 1000,
    from: null,
    received: 0,
  }));
  for (const p of live) carried += carriedOver(tallyFor(p).tally, counts);
  // What this run's bulk export stored comes in the cursor's tally, but not from an earlier run.
  carried -= exported;
  const group = new TaskGroup(ctx.signal);
  let page = 0;
  let newest: number | null = null;
  let asked = false;

  /** Written in each page's transaction: every stretch as far as it is stored. */
  const saveState = (now: number): void =>
    writeState<StretchesCursor>(
      ctx.db,
      module,
      live.length > 0
        ? {
            watermark: state.watermark,
            cursor: {
              stretches: live.map((p) => {
                const own = tallies.get(p);
                return own ? { ...p.stretch, tally: own.tally.keep(own.counts) } : p.stretch;
              }),
              maxSeen: seenByFinished,
              counted: finished,
            },
            lastSuccessAt: state.lastSuccessAt,
          }
        : { watermark: seenByFinished, cursor: null, lastSuccessAt: now },
      now,
    );

  /** One more chain while the CRM takes more requests and a stretch has pages enough to cut. */
  const spread = (): void => {
    const wanted = ctx.source.requestsAtOnce?.() ?? 1;
    if (group.failed || wanted <= live.length) return;
    const open = live.some((p) => p.stretch.upTo === null && p.received > 0);
    if (open && !asked && ctx.source.newestModifiedAt) {
      // Where the open-ended stretch ends, once: a request, so only for a listing of pages.
      asked = true;
      group.spawn(async () => {
        try {
          newest = (await ctx.source.newestModifiedAt?.(module, group.signal)) ?? null;
        } catch (error) {
          if (group.signal.aborted) throw error;
          return; // Not knowing it only means one chain for the open end.
        }
        spread();
      });
    }
    while (live.length < wanted) {
      const cut = chooseCut(live, newest);
      if (!cut) return;
      const next: Stretch = {
        anchor: cut.at,
        position: null,
        maxSeen: null,
        upTo: cut.progress.stretch.upTo,
      };
      cut.progress.stretch = { ...cut.progress.stretch, upTo: cut.at };
      const progress: StretchProgress = { stretch: next, frontier: null, from: null, received: 0 };
      live.push(progress);
      tallyFor(progress);
      // Stored with the next page's state, whichever stretch's page that is; until then the
      // stored cursor still describes the stretch before the cut, which is as true.
      group.spawn(() => readStretch(progress));
    }
  };

  const readStretch = async (p: StretchProgress): Promise<void> => {
    let restarts = 0;
    // The CRM's clock where it says (the Date of its latest answer): this computer's may be wrong.
    const rereads = new SecondRereads(() => changesFromNow(ctx.source.answeredAt?.(), ctx.now()));
    const fetchPage = (c: PullCursor): Promise<ChangedPage> => {
      const pending = ctx.source.pullChanged(module, {
        since: c.anchor,
        position: c.position,
        signal: group.signal,
      });
      // Awaited below; until then a failure must not count as an unhandled rejection.
      pending.catch(() => undefined);
      return pending;
    };
    let pending = fetchPage(p.stretch);
    for (;;) {
      group.signal.throwIfAborted();
      let result;
      try {
        result = await pending;
      } catch (error) {
        if (!(error instanceof PositionExpiredError) || ++restarts > MAX_RESTARTS) throw error;
        p.stretch = { ...p.stretch, position: null };
        pending = fetchPage(p.stretch);
        continue;
      }
      const cursor = p.stretch;
      const { records, past } = withinStretch(result.records, cursor.upTo);
      let maxSeen = cursor.maxSeen;
      for (const r of records) if (r.modifiedAt > (maxSeen ?? 0)) maxSeen = r.modifiedAt;
      let after = past ? null : nextCursor(cursor, records, result.next, maxSeen);
      const ended = after === null || after.anchor !== cursor.anchor;
      const second = rereads.page(cursor.anchor, cursor.position, records, ended);
      if (second.decide) {
        const asked = rereads.askable();
        const vouched = asked ? await noneLeft(ctx, module, asked, group.signal) : false;
        if (rereads.again(vouched)) after = { anchor: cursor.anchor, position: null, maxSeen };
      }
      if (after) pending = fetchPage(after);
      const last = records.at(-1)?.modifiedAt;
      if (last !== undefined && last > 0) {
        p.frontier = Math.max(p.frontier ?? 0, last);
        p.from ??= records[0]?.modifiedAt ?? last;
        p.received += records.length;
      }
      // A turn of the event loop puts that request on the wire before this page's (synchronous)
      // transaction; it also lets the app breathe between pages.
      await (ctx.commitGate ? ctx.commitGate() : yieldToEventLoop());
      const now = ctx.now();
      transaction(ctx.db, () => {
        const own = tallies.get(p) ?? tallyFor(p);
        // Asked before the records are stored: which of them this pull has counted already.
        const fresh = records.map((r) => {
          const counted = second.counted(r);
          return counted === null ? own.tally.isNew(r, (x) => ctx.store.holds(x)) : !counted;
        });
        records.forEach((record, i) => {
          const stored = ctx.store.store(module, record, now);
          if (!fresh[i]) return;
          const field = stored ? 'upserted' : 'quarantined';
          counts[field]++;
          own.counts[field]++;
        });
        own.tally.counted(records);
        if (after) p.stretch = { ...after, upTo: p.stretch.upTo };
        else {
          live.splice(live.indexOf(p), 1);
          tallies.delete(p);
          finished.stored += own.counts.upserted;
          finished.quarantined += own.counts.quarantined;
          if (maxSeen !== null && maxSeen > (seenByFinished ?? 0)) seenByFinished = maxSeen;
        }
        // The listing is over: what it did not meet of the head start's waits for nothing.
        if (live.length === 0) ctx.store.forgetAhead(module);
        saveState(now);
        ctx.store.keepAhead(now);
      });
      ctx.onProgress({ module, phase: 'records', page: ++page, counts: { ...counts }, carried });
      spread();
      if (!after) return;
      await ctx.afterCommit();
    }
  };

  for (const p of [...live]) group.spawn(() => readStretch(p));
  await group.wait();
}

/**
 * Applies deletions since the module's deletion watermark. A deleted lead whose contact (same
 * email) exists is a conversion, in an organisation whose converted leads show as deleted: its
 * history moves to the contact. The contact is made when the lead is converted, before its
 * deletion is listed, so when this run listed Contacts (`newContacts` given) a contact not here
 * yet was made since that listing: `newContacts` lists Contacts again from there, once for a
 * page with such leads (one request when none was made), so a purge of 10,000 leads costs no
 * search at all. Without it (a run not listing Contacts) the CRM is searched for their emails,
 * ten to a request (findContactsByEmail). When the CRM will not search (SearchUnavailableError),
 * such a lead is deleted as any record is, and `note` says so once: Zoho keeps converted leads
 * out of its deleted ones, so only such an organisation loses a history. A read that fails
 * otherwise (a 5xx, a timeout) leaves the page for the next run: DeletionsUnavailableError.
 */
export async function pullDeletions(
  ctx: PullContext,
  module: SyncModule,
  counts: ModuleCounts,
  note: (text: string) => void = () => undefined,
  newContacts?: () => Promise<void>,
): Promise<void> {
  const key = deletionsKey(module);
  const state = readState(ctx.db, key);
  let cursor = state.cursor ?? startCursor(state.watermark);
  // A resumed pull goes on from the deletions its earlier runs applied (each deletes once).
  const base = counts.deleted;
  counts.deleted += cursor.deleted ?? 0;
  let searchable = true;
  /** A failure of the CRM, not of this sign-in: the page waits for a later run. */
  const later = (what: string, error: unknown): Error => {
    if (error instanceof CrmAuthError || ctx.signal?.aborted) return error as Error;
    return new DeletionsUnavailableError(
      `${what} failed (${(error as Error).message}); they are removed in a later sync`,
      { cause: error },
    );
  };
  /** The contacts the CRM holds with these emails (lower case); none once it will not search. */
  const contactsByEmail = async (emails: string[]): Promise<Map<string, PulledRecord>> => {
    const find = ctx.source.findContactsByEmail?.bind(ctx.source);
    if (!searchable || !find) return new Map();
    try {
      return await find(emails, ctx.signal);
    } catch (error) {
      if (error instanceof SearchUnavailableError) {
        searchable = false;
        note(
          `Leads: deleted leads were not checked for a conversion into a contact made since Contacts were read, and were deleted with their history: ${error.message}`,
        );
        return new Map();
      }
      throw later("Zoho's contacts search", error);
    }
  };
  /** Leads stored here with an email no contact here has: a contact not read yet may. */
  const unmatched = (deleted: readonly { id: string }[]): string[] =>
    deleted.flatMap((d) => {
      const local = ctx.store.localLeadAndContact(d.id);
      return local?.email && !local.contactId ? [local.email] : [];
    });
  for (let page = 1; ; page++) {
    ctx.signal?.throwIfAborted();
    const result = await ctx.source.pullDeleted(module, {
      since: cursor.anchor,
      position: cursor.position,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    const conversions = new Map<string, { contactId: string; fetched: PulledRecord | null }>();
    if (module === 'Leads') {
      // The contact may be newer than our Contacts pull: read it before losing the history.
      const emails = unmatched(result.deleted);
      let searched = new Map<string, PulledRecord>();
      if (emails.length > 0 && newContacts)
        await newContacts().catch((error: unknown) => {
          throw later("Zoho's listing of the contacts made since", error);
        });
      else if (emails.length > 0) searched = await contactsByEmail(emails);
      for (const d of result.deleted) {
        const local = ctx.store.localLeadAndContact(d.id);
        if (!local?.email) continue;
        if (local.contactId) {
          conversions.set(d.id, { contactId: local.contactId, fetched: null });
          continue;
        }
        const contact = searched.get(local.email.toLowerCase());
        if (contact && !contact.error)
          conversions.set(d.id, { contactId: contact.id, fetched: contact });
      }
    }
    let maxSeen = cursor.maxSeen;
    for (const d of result.deleted) if (d.deletedAt > (maxSeen ?? 0)) maxSeen = d.deletedAt;
    const after = result.next === null ? null : { ...cursor, position: result.next, maxSeen };
    await ctx.commitGate?.();
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
      ctx.store.keepAhead(now);
    });
    ctx.onProgress({ module, phase: 'deletions', page, counts: { ...counts } });
    if (!after) return;
    cursor = after;
    await ctx.afterCommit();
    await yieldToEventLoop();
  }
}
