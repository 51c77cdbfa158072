import type { ServerResponse } from 'node:http';
import { strToU8, zipSync } from 'fflate';
import { zohoTime, type CrmDataSet, type ZRecord } from './crmDataSet';

/**
 * How the organisation answers Bulk Read: `ok`; `no-permission`, a profile without export
 * permission (403 NO_PERMISSION); `edition`, an edition without it (400, Zoho's `data` array form);
 * `no-scope`, a sign-in without ZohoCRM.bulk.read (401 OAUTH_SCOPE_MISMATCH); `fail`, jobs accepted
 * that end in FAILURE; `corrupt`, a file that is not a zip; `no-se-module`, a CSV without the
 * `$se_module` column beside What_Id; `poll-refused`, jobs accepted whose state Zoho then refuses
 * to tell (403 NO_PERMISSION: the profile lost its export permission meanwhile); `poll-unauthorised`,
 * the same with a 401 (the sign-in's token refused); `stall-download`, a file whose download sends
 * its headers and half its bytes, then nothing more (a connection hung mid-file);
 * `silent-download`, a file whose download gets no answer at all (the server down);
 * `result-gone`, jobs that complete but whose file is never there (RESOURCE_NOT_FOUND).
 */
export type BulkReadMode =
  | 'ok'
  | 'no-permission'
  | 'edition'
  | 'no-scope'
  | 'fail'
  | 'corrupt'
  | 'no-se-module'
  | 'poll-refused'
  | 'poll-unauthorised'
  | 'stall-download'
  | 'silent-download'
  | 'result-gone';

interface Job {
  id: string;
  module: string;
  fields: string[];
  offset: number;
  createdTime: string;
  polls: number;
  state: 'ADDED' | 'IN PROGRESS' | 'COMPLETED' | 'FAILURE';
  /** The records exported, taken when the job completes (Zoho reads them while it runs). */
  records: ZRecord[] | null;
  more: boolean;
  expired: boolean;
}

type Answer = (status: number, payload: unknown) => void;

const error = (code: string, message: string, details: object = {}) => ({
  code,
  details,
  message,
  status: 'error',
});

/** Ids are numbers in text; Zoho exports in record order, which modification does not change. */
const byId = (a: ZRecord, b: ZRecord): number =>
  a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Lookups are exported as the id of the record they point at.
  if (typeof value === 'object' && !Array.isArray(value) && 'id' in value)
    return String((value as { id: unknown }).id);
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Zoho CRM's Bulk Read API as v8 documents it: `POST /crm/bulk/v8/read` (201, the job ADDED with
 * its created_time), `GET /crm/bulk/v8/read/{id}` (ADDED, IN PROGRESS over the first polls, then
 * COMPLETED with `result` {page, per_page, count, more_records, next_page_token, download_url}, or
 * FAILURE; 404 RESOURCE_NOT_FOUND once expired) and `GET .../{id}/result` (a zip of one CSV: `id`
 * first, then the fields asked for, lookups as ids, What_Id's module in `$se_module`; 400
 * RESOURCE_NOT_FOUND once expired).
 */
export class BulkReadJobs {
  mode: BulkReadMode = 'ok';
  /** Records a job exports at most (Zoho's 200,000; small in tests). */
  cap = 200_000;
  /** Polls a job answers ADDED or IN PROGRESS before it completes. */
  pollsToComplete = 2;
  readonly jobs = new Map<string, Job>();
  /**
   * Keeps each file made, for a job of the same module, fields and records again (the benchmark:
   * nothing changes while it runs, and Zoho makes its files on its own machines, not on the cores
   * the sync runs on).
   */
  cacheFiles = false;
  /** Downloads left hanging (`stall-download`, `silent-download`). */
  downloadsStalled = 0;
  private readonly files = new Map<string, Uint8Array>();
  /** Runs when a job completes, just before its records are taken. */
  onComplete: ((job: { id: string; module: string }) => void) | null = null;
  private readonly tokens = new Map<string, number>();
  private seq = 0;

