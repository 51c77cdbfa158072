import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { CrmSource, PulledRecord, SyncModule } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { syncStateRow } from '../db/repos/syncState';
import { transaction } from '../db/sqlRun';
import type { FirstSyncEstimate } from './firstSyncEstimate';
import type { PullContext } from './pullContext';
import { deletionsKey } from './syncState';
import { onlyAnchored } from './deletionAnchor';
import { TaskGroup } from './taskGroup';

/** How far back the signed-in rep's own activity is read ahead of the full listing. */
export const HEAD_START_DAYS = 90;
const DAY_MS = 86_400_000;

export interface HeadStartPolicy {
  /**
   * A first sync whose estimate counts fewer records is over in a few dozen requests: reading
   * the rep's records first would only add requests.
   */
  minRecords: number;
}

const DEFAULT_HEAD_START_POLICY: HeadStartPolicy = { minRecords: 5_000 };

/** What a head start stored: the rep's people, their recent activities, and their deals. */
export interface HeadStartCounts {
  people: number;
  activities: number;
  deals: number;
}

export interface HeadStart {
  ownerId: string;
  people: SyncModule[];
  activities: SyncModule[];
  /** Deals make a person a customer, or one with an open deal, in the plan. */
  deals: SyncModule[];
}

const PEOPLE: readonly SyncModule[] = ['Contacts', 'Leads'];
const ACTIVITIES: readonly SyncModule[] = ['Calls', 'Events', 'Tasks'];

const untouched = (db: Db, module: SyncModule): boolean => {
  if (syncStateRow(db, module) !== undefined) return false;
  // A deletion listing's anchor is set before the head start, which a kill there does again.
  const deletions = syncStateRow(db, deletionsKey(module));
  return deletions === undefined || onlyAnchored(deletions);
};

/**
 * Whether this sync reads the signed-in rep's own people and their last 90 days of activity
 * before everything else, and which modules: only a first sync that has not started listing
 * (a resumed one goes on listing; a kill during the head start does it again), of an organisation
 * large enough for the wait to matter, with a known rep and a CRM that can search by owner.
 */
export function planHeadStart(
  db: Db,
  source: CrmSource,
  input: {
    first: boolean;
    ownerId: string | null | undefined;
    /** The modules this run lists (those the organisation lacks left out). */
    listed: readonly SyncModule[];
    estimate: FirstSyncEstimate | null;
    /** False: none; else DEFAULT_HEAD_START_POLICY with these overrides. */
    policy: Partial<HeadStartPolicy> | false | undefined;
  },
): HeadStart | null {
  const policy = input.policy === false ? false : { ...DEFAULT_HEAD_START_POLICY, ...input.policy };
  if (!policy || !input.first || !input.ownerId || !source.pullOwnedBy || !input.estimate)
    return null;
  const records = Object.values(input.estimate.records).reduce<number>((n, c) => n + (c ?? 0), 0);
  if (records < policy.minRecords) return null;
  const people = PEOPLE.filter((m) => input.listed.includes(m));
  if (people.length === 0 || !input.listed.every((m) => untouched(db, m))) return null;
  return {
    ownerId: input.ownerId,
    people,
    activities: ACTIVITIES.filter((m) => input.listed.includes(m)),
    deals: input.listed.includes('Deals') ? ['Deals'] : [],
  };
}

/** The requests a head start makes at least: a page for each module it searches. */
export const headStartRequests = (plan: HeadStart): number =>
  plan.people.length + plan.activities.length + plan.deals.length;

/** An activity or deal whose every row points at a person stored here (the rep's, read just before). */
function ofStoredPeople(ctx: PullContext, record: PulledRecord): boolean {
  return record.writes.every(
    (w) =>
      (w.table !== 'activities' && w.table !== 'deals') ||
      (w.row.person_id !== null && ctx.store.hasPerson(w.row.person_id)),
  );
}

/**
 * Reads the rep's own leads and contacts, and the activities the rep logged in the last 90 days
 * and the rep's deals that are about them (the others come with the full listing, which would
 * otherwise find them quarantined or unlinked), each page stored in one transaction, ahead of the modules' listings: no cursor
 * moves, and the listings store every record again (an upsert by id: nothing doubles) and count it
 * as theirs. Returns what it stored, or null after a failure, which it notes; the sync goes on.
 */
export async function runHeadStart(
  ctx: PullContext,
  plan: HeadStart,
  notes: string[],
): Promise<HeadStartCounts | null> {
  const counts: HeadStartCounts = { people: 0, activities: 0, deals: 0 };
  const pull = ctx.source.pullOwnedBy?.bind(ctx.source);
  if (!pull) return null;
  const group = new TaskGroup(ctx.signal);
  /** One module's pages, the next one asked for while this one is stored, as listings do. */
  const read = async (
    module: SyncModule,
    modifiedFrom: number | null,
    kind: keyof HeadStartCounts,
    storable: () => Promise<unknown>,
  ): Promise<void> => {
    const ask = (position: string | null) => {
      const pending = pull(module, { ownerId: plan.ownerId, modifiedFrom }, position, group.signal);
      // Awaited below; until then a failure must not count as an unhandled rejection.
      pending.catch(() => undefined);
      return pending;
    };
    let pending = ask(null);
    for (;;) {
      const page = await pending;
      if (page.next !== null) pending = ask(page.next);
      await storable();
      group.signal.throwIfAborted();
      await (ctx.commitGate ? ctx.commitGate() : yieldToEventLoop());
      const now = ctx.now();
      transaction(ctx.db, () => {
        for (const record of page.records) {
          // A malformed record, or an activity about someone else's person, waits for the listing.
          if (record.error || (kind !== 'people' && !ofStoredPeople(ctx, record))) continue;
          if (ctx.store.storeAhead(module, record, now)) counts[kind]++;
        }
        ctx.store.keepAhead(now);
      });
      await ctx.afterCommit();
      if (page.next === null) return;
    }
  };
  ctx.onProgress({ module: 'plan', phase: 'started', page: 0, counts: zero() });
  try {
    const atOnce = (): Promise<void> => Promise.resolve();
    // Activities are read alongside the people (the round trips are the wait) and stored once
    // every person is: only then is it known whose they are.
    const reads = plan.people.map((m) => read(m, null, 'people', atOnce));
    for (const r of reads) group.spawn(() => r);
    const people = Promise.all(reads);
    people.catch(() => undefined);
    const from = ctx.now() - HEAD_START_DAYS * DAY_MS;
    for (const module of plan.activities)
      group.spawn(() => read(module, from, 'activities', () => people));
    for (const module of plan.deals) group.spawn(() => read(module, null, 'deals', () => people));
    await group.wait();
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    notes.push(
      `Your own people could not be read first (${message}); your plan comes with the rest of the first sync`,
    );
    return null;
  }
  ctx.onProgress({
    module: 'plan',
    phase: 'done',
    page: 0,
    counts: {
      upserted: counts.people + counts.activities + counts.deals,
      deleted: 0,
      quarantined: 0,
    },
  });
  return counts;
}

const zero = (): { upserted: number; deleted: number; quarantined: number } => ({
  upserted: 0,
  deleted: 0,
  quarantined: 0,
});
