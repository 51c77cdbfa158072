/**
 * Why a run is a first sync's, or null when it is not one. A first sync goes on over as many runs
 * as it takes (syncState.ts firstSyncPending). A module the CRM keeps failing to give keeps it
 * going, but must not make every later run as dear as a first sync (relearning everyone, outside
 * the credit budget) for as long as the failure stands; the run that reads it at last is a first
 * sync's again, as everyone's best times were learned without it.
 *
 * - `first-ever`: no module of the run has finished its first pull (or the store cannot tell).
 * - `resumed`: earlier runs finished some modules (then were stopped, or a module failed) and
 *   others the last run did not fail in are still to come.
 * - `held-back`: the only modules still to come are ones the last run reading them could not read.
 * - `catching-up`: held back, and the run (now over) read some of such a module.
 */
export type FirstSyncReason = 'first-ever' | 'resumed' | 'held-back' | 'catching-up';

export interface FirstSyncFacts {
  /**
   * The run's modules whose first pull has not finished, less those that never keep a sync first
   * (one the organisation lacks, one the user may not read, visits read from people's lists);
   * null when the store cannot tell (before its tables exist).
   */
  pending: readonly string[] | null;
  /** The run's modules whose first pull an earlier run finished. */
  finished: readonly string[];
  /** The modules the CRM failed to give in the last run reading each. */
  unread: readonly string[];
  /** Once the run is over: its modules it read (stored some of, or did not fail in, if it ended). */
  read?: readonly string[];
}

export function firstSyncReason({
  pending,
  finished,
  unread,
  read = [],
}: FirstSyncFacts): FirstSyncReason | null {
  if (pending === null) return 'first-ever';
  if (pending.length === 0) return null;
  if (pending.some((m) => !unread.includes(m)))
    return finished.length === 0 ? 'first-ever' : 'resumed';
  return read.some((m) => unread.includes(m) && !finished.includes(m))
    ? 'catching-up'
    : 'held-back';
}

interface FirstSyncTreatment {
  /** Settings shows the run as the first sync, with its share synced and estimate. */
  shownAsFirst: boolean;
  /** The credit budget does not hold the run back: a first sync is estimated and said instead. */
  unbudgeted: boolean;
  /** The run's cost is taken as what a scheduled run costs (creditBudget.ts). */
  measured: boolean;
  /** The run relearns everyone's best times, not only those of the people it touched. */
  relearnsEveryone: boolean;
}

const TREATMENTS: Record<FirstSyncReason | 'none', FirstSyncTreatment> = {
  none: { shownAsFirst: false, unbudgeted: false, measured: true, relearnsEveryone: false },
  'first-ever': { shownAsFirst: true, unbudgeted: true, measured: false, relearnsEveryone: true },
  resumed: { shownAsFirst: true, unbudgeted: true, measured: false, relearnsEveryone: true },
  // As dear as any scheduled run (its other modules read their changes only), for as long as the
  // CRM fails to give the module: budgeted and measured, relearning whom it touched.
  'held-back': { shownAsFirst: true, unbudgeted: false, measured: true, relearnsEveryone: false },
  // It read a first pull (hundreds of pages) that everyone's windows were learned without. It
  // started as a held-back run, so the budget held it like one.
  'catching-up': {
    shownAsFirst: true,
    unbudgeted: false,
    measured: false,
    relearnsEveryone: true,
  },
};

/** How a run is treated, by why it is a first sync's (null: it is not). */
export function treatmentOf(reason: FirstSyncReason | null): FirstSyncTreatment {
  return TREATMENTS[reason ?? 'none'];
}
