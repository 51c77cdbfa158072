import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  CrmAuthError,
  PositionExpiredError,
  type ConvertedLead,
  type PulledRecord,
} from '../crm/crmSource';
import { transaction } from '../db/sqlRun';
import type { ModuleCounts, PullContext } from './pullContext';
import { readState, startCursor, writeState } from './syncState';

/** Where the listing of converted leads stands, apart from the Leads listing and its deletions. */
const CONVERSIONS_KEY = 'Leads:converted';
/** When a look at every conversion, not only those modified since the last, last finished. */
const WHOLE_LOOK_KEY = 'Leads:converted-all';
/**
 * Zoho does not document that a conversion moves the lead's Modified_Time, which the looks in
 * between rely on: a look at every conversion this often catches one that did not (a request
 * per 200 converted leads).
 */
const WHOLE_LOOK_EVERY_MS = 7 * 86_400_000;

/**
 * The CRM failed to tell the conversions this time (a refusal, an error, the network after its
 * retries): the leads stay as they are and a later run goes on from where this one stood.
 */
export class ConversionsUnavailableError extends Error {
  override name = 'ConversionsUnavailableError';
}

/** A request of this step: its failure, unless it must end the sync, is the CRM's (above). */
async function ask<T>(ctx: PullContext, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof CrmAuthError || ctx.signal?.aborted) throw error;
    throw new ConversionsUnavailableError((error as Error).message, { cause: error });
  }
}

// An expired page token restarts the look from its anchor; past this many something else is wrong.
const MAX_RESTARTS = 3;

/**
 * Merges each lead converted in the CRM since the last look into the contact it became: its
 * activities, visits, chats, deals, plan marks and alerts move there and the lead row goes, so
 * the rep sees one person with one history. Zoho keeps a converted lead, hidden from the Leads
 * listing, rather than deleting it: without this the lead would stay for ever beside its contact.
 * A merge counts as a deletion of the lead. A lead whose contact Zoho no longer has (deleted
 * since the conversion) is no live lead any more: it is deleted as a lead deleted in Zoho is, its
 * activities with it, as they went in Zoho with the contact they had moved to. Resumes page by
 * page like the other pulls. The first
 * look lists every conversion, so that leads converted before this step existed are merged too,
 * and so does one a week (WHOLE_LOOK_EVERY_MS).
 * Throws ConversionsUnavailableError when the CRM fails to tell.
 */
export async function pullConversions(ctx: PullContext, counts: ModuleCounts): Promise<void> {
  const pullConverted = ctx.source.pullConverted?.bind(ctx.source);
  if (!pullConverted) return;
  const state = readState(ctx.db, CONVERSIONS_KEY);
  // The newest Modified_Time this run's Leads listing stored is older, by the CRM's clock, than the
  // first request below; a lead converted after a complete look is modified later still. So a
  // look that lists nothing still moves the watermark on, and the next asks only for what is newer.
  const floor = readState(ctx.db, 'Leads').watermark;
  const lastWholeLook = readState(ctx.db, WHOLE_LOOK_KEY).lastSuccessAt;
  const wholeLookDue = lastWholeLook === null || ctx.now() - lastWholeLook >= WHOLE_LOOK_EVERY_MS;
  let cursor = state.cursor ?? startCursor(wholeLookDue ? null : state.watermark);
  const base = counts.deleted;
  counts.deleted += cursor.deleted ?? 0;
  let restarts = 0;
  for (let page = 1; ; page++) {
    ctx.signal?.throwIfAborted();
    const request = {
      since: cursor.anchor,
      position: cursor.position,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    };
    let result;
    try {
      result = await ask(ctx, () => pullConverted(request));
    } catch (error) {
      // A page token lives a day: a look resumed later lists again from its anchor (a merge
      // already made is not made twice: the lead is gone).
      const expired = error instanceof Error && error.cause instanceof PositionExpiredError;
      if (!expired || ++restarts > MAX_RESTARTS) throw error;
      cursor = { ...cursor, position: null };
      continue;
    }
    const merges = await mergesOf(ctx, result.converted);
    let maxSeen = cursor.maxSeen;
    for (const c of result.converted) if (c.modifiedAt > (maxSeen ?? 0)) maxSeen = c.modifiedAt;
    const after = result.next === null ? null : { ...cursor, position: result.next, maxSeen };
    await ctx.commitGate?.();
    const now = ctx.now();
    transaction(ctx.db, () => {
      for (const m of merges) {
        if (m.fetched) ctx.store.store('Contacts', m.fetched, now);
        const stored = ctx.store.localLeadAndContact(m.leadId) !== null;
        if (!stored && !ctx.store.awaited(m.leadId)) continue;
        // A contact read from the CRM may have gone to quarantine rather than be stored: the
        // lead waits. One the CRM no longer has takes the lead with it, as a deletion.
        if (ctx.store.hasPerson(m.contactId)) {
          ctx.store.mergeLeadIntoContact(m.leadId, m.contactId);
          if (stored) counts.deleted++;
        } else if (m.contactGone && ctx.store.delete('Leads', m.leadId)) counts.deleted++;
      }
      writeState(
        ctx.db,
        CONVERSIONS_KEY,
        after
          ? {
              watermark: state.watermark,
              cursor: { ...after, deleted: counts.deleted - base },
              lastSuccessAt: state.lastSuccessAt,
            }
          : { watermark: newer(maxSeen, floor), cursor: null, lastSuccessAt: now },
        now,
      );
      if (!after && cursor.anchor === null)
        writeState(
          ctx.db,
          WHOLE_LOOK_KEY,
          { watermark: null, cursor: null, lastSuccessAt: now },
          now,
        );
    });
    ctx.onProgress({
      module: 'Leads',
      phase: 'deletions',
      step: 'conversions',
      page,
      counts: { ...counts },
    });
    if (!after) return;
    cursor = after;
    await ctx.afterCommit();
    await yieldToEventLoop();
  }
}

