import { ModuleUnavailableError, type PersonRef, type PulledRecord } from '../crm/crmSource';
import { peopleInRowidsBy, peopleOfAfterId, personStamp, type PersonAt } from '../db/repos/people';
import { visitExists } from '../db/repos/visits';
import type { ModuleCounts, PullContext } from './pullContext';
import { personRotation, type Turn as RotationTurn } from './personRotation';
import { PersonPass, walkChangedPass } from './relatedListRetries';
import { newestChangedPeople, readPeopleInTurn, readPersonPages } from './relatedListReads';

/**
 * An organisation whose Visits module the API does not serve still lists each lead's and
 * contact's visits (SalesIQ's related list). A list costs a request per person, so a run reads a
 * bounded number of people: those whose last visit (the SalesIQ summary field on the person)
 * moved since the last pass, most recent first. A pass that does not fit one run goes on in the
 * next, so a first sync's backlog drains over a few hours, the latest visitors first. Where people
 * carry no last-visit time, the pass runs over people modified since the last one instead.
 * Then a sweep: every visitor in turn, at most `sweepPerRun`, since the pass moves past a person
 * whose list failed and the retry list gives them up (after five tries, or when it is full): a
 * visitor who does not come back would otherwise never be read. At the defaults and a run every
 * 5 minutes, 1,440 lists a day: 5,000 visitors every 3.5 days.
 */
export interface VisitListsPolicy {
  peoplePerRun: number;
  /** Of those, at most this many by the sweep (and only what the other passes left). */
  sweepPerRun: number;
  /** Pages (200 visits each) read of one person's list. */
  pages: number;
}

export const DEFAULT_VISIT_LISTS_POLICY: VisitListsPolicy = {
  peoplePerRun: 30,
  sweepPerRun: 5,
  pages: 5,
};

const KEY = 'Visits:lists';
const RETRY_KEY = 'Visits:lists:retry';
const SWEEP_KEY = 'Visits:lists:sweep';

export interface VisitListsCounts {
  /** People whose visits were read. */
  people: number;
  /** The first person whose visits could not be read this run, and why; asked again later. */
  failed: string | null;
  /** People whose visits could not be read, waiting to be asked again (relatedListRetries.ts). */
  retrying?: number;
}

/** Reading one person's list failed at the CRM (network, server), not here. */
class ListReadError extends Error {
  override name = 'ListReadError';
}

type Turn = RotationTurn<PersonRef>;

/**
 * Reads the visits related lists of the people the policy picks, first those whose earlier read
 * failed and whose wait is over (relatedListRetries.ts). A person the CRM cannot list goes on that
 * retry list and the pass moves past them: the step never fails the sync over them, and three
 * failures in a row (an outage) end it for this run. A ModuleUnavailableError (the list or a field
 * went away) ends the step for the engine to note.
 */
export async function pullVisitLists(
  ctx: PullContext,
  how: { of: readonly PersonRef['module'][]; lastVisit: boolean },
  policy: VisitListsPolicy,
  counts: ModuleCounts,
  lists: VisitListsCounts,
): Promise<void> {
  if (!ctx.source.pullPersonVisits) return;
  const pull = ctx.source.pullPersonVisits.bind(ctx.source);
  const now = ctx.now();
  const run = new PersonPass(ctx.db, RETRY_KEY, policy.peoplePerRun, (n) => (lists.retrying = n));
  /** False when the step ends for this run (failures in a row). */
  const takeAll = (turns: readonly Turn[]): Promise<boolean> =>
    readPeopleInTurn(ctx, run, turns, {
      module: 'Visits',
      width: () => ctx.source.requestsAtOnce?.() ?? 1,
      read: (person, signal) =>
        readPersonPages(pull, person, policy.pages, signal, ModuleUnavailableError, ListReadError),
      failed: ListReadError,
      store: (_person, records, at) => {
        for (const record of records) store(ctx, record, counts, at);
      },
      tally: lists,
      progress: counts,
    });

  // Asked again after a failure, once their wait is over; at most a quarter of the run.
  const retried: Turn[] = [];
  for (const id of run.due(now, policy.peoplePerRun)) {
    const person = personStamp(ctx.db, id);
    // Deleted since (their visits went with them), or no longer a kind whose visits are listed.
    if (!person || !how.of.includes(person.module)) run.settle(id, false, now);
    else retried.push({ person: { id: person.id, module: person.module }, advance: stays });
  }
  if (!(await takeAll(retried))) return;

  const key = how.lastVisit ? 'last_visit_at' : 'modified_at';
  const goOn = await walkChangedPass(
    ctx.db,
    ctx.now,
    KEY,
    run,
    (person: PersonAt) => person.at,
    (lower, upper, before, limit) => candidates(ctx, key, how.of, lower, upper, before, limit),
    takeAll,
  );
  if (!goOn) return;
  await takeAll(sweep(ctx, how, Math.min(run.left, policy.sweepPerRun), run.waiting()));
}

/**
 * Up to `limit` visitors in id order after where the sweep stands, wrapping around once; people
 * waiting on the retry list are left to its schedule. Each turn moves the sweep past its person.
 */
function sweep(
  ctx: PullContext,
  how: { of: readonly PersonRef['module'][]; lastVisit: boolean },
  limit: number,
  waiting: ReadonlySet<string>,
): Turn[] {
  return personRotation(
    ctx,
    SWEEP_KEY,
    limit,
    (from, n) =>
      peopleOfAfterId(ctx.db, how.of, how.lastVisit, from, n + waiting.size)
        .filter((p) => !waiting.has(p.id))
        .slice(0, n),
    false,
  );
}

const stays = (): void => undefined;

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
  return newestChangedPeople(
    ctx.db,
    { upper, before, limit },
    (p: PersonAt) => p.at,
    (from, to) =>
      peopleInRowidsBy(ctx.db, key, {
        fromRowid: from,
        toRowid: to,
        lower,
        upper: upper ?? Number.MAX_SAFE_INTEGER,
      }).filter((p) => of.includes(p.module)),
  );
}
