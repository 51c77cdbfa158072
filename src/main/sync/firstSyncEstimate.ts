import { CrmAuthError, type CrmSource, type SyncModule } from '../crm/crmSource';
import { PAGE_SIZE } from './listingStretches';

/** What a first sync will cost, said before it starts reading records. */
export interface FirstSyncEstimate {
  /** Records each module holds, as the CRM counts them (null: it did not say). */
  records: Partial<Record<SyncModule, number | null>>;
  /** API requests the whole sync makes, the ones already made (sign-in, metadata, counts) included. */
  requests: number;
}

export interface EstimateInput {
  /** Modules whose records are listed (visits read from people's lists are not among them). */
  listed: readonly SyncModule[];
  /** Requests already made this run. */
  made: () => number;
  /** People whose related lists (emails, visits) this run reads: a request each, at least. */
  relatedListReads: number;
  signal: AbortSignal | undefined;
  /** Modules past this many records are exported in bulk (bulkPull.ts); absent: none is. */
  bulkAbove?: number;
  /**
   * Listed modules whose first pull finished in an earlier run of a first sync resumed: counted
   * (their records are part of what is synced) but read as changes since, a page and deletions.
   */
  finished?: readonly SyncModule[];
}

// Zoho's cap on one export job's records.
const BULK_JOB_RECORDS = 200_000;

/**
 * Counts each module's records (one request each, side by side) and adds up a first sync's
 * requests: a page of 200 records a request, one request for each module's deletions, and for a
 * listing of more than a page one to learn its newest record and one for each stretch it is read
 * in (listingStretches.ts); then a request for each person whose related lists are read. A module
 * exported in bulk costs, per job of 200,000 records, its creation, about two looks at its state
 * and the file's download, then one page from the export's cut-off and one for its deletions.
 * Leads cost one more, the look for converted ones.
 */
export async function estimateFirstSync(
  source: CrmSource,
  input: EstimateInput,
): Promise<FirstSyncEstimate | null> {
  const count = source.countRecords?.bind(source);
  if (!count) return null;
  const records: Partial<Record<SyncModule, number | null>> = {};
  await Promise.all(
    input.listed.map(async (module) => {
      try {
        records[module] = await count(module);
      } catch (error) {
        if (input.signal?.aborted || error instanceof CrmAuthError) throw error;
        // An estimate is a nicety: a module the CRM would not count costs a page, as far as known.
        records[module] = null;
      }
    }),
  );
  const atOnce = source.requestsAtOnce?.() ?? 1;
  let requests = input.made() + input.relatedListReads;
  for (const module of input.listed) {
    if (input.finished?.includes(module)) {
      requests += 2;
      continue;
    }
    const held = records[module] ?? 0;
    if (
      input.bulkAbove !== undefined &&
      held > input.bulkAbove &&
      source.bulkRead?.supports(module)
    ) {
      requests += Math.ceil(held / BULK_JOB_RECORDS) * 4 + 2;
      continue;
    }
    const pages = Math.max(1, Math.ceil((records[module] ?? 0) / PAGE_SIZE));
    requests += pages + 1;
    if (pages > 1) requests += 1 + Math.min(atOnce, pages);
  }
  // The first look for converted leads lists them all: a page, as far as known (leadConversions.ts).
  if (input.listed.includes('Leads') && source.pullConverted) requests += 1;
  return { records, requests };
}