  constructor(private readonly data: CrmDataSet) {}

  /** Every job and file is forgotten, as Zoho's are a day after: a client must start a new job. */
  expireAll(): void {
    for (const job of this.jobs.values()) job.expired = true;
  }

  route(method: string, url: URL, body: string, res: ServerResponse, answer: Answer): void {
    const parts = url.pathname.split('/').slice(4); // after /crm/bulk/v8/
    if (parts[0] !== 'read')
      return answer(
        404,
        error('INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'),
      );
    if (parts.length === 1 && method === 'POST') return this.create(body, answer);
    const job = this.jobs.get(parts[1] ?? '');
    if (parts.length === 2 && method === 'GET') {
      if (!job || job.expired)
        return answer(
          404,
          error('RESOURCE_NOT_FOUND', 'the requested resource is not found', {
            resource: 'job_id',
          }),
        );
      if (this.mode === 'poll-refused')
        return answer(
          403,
          error('NO_PERMISSION', 'permission denied', { permissions: ['Crm_Implied_Export'] }),
        );
      if (this.mode === 'poll-unauthorised')
        return answer(401, error('OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL'));
      return answer(200, { data: [this.poll(job)] });
    }
    if (parts.length === 3 && parts[2] === 'result' && method === 'GET') {
      const gone = this.mode === 'result-gone';
      if (!job || job.expired || gone || job.state !== 'COMPLETED' || !job.records)
        return answer(
          400,
          error('RESOURCE_NOT_FOUND', 'the requested resource is not found', {
            resource: 'job_id',
          }),
        );
      return this.download(job, res);
    }
    answer(
      404,
      error('INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'),
    );
  }

  private create(body: string, answer: Answer): void {
    if (this.mode === 'no-scope')
      return answer(401, error('OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL'));
    if (this.mode === 'no-permission')
      return answer(
        403,
        error('NO_PERMISSION', 'permission denied', { permissions: ['Crm_Implied_Export'] }),
      );
    if (this.mode === 'edition')
      return answer(400, {
        data: [
          {
            status: 'error',
            code: 'NOT_SUPPORTED_FEATURE',
            message: 'Bulk read is not available in this edition',
            details: {},
          },
        ],
      });
    let input: {
      query?: {
        module?: { api_name?: string };
        fields?: string[];
        page?: number;
        page_token?: string;
      };
      file_type?: string;
    };
    try {
      input = JSON.parse(body) as typeof input;
    } catch {
      return answer(400, error('REQUEST_BODY_NOT_READABLE', 'the body is not JSON'));
    }
    const module = input.query?.module?.api_name ?? '';
    if (!this.data.apiServes(module))
      return answer(400, {
        data: [
          {
            status: 'error',
            code: 'MODULE_NOT_AVAILABLE',
            message: 'the module is not available',
            details: { resource: module },
          },
        ],
      });
    const fields = input.query?.fields ?? [...this.data.fieldsOf(module)];
    const has = this.data.fieldsOf(module);
    const unknown = fields.find((f) => f !== 'id' && !has.has(f));
    if (unknown !== undefined)
      return answer(400, {
        data: [
          {
            status: 'error',
            code: 'FIELD_NOT_AVAILABLE',
            message: 'the field is not available',
            details: { api_name: unknown, module },
          },
        ],
      });
    const token = input.query?.page_token;
    let offset: number;
    if (token !== undefined) {
      const at = this.tokens.get(token);
      if (at === undefined)
        return answer(
          400,
          error('INVALID_DATA', 'the page token is invalid', { param: 'page_token' }),
        );
      offset = at;
    } else offset = ((input.query?.page ?? 1) - 1) * this.cap;
    const id = `bulk-${++this.seq}`;
    const job: Job = {
      id,
      module,
      fields: fields.filter((f) => f !== 'id'),
      offset,
      createdTime: zohoTime(this.data.clock),
      polls: 0,
      state: 'ADDED',
      records: null,
      more: false,
      expired: false,
    };
    this.jobs.set(id, job);
    answer(201, {
      data: [
        {
          status: 'success',
          code: 'ADDED_SUCCESSFULLY',
          message: 'Added successfully.',
          details: {
            id,
            operation: 'read',
            state: job.state,
            created_by: { id: this.data.users[0]?.id ?? '1', name: 'Admin' },
            created_time: job.createdTime,
          },
        },
      ],
      info: {},
    });
  }

