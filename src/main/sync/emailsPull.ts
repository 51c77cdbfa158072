import { EmailsUnavailableError, type PersonRef } from '../crm/crmSource';
import { hasPulledEmails } from '../db/repos/activities';
import {
  changedPeopleInRowids,
  changedPeopleNewestFirst,
  modifiedAtIndexed,
  newestModifiedAt,
  peopleAfterId,
  personStamp,
} from '../db/repos/people';
import type { ModuleCounts, PullContext } from './pullContext';
import { personRotation, type Turn as RotationTurn } from './personRotation';
import { PersonPass, walkChangedPass } from './relatedListRetries';
import { readState, writeState } from './syncState';
import { newestChangedPeople, readPeopleInTurn, readPersonPages } from './relatedListReads';

/**
 * Which people's Emails related lists a run reads, and how many requests that may cost. Zoho
 * counts every call against the organisation's daily API credits and answers 10 emails a call,
 * so a run asks about a bounded number of people, chosen in this order:
 *   1. awaiting a reaction: people emailed in the last `recentDays` (opens, clicks and replies
 *      arrive without changing the person's record), in turn, at most half the budget;
 *   2. changed: people created or modified since the last pass, most recent first; a pass that
 *      does not fit one run goes on in the next (a first sync's backlog drains over hours);
 *   3. sweep: everyone in turn, at most `sweepPerRun`, so a mail sent to a person whose record
 *      did not change still arrives.
 * At the defaults and a run every 5 minutes that is at most 8,640 people a day, most of them one
 * call each; the sweep alone takes 2,880 (a 10,000-person organisation every 3.5 days).
 */
export interface EmailsPolicy {
  peoplePerRun: number;
  sweepPerRun: number;
  recentDays: number;
  /** Pages (10 emails each, newest first) read for a person read before, and for a new one. */
  pagesKnown: number;
  pagesNew: number;
}

export const DEFAULT_EMAILS_POLICY: EmailsPolicy = {
  peoplePerRun: 30,
  sweepPerRun: 10,
  recentDays: 14,
  pagesKnown: 2,
  pagesNew: 10,
};

// After the CRM refused to list emails, it is asked again this much later.
const UNAVAILABLE_RETRY_MS = 24 * 3_600_000;
const KEY = 'Emails';
const RECENT_KEY = 'Emails:recent';
const SWEEP_KEY = 'Emails:sweep';
const UNAVAILABLE_KEY = 'Emails:unavailable';
const RETRY_KEY = 'Emails:retry';

interface RecentCursor {
  /** The last person asked about in turn. */
  after: string;
  /** Each person emailed in the last `recentDays`, with when we last sent them a mail. */
  emailed: [string, number][];
}

export interface EmailsCounts extends ModuleCounts {
  /** People whose emails were read. */
  people: number;
  /** Why emails were not read, when the CRM refused. */
  unavailable: string | null;
  /** The first person whose emails could not be read this run, and why; asked again later. */
  failed: string | null;
  /** People whose emails could not be read, waiting to be asked again (relatedListRetries.ts). */
  retrying?: number;
}

type PersonRow = PersonRef & { modified_at: number };

/** Reading one person's emails failed at the CRM (network, server), not here. */
class EmailsReadError extends Error {
  override name = 'EmailsReadError';
}

type Turn = RotationTurn<PersonRow>;

const stays = (): void => undefined;

