import type { PlannerRow } from '../../shared/contract';
import type { TeamCoverage } from '../../shared/teamContract';
import type { Db } from '../db/openDatabase';
import { loggedWorkOf } from '../db/repos/activities';

/** A window 3 stars or more is a good one (TM-2). */
export const GOOD_STARS = 3;

/** Calls and emails logged in a time range, by `personId|channel`, oldest first. */
export type LoggedWork = Map<string, number[]>;

export function loadLoggedWork(
  db: Db,
  ownerIds: readonly string[],
  from: number,
  to: number,
): LoggedWork {
  const out: LoggedWork = new Map();
  for (const a of loggedWorkOf(db, ownerIds, from, to)) {
    const key = `${a.person_id}|${a.kind}`;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(a.started_at);
  }
  return out;
}

/**
 * When the row was worked inside its windows: the first call (on an email row, email) logged in
 * the window the row shows or in one of the day's others. A call at 09:30 in a 09:00–10:00
 * window still works the row after that window has passed and the row shows the next one.
 */
export function workedAt(row: PlannerRow, work: LoggedWork): number | null {
  if (row.start === null || row.end === null) return null;
  const times = work.get(`${row.personId}|${row.channel}`);
  if (!times) return null;
  for (const t of times) {
    if (t >= row.start && t < row.end) return t;
    for (const w of row.alternatives) if (t >= w.start && t < w.end) return t;
  }
  return null;
}

/**
 * TM-2 for one rep's rows: rows with a window, good ones, worked (marked done or logged inside
 * a window), and missed (every window of the day over, neither worked nor skipped).
 */
export function coverageOf(
  rows: readonly PlannerRow[],
  worked: readonly (number | null)[],
  now: number,
): TeamCoverage {
  let windows = 0;
  let goodWindows = 0;
  let done = 0;
  let missed = 0;
  rows.forEach((row, i) => {
    if (row.start === null || row.end === null) return;
    windows++;
    if ((row.stars ?? 0) >= GOOD_STARS) goodWindows++;
    if (row.action === 'done' || worked[i] != null) done++;
    else if (row.action !== 'skipped' && now >= row.end) missed++;
  });
  return {
    windows,
    goodWindows,
    worked: done,
    missed,
    shareWorked: windows === 0 ? 0 : done / windows,
  };
}
