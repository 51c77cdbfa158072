import type { SyncModule } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { holdsRecordsOf } from '../db/repos/moduleRows';
import { syncStateRow } from '../db/repos/syncState';
import { transaction } from '../db/sqlRun';
import { CRM_DATE_MARGIN_MS } from './crmClockSlack';
import { aheadKey, deletionsKey, writeState, type StateRow } from './syncState';

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
 * answer made before anything of this run was read) less CRM_DATE_MARGIN_MS, rather than
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
    watermark: crmTime - CRM_DATE_MARGIN_MS,
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