/** Reads the Emails related lists of the people the policy picks; never fails the sync for them. */
export async function pullEmails(
  ctx: PullContext,
  policy: EmailsPolicy,
  counts: EmailsCounts,
): Promise<void> {
  if (!ctx.source.pullPersonEmails) return;
  const pull = ctx.source.pullPersonEmails.bind(ctx.source);
  const now = ctx.now();
  const refused = readState(ctx.db, UNAVAILABLE_KEY).watermark;
  if (refused !== null && now - refused < UNAVAILABLE_RETRY_MS) {
    counts.unavailable = 'the CRM refused to list emails less than a day ago; asking again later';
    return;
  }
  // People emailed lately and when, kept as the pulls store their mails: asking the activities
  // table which people have a recent outbound mail means a probe per person of the organisation.
  const since = now - policy.recentDays * 86_400_000;
  const stored = readState<RecentCursor>(ctx.db, RECENT_KEY).cursor;
  let after = stored?.after ?? '';
  const emailed = new Map((stored?.emailed ?? []).filter(([, at]) => at >= since));
  const saveRecent = (): void => {
    const at = ctx.now();
    const cursor: RecentCursor = { after, emailed: [...emailed] };
    writeState(ctx.db, RECENT_KEY, { watermark: null, cursor, lastSuccessAt: at }, at);
  };
  const run = new PersonPass(ctx.db, RETRY_KEY, policy.peoplePerRun, (n) => (counts.retrying = n));
  /** False when the CRM refused: the phase ends for this run. */
  const takeAll = (turns: readonly Turn[]): Promise<boolean> =>
    readPeopleInTurn(
      ctx,
      run,
      // Each turn's commit keeps who was emailed lately and where the turn by id stands.
      turns.map((t) => ({
        person: t.person,
        advance: () => {
          t.advance();
          saveRecent();
        },
      })),
      {
        module: 'Emails',
        // People are read side by side, as many as the CRM takes at once; the first one alone,
        // as one request finds out whether the CRM lists emails at all.
        width: () => (run.hasAnswered ? (ctx.source.requestsAtOnce?.() ?? 1) : 1),
        read: (person, signal) => {
          const pages = hasPulledEmails(ctx.db, person.id) ? policy.pagesKnown : policy.pagesNew;
          return readPersonPages(
            pull,
            person,
            pages,
            signal,
            EmailsUnavailableError,
            EmailsReadError,
          );
        },
        failed: EmailsReadError,
        ends: (error) => {
          if (!(error instanceof EmailsUnavailableError)) return false;
          counts.unavailable = error.message;
          const at = ctx.now();
          writeState(
            ctx.db,
            UNAVAILABLE_KEY,
            { watermark: at, cursor: null, lastSuccessAt: null },
            at,
          );
          return true;
        },
        store: (person, records, at) => {
          let newestSent: number | null = null;
          for (const record of records) {
            if (ctx.store.store('Emails', record, at)) counts.upserted++;
            else counts.quarantined++;
            for (const w of record.writes)
              if (w.table === 'activities' && w.row.kind === 'email' && w.row.direction === 'out')
                newestSent = Math.max(newestSent ?? 0, w.row.started_at);
          }
          if (newestSent !== null && newestSent >= since)
            emailed.set(person.id, Math.max(emailed.get(person.id) ?? 0, newestSent));
        },
        tally: counts,
        progress: counts,
      },
    );

  // 0. Asked again after a failure, once their wait is over.
  const retried: Turn[] = [];
  for (const id of run.due(now, policy.peoplePerRun)) {
    const person = personStamp(ctx.db, id);
    // Deleted since: their emails went with them.
    if (!person) run.settle(id, false, now);
    else retried.push({ person, advance: stays });
  }
  if (!(await takeAll(retried))) return;

  // 1. Awaiting a reaction, in turn by id.
  const inTurn = [...emailed.keys()].sort();
  const share = Math.min(Math.floor(policy.peoplePerRun / 2), inTurn.length);
  const start = inTurn.findIndex((id) => id > after);
  const turnOrder = start < 0 ? inTurn : [...inTurn.slice(start), ...inTurn.slice(0, start)];
  const awaiting: Turn[] = [];
  for (const id of turnOrder.slice(0, share)) {
    const person = personStamp(ctx.db, id);
    if (!person) {
      emailed.delete(id);
      continue;
    }
    awaiting.push({ person, advance: () => (after = id) });
  }
  if (!(await takeAll(awaiting))) return;

  // 2. Changed since the last pass, newest first.
  const goOn = await walkChangedPass(
    ctx.db,
    ctx.now,
    KEY,
    run,
    (person) => person.modified_at,
    (lower, upper, before, limit) => changedPeople(ctx, lower, upper, before, limit),
    takeAll,
  );
  if (!goOn) return;

  // 3. Everyone in turn.
  const sweep = personRotation(
    ctx,
    SWEEP_KEY,
    Math.min(run.left, policy.sweepPerRun),
    (after, limit) => peopleAfterId(ctx.db, after, limit),
    true,
  );
  await takeAll(sweep);
}

/**
 * The `limit` most recently modified people in (lower, upper] that come after `before` in the
 * pass's order; a new pass (upper null) covers everyone modified after `lower` and learns its
 * upper bound. Without an index on people.modified_at one query over 100,000 people held the
 * event loop 80 ms, so they are then read in chunks of rowids with a turn of the loop between.
 */
async function changedPeople(
  ctx: PullContext,
  lower: number,
  upper: number | null,
  before: { at: number; id: string } | null,
  limit: number,
): Promise<{ upper: number | null; people: PersonRow[] }> {
  if (modifiedAtIndexed(ctx.db)) {
    const top = upper ?? newestModifiedAt(ctx.db);
    if (top === null || top <= lower) return { upper: null, people: [] };
    const people = changedPeopleNewestFirst(ctx.db, { lower, upper: top, before, limit });
    return { upper: top, people };
  }
  return newestChangedPeople(
    ctx.db,
    { upper, before, limit },
    (p: PersonRow) => p.modified_at,
    (from, to) => changedPeopleInRowids(ctx.db, from, to, lower, upper ?? Number.MAX_SAFE_INTEGER),
  );
}
