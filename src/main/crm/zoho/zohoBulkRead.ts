import {
  BulkReadUnavailableError,
  BulkResultGoneError,
  type BulkJob,
  type BulkJobState,
  type BulkReader,
  type BulkRows,
  type SyncModule,
} from '../crmSource';
import { ownTurn } from '../eventLoopTurns';
import { ZohoAuthError } from './zohoAuth';
import { csvRecord, UnreadableExportError, ZipCsvRows } from './zohoBulkCsv';
import {
  ZohoApiError,
  ZohoEndpointTimeoutError,
  ZohoTimeoutError,
  type ZohoHttp,
} from './zohoHttp';
import { pullRecord, type OrgReading } from './zohoModules';

/** A file of 200,000 records is tens of megabytes: more than a page's deadline allows. */
const DOWNLOAD_DEADLINE_MS = 10 * 60_000;

const minutes = (ms: number): string =>
  ms < 60_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;

interface JobDetails {
  id?: string;
  state?: string;
  created_time?: string;
  result?: { page?: number; more_records?: boolean; next_page_token?: string | null };
}

/** Where a job starts: the first job of an export at its start, the next where the last ended. */
type From = { page: number } | { token: string };

const readFrom = (from: string | null): From => (from ? (JSON.parse(from) as From) : { page: 1 });

/** Not found: `404`, or (the result's download) `400 RESOURCE_NOT_FOUND`. */
function gone(error: unknown): boolean {
  return (
    error instanceof ZohoApiError && (error.status === 404 || error.code === 'RESOURCE_NOT_FOUND')
  );
}

/**
 * Zoho CRM's Bulk Read API: `POST /crm/bulk/v8/read` starts a job exporting a module's records
 * (at most 200,000 a job; `page` or `page_token` for the next ones), `GET /crm/bulk/v8/read/{id}`
 * tells its state (ADDED, QUEUED, IN PROGRESS, COMPLETED, FAILURE) and, completed, its `result`
 * (`page`, `count`, `more_records`, `next_page_token`, `download_url`); `GET .../{id}/result`
 * downloads a zip holding one CSV. Every request goes through the source's ZohoHttp: the same
 * in-flight limit, retries and request count as the rest.
 */
export class ZohoBulkRead implements BulkReader {
  constructor(
    private readonly http: ZohoHttp,
    /** The fields the paged listing asks for, so the file maps to the same rows. */
    private readonly fieldsOf: (module: SyncModule) => readonly string[],
    /** The organisation's settings the records are read with. */
    private readonly org: () => OrgReading,
    private readonly now: () => number,
    private readonly downloadDeadlineMs = DOWNLOAD_DEADLINE_MS,
  ) {}

  /**
   * Visits keep their actions as a subform, which a module's CSV does not carry: they are read page
   * by page (and SalesIQ's module is not among those Zoho documents for bulk export).
   */
  supports(module: SyncModule): boolean {
    return module !== 'Visits';
  }

  async start(module: SyncModule, from: string | null, signal?: AbortSignal): Promise<BulkJob> {
    const at = readFrom(from);
    const query = {
      module: { api_name: module },
      fields: [...this.fieldsOf(module)],
      ...('token' in at ? { page_token: at.token } : { page: at.page }),
    };
    let res;
    try {
      res = await this.http.request('/crm/bulk/v8/read', {
        method: 'POST',
        json: { query, file_type: 'csv' },
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      // Any refusal (edition, profile, a field it will not export) means the same: page instead.
      if (error instanceof ZohoApiError)
        throw new BulkReadUnavailableError(`Zoho refused the export: ${error.message}`);
      if (error instanceof ZohoAuthError && error.code === 'OAUTH_SCOPE_MISMATCH')
        throw new BulkReadUnavailableError(
          'the Zoho sign-in lacks the ZohoCRM.bulk.read scope; connect again with it to export large modules at once',
        );
      throw error;
    }
    const details = (res.body as { data?: { details?: JobDetails }[] } | null)?.data?.[0]?.details;
    const createdAt = Date.parse(details?.created_time ?? '');
    if (!details?.id || !Number.isFinite(createdAt))
      throw new BulkReadUnavailableError('Zoho answered the export without a job id and time');
    return { id: details.id, createdAt };
  }

  async check(jobId: string, signal?: AbortSignal): Promise<BulkJobState> {
    let res;
    try {
      res = await this.http.request(
        `/crm/bulk/v8/read/${encodeURIComponent(jobId)}`,
        signal ? { signal } : {},
      );
    } catch (error) {
      if (gone(error)) throw new BulkResultGoneError(`Zoho no longer knows export ${jobId}`);
      // Any other refusal (a profile that lost its export permission mid-way) will not change on
      // the next look, nor the next run's: page instead, and forget the job. A 401 is a
      // ZohoAuthError, not this: the sign-in is the problem, and the sync stops.
      if (error instanceof ZohoApiError)
        throw new BulkReadUnavailableError(
          `Zoho refused to tell export ${jobId}'s state: ${error.message}`,
        );
      throw error;
    }
    const job = (res.body as { data?: JobDetails[] } | null)?.data?.[0];
    if (job?.state === 'FAILURE') return { state: 'failed', reason: `export ${jobId} failed` };
    if (job?.state !== 'COMPLETED') return { state: 'waiting' };
    const result = job.result ?? {};
    if (!result.more_records) return { state: 'completed', next: null };
    const next: From = result.next_page_token
      ? { token: result.next_page_token }
      : { page: (result.page ?? 1) + 1 };
    return { state: 'completed', next: JSON.stringify(next) };
  }

  async rows(module: SyncModule, jobId: string, signal?: AbortSignal): Promise<BulkRows> {
    let res;
    try {
      res = await this.http.request(`/crm/bulk/v8/read/${encodeURIComponent(jobId)}/result`, {
        binary: true,
        deadlineMs: this.downloadDeadlineMs,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (gone(error)) throw new BulkResultGoneError(`the file of export ${jobId} expired`);
      if (error instanceof ZohoApiError)
        throw new BulkReadUnavailableError(`Zoho refused the export's file: ${error.message}`);
      // Twice started and too slow or stalled: pages of 200 come within a page's deadline where
      // a file did not. A server that never answered is an outage, not this: that stops the
      // sync, and the next run downloads the same job's file again.
      if (
        (error instanceof ZohoTimeoutError || error instanceof ZohoEndpointTimeoutError) &&
        error.midAnswer
      )
        throw new BulkReadUnavailableError(
          `the file of export ${jobId} did not arrive within ${minutes(this.downloadDeadlineMs)}, twice`,
        );
      throw error;
    }
    if (!res.bytes) throw new BulkReadUnavailableError(`export ${jobId} came without a file`);
    const file = new ZipCsvRows(res.bytes);
    // The listing gives a What_Id's module beside it; a file without that column cannot tell a
    // lead's activity from an account's: rather than lose them, the module is read page by page.
    const needsModule = this.fieldsOf(module).includes('What_Id');
    return {
      next: async (max) => {
        let rows;
        try {
          rows = await file.next(max);
        } catch (error) {
          if (error instanceof UnreadableExportError)
            throw new BulkReadUnavailableError(error.message);
          throw error;
        }
        const columns = file.columns();
        if (needsModule && columns && !columns.includes('$se_module'))
          throw new BulkReadUnavailableError(
            "the export's file does not say which module each What_Id points at",
          );
        if (!rows) return null;
        // Mapped in a turn of the event loop of its own: the slices before took theirs.
        await ownTurn();
        const now = this.now();
        return rows.map((row) => pullRecord(module, csvRecord(module, row), now, this.org()));
      },
    };
  }
}
