import type { TeamWeekCell } from '../../shared/teamContract';
import type { Db } from '../db/openDatabase';
import { openTasksDueBeforeCount } from '../db/repos/activities';
import { dataVersion } from '../db/repos/dataVersion';
import type { UserRow } from '../db/schema';
import { teamDayCells } from './teamWeek';

/** Days a manager steps between (the week's seven, and a few more) stay counted. */
const KEPT_DAYS = 14;

/**
 * The Team day's lanes' cells (`teamDayCells`), kept between reads: the page reads the day again
 * on every mark anywhere, and counting the reps' activities each time cost more than the rest of a
 * warm read. A kept count answers only while nothing was stored since (`forget`, on every change
 * the core announces; `dataVersion`, for a commit by another connection, e.g. a `sync` run from
 * the command line, which the core never hears of) and while its rows count the same: from the
 * instant it was counted until a call's time passes or a date ends (`until`). A clock set back
 * counts again. The reps' open tasks due before a date (`tasksBefore`) are kept by the same rules,
 * with no `until`: a count by due date moves only when something is stored.
 */
export class KeptDayWork {
  private readonly kept = new Map<
    string,
    { at: number; until: number; cells: Map<string, TeamWeekCell> }
  >();
  /** The connection's `dataVersion` when the kept figures were counted. */
  private version: number | null = null;

  /** Rep id and date to the count of their open tasks due before it. */
  private readonly before = new Map<string, number>();

  cells(db: Db, reps: readonly UserRow[], now: number, date: string): Map<string, TeamWeekCell> {
    this.followOthers(db);
    // The reps' zones are in the key: a rep moved to another zone has other dates' bounds.
    const key = JSON.stringify([date, reps.map((r) => [r.id, r.time_zone])]);
    const hit = this.kept.get(key);
    if (hit && now >= hit.at && now < hit.until) return hit.cells;
    const { cells, until } = teamDayCells(db, reps, now, date);
    this.kept.delete(key);
    if (this.kept.size >= KEPT_DAYS) this.kept.delete(this.kept.keys().next().value ?? '');
    this.kept.set(key, { at: now, until, cells });
    return cells;
  }

  /** A rep's open tasks overdue on `date` starting at `from` (`openTasksDueBeforeCount`), kept. */
  tasksBefore(db: Db, repId: string, date: string, from: number): number {
    this.followOthers(db);
    const key = `${repId}|${date}|${from}`;
    const hit = this.before.get(key);
    if (hit !== undefined) return hit;
    const n = openTasksDueBeforeCount(db, repId, date, from);
    // A manager steps through a few days of a few dozen reps: more than that is an old day's.
    if (this.before.size >= KEPT_DAYS * 100) this.before.clear();
    this.before.set(key, n);
    return n;
  }

  forget(): void {
    this.kept.clear();
    this.before.clear();
  }

  /** Forgets everything when another connection committed since the last read. */
  private followOthers(db: Db): void {
    const version = dataVersion(db);
    if (version !== this.version) {
      this.forget();
      this.version = version;
    }
  }
}