  private poll(job: Job): Record<string, unknown> {
    if (job.state === 'ADDED' || job.state === 'IN PROGRESS') {
      job.polls++;
      if (job.polls >= this.pollsToComplete) {
        if (this.mode === 'fail') job.state = 'FAILURE';
        else {
          this.onComplete?.({ id: job.id, module: job.module });
          const all = [...this.data.table(job.module).values()].sort(byId);
          job.records = all.slice(job.offset, job.offset + this.cap);
          job.more = job.offset + this.cap < all.length;
          job.state = 'COMPLETED';
        }
      } else job.state = 'IN PROGRESS';
    }
    let next: string | null = null;
    if (job.more) {
      next = `bulk-pt-${this.tokens.size + 1}`;
      this.tokens.set(next, job.offset + this.cap);
    }
    return {
      id: job.id,
      operation: 'read',
      state: job.state,
      query: {
        module: { api_name: job.module, id: `m-${job.module}` },
        page: job.offset / this.cap + 1,
      },
      created_by: { id: this.data.users[0]?.id ?? '1', name: 'Admin' },
      created_time: job.createdTime,
      file_type: 'csv',
      ...(job.state === 'COMPLETED' && job.records
        ? {
            result: {
              page: job.offset / this.cap + 1,
              per_page: this.cap,
              count: job.records.length,
              more_records: job.more,
              next_page_token: next,
              download_url: `/crm/bulk/v8/read/${job.id}/result`,
            },
          }
        : {}),
    };
  }

  /** Makes, ahead of the requests, the file of a module's first job (with cacheFiles). */
  prepareFile(module: string, fields: readonly string[]): void {
    const records = [...this.data.table(module).values()].sort(byId).slice(0, this.cap);
    this.file({ module, fields: fields.filter((f) => f !== 'id'), offset: 0, records });
  }

  private file(
    job: Pick<Job, 'module' | 'fields' | 'offset' | 'records'> & { id?: string },
  ): Uint8Array {
    const columns = ['id', ...job.fields];
    if (job.fields.includes('What_Id') && this.mode !== 'no-se-module') columns.push('$se_module');
    const records = job.records ?? [];
    const key = `${this.mode}|${job.module}|${columns.join(',')}|${job.offset}|${records.length}`;
    const kept = this.cacheFiles ? this.files.get(key) : undefined;
    if (kept) return kept;
    const lines = [columns.join(',')];
    for (const r of records) lines.push(columns.map((c) => cell(r[c])).join(','));
    const csv = `${lines.join('\r\n')}\r\n`;
    const file =
      this.mode === 'corrupt'
        ? strToU8('this is not a zip file')
        : zipSync({ [`${job.id ?? job.module}.csv`]: strToU8(csv) });
    if (this.cacheFiles) this.files.set(key, file);
    return file;
  }

  private download(job: Job, res: ServerResponse): void {
    if (this.mode === 'silent-download') {
      this.downloadsStalled++;
      return;
    }
    const file = this.file(job);
    res.writeHead(200, {
      'Content-Type': 'application/x-download',
      'Content-Disposition': `attachment; filename="${job.id}.zip"`,
      'Content-Length': file.length,
    });
    if (this.mode !== 'stall-download') return void res.end(Buffer.from(file));
    this.downloadsStalled++;
    res.write(Buffer.from(file.subarray(0, Math.floor(file.length / 2))));
  }
}
