import type { CrmSource, SyncModule } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { heldBackRecord } from '../db/repos/quarantine';
import { peopleLetGo } from './peopleLetGo';
import { transaction } from '../db/sqlRun';
import type { LocalStore } from './localStore';
import { noteNotShown, notShownLately } from './visitorsNotShown';

/**
 * A web form makes a lead in Zoho and SalesIQ links the visitor's visit to it at once: the
 * minute's visits run stores that visit minutes before the records run lists the lead. Until
 * then the visitor would read "Unknown visitor" with Create lead (a second lead in Zoho), and
 * their owner's alert would wait. So the people such visits name are read by id in the same run
 * and stored as the records run stores them (the visit is linked as they are: localStore.ts
 * WAITING). Reading by id with the rep's sign-in shows exactly what a listing would: Zoho
 * answers 204 for a record not shared with them, and nothing is stored then; the answer is
 * remembered for a while (visitorsNotShown.ts), so the minute's runs that store that visit again
 * do not ask again.
 */

/** People read by id in one run (up to two requests each: a lead, else a contact). */
const VISITORS_PER_RUN = 10;
/** However slow Zoho is, the minute's run is not held up longer than this by these reads. */
const VISITORS_DEADLINE_MS = 15_000;

/** The visit does not say which module its person is in; a web form's visitor is a lead. */
const PEOPLE_MODULES = ['Leads', 'Contacts'] as const;

export interface VisitorsRun {
  db: Db;
  source: Pick<CrmSource, 'pullOne'>;
  store: LocalStore;
  now: () => number;
  /** The sync's stop: it ends the run, not only these reads. */
  signal: AbortSignal | undefined;
  /** Modules the organisation lacks or the rep may not read: their people are not read. */
  unreadable: ReadonlySet<SyncModule>;
}

/**
 * Reads and stores the people named on this run's visits who are not stored here; returns how
 * many were stored. An optional step: what it leaves (the deadline, a fault of the CRM's) waits
 * for the records run, which lists them anyway, and the visits stay stored as they are.
 */
export async function readUnstoredVisitors(run: VisitorsRun): Promise<number> {
  const { db, source, store } = run;
  if (!source.pullOne || store.unstoredVisitors.size === 0) return 0;
  const pullOne = source.pullOne.bind(source);
  const modules = PEOPLE_MODULES.filter((m) => !run.unreadable.has(m));
  // Retry let them go because Zoho answered none for them; the daily visibility check reads
  // them again once Zoho shows them.
  const letGo = new Set(peopleLetGo(db));
  const notShown = notShownLately(db, run.now());
  const ids = [...store.unstoredVisitors]
    .filter(
      (id) =>
        !store.hasPerson(id) &&
        !letGo.has(id) &&
        !notShown.has(id) &&
        modules.every((m) => heldBackRecord(db, m, id) === undefined),
    )
    .slice(0, VISITORS_PER_RUN);
  store.unstoredVisitors.clear();
  if (ids.length === 0 || modules.length === 0) return 0;
  const deadline = AbortSignal.timeout(VISITORS_DEADLINE_MS);
  const signal = run.signal ? AbortSignal.any([run.signal, deadline]) : deadline;
  let stored = 0;
  const noneNow: string[] = [];
  try {
    for (const id of ids) {
      let found = false;
      for (const module of modules) {
        const record = await pullOne(module, id, signal);
        if (!record) continue;
        const now = run.now();
        if (transaction(db, () => store.store(module, record, now))) stored++;
        found = true;
        break;
      }
      // Every module answered 204: neither a lead nor a contact the rep may see.
      if (!found) noneNow.push(id);
    }
  } catch (error) {
    // Past the deadline the rest waits for the records run; a stop is the run's to tell.
    if (!(deadline.aborted && !run.signal?.aborted)) throw error;
  } finally {
    noteNotShown(db, noneNow, run.now());
  }
  return stored;
}
