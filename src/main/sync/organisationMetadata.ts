import {
  MetadataUnavailableError,
  SYNC_MODULES,
  type CrmMetadata,
  type CrmSource,
  type SyncModule,
} from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { restateDealStatuses } from '../db/repos/deals';
import { transaction } from '../db/sqlRun';
import { readState, writeState } from './syncState';

/**
 * The organisation's metadata (which modules, fields and related lists it has) is kept in the
 * `sync_state` row `Metadata`: its watermark is when it was read, its cursor the metadata. Reading
 * it costs about a dozen requests, and the app syncs visits every minute: asked every run that is
 * some 17,000 API credits a day for an answer that changes when an administrator changes the
 * organisation. So it is read again after a day, on "Sync now", and in the run after the CRM
 * refused a module it had listed (`markMetadataStale`).
 */
const KEY = 'Metadata';
// A stored record of another shape (an older app's) is read again rather than trusted.
const FORMAT = 1;
const METADATA_MAX_AGE_MS = 24 * 3_600_000;

interface StoredMetadata {
  format: number;
  metadata: CrmMetadata;
}

/** What the organisation lacks of what the sync reads. */
export interface MissingParts {
  modules: SyncModule[];
  fields: Partial<Record<SyncModule, string[]>>;
}

export function storedMetadata(db: Db): { metadata: CrmMetadata; readAt: number } | null {
  const state = readState<StoredMetadata>(db, KEY);
  if (state.cursor?.format !== FORMAT || state.watermark === null) return null;
  return { metadata: state.cursor.metadata, readAt: state.watermark };
}

/** Stores the metadata; how many stored deals took their stage's outcome from it. */
function store(db: Db, metadata: CrmMetadata, readAt: number, now: number): number {
  return transaction(db, () => {
    writeState<StoredMetadata>(
      db,
      KEY,
      // No last_success_at: the row must not count as a sync of records (lastSyncedAt).
      { watermark: readAt, cursor: { format: FORMAT, metadata }, lastSuccessAt: null },
      now,
    );
    // Deals read before the organisation's stages were (or under other ones) are mended here:
    // only a deal changed since would be read again.
    return metadata.dealStages ? restateDealStatuses(db, metadata.dealStages) : 0;
  });
}

/** The next run reads the metadata again (the CRM refused a module it had listed). */
export function markMetadataStale(db: Db, now: number): void {
  const kept = storedMetadata(db);
  if (kept) store(db, kept.metadata, 0, now);
}

export function missingParts(metadata: CrmMetadata): MissingParts {
  return {
    modules: SYNC_MODULES.filter(
      (m) =>
        !metadata.modules.includes(m) &&
        // Visits listed on each person are visits the organisation has.
        !(m === 'Visits' && metadata.visits?.from === 'related-list'),
    ),
    fields: metadata.missingFields,
  };
}

/**
 * The organisation's metadata for this run, handed to the source so it asks only for what
 * exists: the kept one while it is fresh, else read again. When the CRM will not describe the
 * organisation (a scope, a failure, an answer of another shape: MetadataUnavailableError) the
 * kept one, however old, with a note; null with a note when nothing is kept: every module and
 * field is then asked for.
 */
export async function organisationMetadata(
  db: Db,
  source: CrmSource,
  now: number,
  refresh: boolean,
): Promise<{ metadata: CrmMetadata | null; note: string | null; dealsRestated?: number }> {
  if (!source.discoverMetadata) return { metadata: null, note: null };
  const kept = storedMetadata(db);
  const age = kept ? now - kept.readAt : Infinity;
  if (kept && !refresh && age >= 0 && age < METADATA_MAX_AGE_MS) {
    source.useMetadata?.(kept.metadata);
    return { metadata: kept.metadata, note: null };
  }
  try {
    const metadata = await source.discoverMetadata();
    const dealsRestated = store(db, metadata, now, now);
    return { metadata, note: null, dealsRestated };
  } catch (error) {
    if (!(error instanceof MetadataUnavailableError)) throw error;
    // What the organisation had when it last answered beats asking for everything. Its time
    // stays: the next run asks again.
    if (kept) source.useMetadata?.(kept.metadata);
    const then = kept
      ? 'the modules and fields it described before are used'
      : 'every module is asked for';
    return { metadata: kept?.metadata ?? null, note: `${error.message}; ${then}` };
  }
}
