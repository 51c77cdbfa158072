import type { SyncModule } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { holdsRecordsOf } from '../db/repos/moduleRows';
import { syncStateRow } from '../db/repos/syncState';
import { transaction } from '../db/sqlRun';
import { aheadKey, deletionsKey, writeState, type StateRow } from './syncState';

/**
 * How long before the CRM's stated time a first sync's deletion listing begins. The Date header
 * is cut to the second and made by Zoho's web front, while `deleted_time` is stamped by its data
 * servers: their clocks may differ a little (NTP keeps them within a second), and a record read
 * in the same second as the Date may be deleted in that second. Ten minutes is far beyond any
 * such difference and costs little: the deletions of ten minutes before the sync, one page in
 * all but a mass deletion. Too short would cost a record deleted in the CRM and kept here for
 * ever; too long, only a page more.
 */
const DELETION_ANCHOR_MARGIN_MS = 10 * 60_000;

/** Nothing of the module was ever read: no listing, export, head start, deletions or rows. */
function neverRead(db: Db, module: SyncModule): boolean {
  return (
    [module, deletionsKey(module), aheadKey(module)].every(
      (key) => syncStateRow(db, key) === undefined,
    ) && !holdsRecordsOf(db, module)
  );
}

/**
 * Starts the deletion listing of each module never read at `crmTime` (the CRM's clock, from an
 * answer made before anything of this run was read) less DELETION_ANCHOR_MARGIN_MS, rather than
 * at the organisation's whole history of deletions: a record deleted before this run began was
 * never listed, so it cannot be here to remove. Kept as the module's deletion watermark, in its
 * own row, so a first sync resumed in a later run keeps it (whatever the CRM's clock says then).
 * Call before anything of the run is stored (the head start included). Without the CRM's time
 * nothing is written: the deletions are listed whole, as they always were. Returns the modules
 * anchored.
 */
export function anchorFirstDeletions(
  db: Db,
  modules: readonly SyncModule[],
  crmTime: number | null,
  now: number,
): SyncModule[] {
  if (crmTime === null) return [];
  const anchored = modules.filter((m) => neverRead(db, m));
  const state: StateRow = {
    watermark: crmTime - DELETION_ANCHOR_MARGIN_MS,
    cursor: null,
    lastSuccessAt: null,
  };
  transaction(db, () => {
    for (const module of anchored) writeState(db, deletionsKey(module), state, now);
  });
  return anchored;
}

/** A module's deletion state that is only its anchor: no deletion listing has begun or ended. */
export function onlyAnchored(row: ReturnType<typeof syncStateRow>): boolean {
  return row !== undefined && row.cursor === null && row.last_success_at === null;
}
