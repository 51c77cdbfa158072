import type { PlannerRow } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { TeamCoverage } from '../../shared/teamContract';
import type { Db } from '../db/openDatabase';
import { loggedWorkOf } from '../db/repos/activities';

/** A window 3 stars or more is a good one (TM-2). */
const GOOD_STARS = 3;

/** Longer than any window lasts past the end of the day it opens in. */
export const WINDOW_OVERHANG_MS = 12 * 3_600_000;

/** Calls and emails logged in a time range, per channel and person, oldest first. */
export type LoggedWork = Record<Channel, Map<string, number[]>>;

export function loadLoggedWork(
  db: Db,
  ownerIds: readonly string[],
  from: number,
  to: number,
): LoggedWork {
  const out: LoggedWork = { call: new Map(), email: new Map() };
  for (const a of loggedWorkOf(db, ownerIds, from, to)) {
    const byPerson = a.kind === 'email' ? out.email : out.call;
    const list = byPerson.get(a.person_id);
    if (list) list.push(a.started_at);
    else byPerson.set(a.person_id, [a.started_at]);
  }
  return out;
}

/**
 * When a person was worked inside one of their windows on a channel, as of `now`: the first call
 * (on the email channel, email) logged inside any of the windows. A call at 09:30 in a 09:00–10:00
 * window still works the row after that window has passed and the row shows the next one.
 */
export function workedInside(
  work: LoggedWork,
  personId: string,
  channel: Channel,
  windows: readonly { start: number; end: number }[],
  now: number,
): number | null {
  const times = work[channel].get(personId);
  if (!times) return null;
  for (const t of times) {
    if (t > now) break;
    for (const w of windows) if (t >= w.start && t < w.end) return t;
  }
  return null;
}

/**
 * A plan row worked inside the window it shows or one of the day's others, except the windows
 * other rows of the person's channel show (`shownElsewhere`: an ended window keeps its own row
 * beside the next one's, and one call must not work both).
 */
export function workedAt(
  row: PlannerRow,
  work: LoggedWork,
  now: number,
  shownElsewhere: ReadonlySet<number> = new Set(),
): number | null {
  if (row.start === null || row.end === null || !work[row.channel].has(row.personId)) return null;
  return workedInside(
    work,
    row.personId,
    row.channel,
    [
      { start: row.start, end: row.end },
      ...row.alternatives.filter((w) => !shownElsewhere.has(w.start)),
    ],
    now,
  );
}

/**
 * Per row, the window starts that other rows of its person's channel show (undefined: none). A
 * window that ended keeps its row beside the next window's; each window belongs to one row only.
 */
export function shownElsewhere(rows: readonly PlannerRow[]): (ReadonlySet<number> | undefined)[] {
  const shown = new Map<string, Set<number>>();
  for (const row of rows) {
    if (row.start === null) continue;
    const key = `${row.personId}|${row.channel}`;
    const starts = shown.get(key);
    if (starts) starts.add(row.start);
    else shown.set(key, new Set([row.start]));
  }
  return rows.map((row) => {
    const starts = shown.get(`${row.personId}|${row.channel}`);
    return starts && starts.size > 1
      ? new Set([...starts].filter((s) => s !== row.start))
      : undefined;
  });
}

/** Counts coverage one row at a time; `result` gives TM-2's numbers. */
export class CoverageCount {
  private windows = 0;
  private good = 0;
  private worked = 0;
  private missed = 0;

  /**
   * A row with a window: `bestStars`, the best stars among the windows the row stands for (the
   * one it shows at the moment and the day's others no other row shows); worked when marked done or logged inside a window; missed when every window of
   * its day is over and it was neither worked nor skipped.
   */
  add(bestStars: number, end: number, action: string | null, worked: boolean, now: number): void {
    this.windows++;
    if (bestStars >= GOOD_STARS) this.good++;
    if (action === 'done' || worked) this.worked++;
    else if (action !== 'skipped' && now >= end) this.missed++;
  }

  result(): TeamCoverage {
    return {
      windows: this.windows,
      goodWindows: this.good,
      worked: this.worked,
      missed: this.missed,
      shareWorked: this.windows === 0 ? 0 : this.worked / this.windows,
    };
  }
}

/**
 * TM-2 for one rep's rows (see `CoverageCount.add`), `elsewhere` from `shownElsewhere`. A row is
 * good for the windows `workedAt` works it in: a 2-star morning row beside its own 4-star evening
 * row is not good for the evening one, which counts once, as its own row. Until the morning window
 * ends there is one row, good for the evening: the count stays the same through the day.
 */
export function coverageOf(
  rows: readonly PlannerRow[],
  worked: readonly (number | null)[],
  now: number,
  elsewhere: readonly (ReadonlySet<number> | undefined)[],
): TeamCoverage {
  const count = new CoverageCount();
  rows.forEach((row, i) => {
    if (row.start === null || row.end === null) return;
    const others = elsewhere[i];
    let best = row.stars ?? 0;
    for (const w of row.alternatives) if (w.stars > best && !others?.has(w.start)) best = w.stars;
    count.add(best, row.end, row.action, worked[i] != null, now);
  });
  return count.result();
}
