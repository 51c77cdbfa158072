import { DateTime } from 'luxon';
import type { Db } from '../db/openDatabase';
import { keptDayHasCallRow, loggedCalls } from '../db/repos/plans';
import { userById } from '../db/repos/users';
import { contactTimes, type ContactTimes } from './reachedRows';

/**
 * The rows of a rep's day as kept so far (`DayPlanKeeper.firstSeen`, or the day's snapshot),
 * keyed `personId|channel`; null when no plan of that day was kept yet.
 */
export type KeptRows = () => { has(key: string): boolean } | null;

/**
 * The people a rep called on a day who had no call row on the rep's plan of that day when they
 * were called ("off plan"): the day's plan is the people it offered, and a call does not add
 * its person to it after the fact. The call is work all the same (in the timeline, learned from,
 * in the CRM), and the windows it teaches plan the days after; but that day's plan lists no call
 * row for them, so it counts no "done" or "worked in window" the plan never offered.
 *
 * - A call logged here was judged as it was logged (`logCall`, the `off_plan` of its
 *   `call_logged` mark): whether the plan showed them a call row at that moment.
 * - A call that came from the CRM (the phone system) is judged by the day's plan as it was kept
 *   before the sync brought it: the relearn after the sync teaches windows around the call, but
 *   the day's kept rows were taken from the windows learned before it (the keeper never admits an
 *   off-plan caller, see `DayPlanKeeper.keep`). On a day no plan was kept of before the sync
 *   (the app not running), the core keeps it before the relearn, from the windows learned before
 *   the sync (`keepDaysBeforeRelearn` in createCore.ts). A day still without a kept plan (no
 *   windows learned at all yet) cannot tell: its callers are taken as on it.
 *
 * A "no window today" row is a row: someone called from it was on the plan.
 */
export function offPlanCallers(
  db: Db,
  repId: string,
  day: string,
  /** The rep's contacts that day (`contactTimes`). */
  contacts: ContactTimes | null,
  keptRows: KeptRows,
): Set<string> {
  const logged = loggedCalls(db, repId, day);
  const out = new Set<string>();
  for (const [id, off] of logged) if (off) out.add(id);
  const called = contacts?.call;
  if (!called) return out;
  let rows: ReturnType<KeptRows> | undefined;
  for (const id of called.keys()) {
    // A call logged here says for itself (an earlier synced call was taken into account then).
    if (logged.has(id)) continue;
    rows ??= keptRows();
    if (rows === null) break;
    if (!rows.has(`${id}|call`)) out.add(id);
  }
  return out;
}

/**
 * Whether a call with the person on the rep's day leaves them off its plan (see
 * `offPlanCallers`), up to `now`: the person page, and a call being logged. One person is
 * judged, not the whole plan: their calls that day and whether the day's kept rows list them.
 * The rows are the keeper's (`DayPlanKeeper.keptRows`: the plan as the planner shows it now);
 * without a keeper (the command line), as the day's snapshot in the database keeps them.
 */
export function calledOffPlan(
  db: Db,
  repId: string,
  day: string,
  personId: string,
  now: number,
  keptRows?: KeptRows,
): boolean {
  const zone = userById(db, repId)?.time_zone ?? 'UTC';
  const dayStart = DateTime.fromISO(day, { zone });
  if (!dayStart.isValid) return false;
  const contacts = contactTimes(db, repId, zone, day, now);
  const own: ContactTimes | null = contacts && {
    call: new Map([...contacts.call].filter(([id]) => id === personId)),
    email: new Map(),
  };
  const rows: KeptRows =
    keptRows ??
    (() => {
      const has = keptDayHasCallRow(db, repId, day, personId);
      return has === undefined ? null : { has: (key) => has && key === `${personId}|call` };
    });
  return offPlanCallers(db, repId, day, own, rows).has(personId);
}
