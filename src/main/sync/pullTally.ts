import type { PulledRecord } from '../crm/crmSource';
import { CRM_CLOCK_SLACK_MS } from './crmClockSlack';

/**
 * What a pull has counted so far, kept in its cursor (committed with each page), so a pull that
 * spans runs (a crash, a dropped connection, the deadline) counts each record once in all.
 */
export interface StoredTally {
  stored: number;
  quarantined: number;
  /**
   * Ids already counted whose modification falls in the second of the newest one counted: the
   * next listing starts at that second again (syncState.ts anchorBefore), so these come back.
   */
  edge: string[];
  /** When the pull began (this computer's clock): a record modified later may be a second version. */
  since: number;
}

/**
 * Past this many ids in one second (a mass update) the edge stops growing: a listing restarted
 * inside such a second (an expired page token) may count some of its records twice.
 */
const EDGE_MAX = 2_000;
/** An incremental pull remembers at most this many ids to tell a record it already counted. */
const SEEN_MAX = 100_000;

const secondOf = (ms: number): number => Math.floor(ms / 1000);

const count = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;

/** A cursor's tally as written, or nothing (a cursor from before tallies, or a damaged one). */
function wellFormed(t: StoredTally | undefined): StoredTally | undefined {
  if (typeof t !== 'object' || t === null) return undefined;
  const ok =
    count(t.stored) &&
    count(t.quarantined) &&
    Number.isFinite(t.since) &&
    Array.isArray(t.edge) &&
    t.edge.every((id) => typeof id === 'string');
  return ok ? t : undefined;
}

/**
 * Counts the records a pull stores, each once. A listing is in modification order, so a record
 * the pull already counted comes back only three ways: the first records of each re-anchored
 * listing repeat the last second of the page before (on purpose, so none of that second is
 * skipped); a listing restarted after a resume or an expired page token repeats what it had
 * already given; and a record edited in the CRM while the pull runs comes again at the end, as
 * its new version. The first two are told from the cursor (modified before its newest second,
 * or in that second and among its edge ids). The third: on a module's first pull everything in
 * its table came from this pull, so a record whose row is already there was counted; a later
 * pull remembers the ids it counted (at most SEEN_MAX).
 */
export class PullTally {
  private readonly edge: Set<string>;
  private edgeSecond: number | null;
  private readonly seen: Set<string> | null;
  readonly carried: { stored: number; quarantined: number };
  private readonly since: number;

  /**
   * `watermark`: where the module's last finished pull ended (null on its first); `maxSeen` and
   * `tally`: the cursor's, when this run resumes a pull; `now`: this run's start. `seen`: the
   * ids counted this run, shared by the tallies of one module's stretches read side by side.
   */
  constructor(
    private readonly watermark: number | null,
    maxSeen: number | null,
    kept: StoredTally | undefined,
    now: number,
    seen?: Set<string>,
  ) {
    const tally = wellFormed(kept);
    this.edge = new Set(tally?.edge ?? []);
    this.edgeSecond = maxSeen === null ? null : secondOf(maxSeen);
    this.carried = { stored: tally?.stored ?? 0, quarantined: tally?.quarantined ?? 0 };
    this.since = tally?.since ?? now;
    this.seen = watermark === null ? null : (seen ?? new Set());
  }

  /**
   * Whether the record is one this pull has not counted yet; `held` tells whether its row is
   * already stored (asked only on a first pull, of records modified since the pull began).
   */
  isNew(record: PulledRecord, held: (record: PulledRecord) => boolean): boolean {
    // The watermark's own second is fetched again on purpose: the last pull stored it.
    if (this.watermark !== null && record.modifiedAt <= this.watermark) return false;
    const second = secondOf(record.modifiedAt);
    if (this.edgeSecond !== null) {
      if (second < this.edgeSecond) return false;
      if (second === this.edgeSecond && this.edge.has(record.id)) return false;
    }
    if (this.seen) return !this.seen.has(record.id);
    return record.modifiedAt < this.since - CRM_CLOCK_SLACK_MS || !held(record);
  }

  /** Notes a page's records as counted, in listing order, once the page is stored. */
  counted(records: readonly PulledRecord[]): void {
    for (const record of records) {
      const second = secondOf(record.modifiedAt);
      if (this.edgeSecond === null || second > this.edgeSecond) {
        this.edgeSecond = second;
        this.edge.clear();
      }
      if (second === this.edgeSecond && this.edge.size < EDGE_MAX) this.edge.add(record.id);
      if (this.seen && this.seen.size < SEEN_MAX) this.seen.add(record.id);
    }
  }

  /** What the cursor keeps, with the pull's counts so far. */
  keep(counts: { upserted: number; quarantined: number }): StoredTally {
    return {
      stored: counts.upserted,
      quarantined: counts.quarantined,
      edge: [...this.edge],
      since: this.since,
    };
  }
}