interface Merge {
  leadId: string;
  contactId: string;
  /** The contact read from the CRM, when it is not stored here yet. */
  fetched: PulledRecord | null;
  /** The CRM has no such contact (204): deleted since the conversion. */
  contactGone?: boolean;
}

/**
 * The merges a page asks for: only leads stored here as leads matter (most conversions on a
 * first look are of leads never stored), and those never stored whose visits or deals wait for
 * them (localStore.ts WAITING): the Leads listing no longer lists a converted lead. Their contact is read from the lead when the listing
 * does not name it, and read itself when it is not stored yet (converted since Contacts were
 * pulled): a request each, side by side as the CRM's limit of requests at once allows (a first
 * look may meet every lead earlier versions kept beside its contact).
 */
async function mergesOf(ctx: PullContext, converted: ConvertedLead[]): Promise<Merge[]> {
  const held = converted.filter(
    (c) => ctx.store.localLeadAndContact(c.id) || ctx.store.awaited(c.id),
  );
  const outcomes = await Promise.allSettled(held.map((c) => mergeOf(ctx, c)));
  const merges: Merge[] = [];
  const failures: unknown[] = [];
  for (const o of outcomes) {
    if (o.status === 'fulfilled') {
      if (o.value) merges.push(o.value);
    } else if (o.reason instanceof ConversionsUnavailableError) failures.push(o.reason);
    else throw o.reason;
  }
  // One lead the CRM will not answer for (a sharing rule, a contact this user may not read) must
  // not hold up every conversion after it: it waits for the weekly look at every conversion.
  // When none is answered, the CRM is failing: the step stops here and goes on next time.
  if (failures.length > 0 && merges.length === 0 && failures.length === held.length)
    throw failures[0];
  return merges;
}

async function mergeOf(ctx: PullContext, c: ConvertedLead): Promise<Merge | null> {
  const { source, store, signal } = ctx;
  const contactId =
    c.contactId ?? (await ask(ctx, async () => source.convertedContactOf?.(c.id, signal))) ?? null;
  // The CRM always makes (or names) a contact on conversion; one it does not name leaves the
  // lead as it is rather than losing its history.
  if (!contactId) return null;
  if (store.hasPerson(contactId)) return { leadId: c.id, contactId, fetched: null };
  const find = source.findContactById?.bind(source);
  if (!find) return null;
  const fetched = await ask(ctx, () => find(contactId, signal));
  if (fetched === null) return { leadId: c.id, contactId, fetched: null, contactGone: true };
  return fetched.error ? null : { leadId: c.id, contactId, fetched };
}

const newer = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);
