import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { BulkReadJobs } from './bulkReadJobs';
import { invalid, savedCall } from './callRecords';
import { leadRefusal } from './leadRecords';
import { CrmDataSet, zohoTime, type ZRecord, type ZVariable } from './crmDataSet';
import { dataTypeOf, OTHER_MODULES, VISITS_LIST } from './crmOrgMetadata';
import { notesListing } from './notesListing';

/** The unique custom field on Calls an organisation may keep for the app's call keys. */
const UNIQUE_CALL_FIELD = 'CW_Idempotency_Key';

/**
 * A CRM test server on 127.0.0.1 following Zoho CRM's documented REST v8 contract: OAuth
 * refresh on /oauth/v2/token, `Zoho-oauthtoken` auth, the data/info envelope, page then
 * page_token past 2,000 records, If-Modified-Since with 304 and 204, /deleted, users, org,
 * business hours, shift hours and holidays (with the business hours scope), `sort_by` id, Created_Time or Modified_Time, search by email or by criteria
 * (owner, email, date-times; `and` or `or`, 10 at most; a new record found only after `searchLagMs`), Calls upsert (checked and filled as Zoho does, callRecords.ts) and people's Emails related lists (10 a page,
 * `index` to page on, 204 when there are none); the organisation's metadata (`/settings/modules`,
 * `/settings/fields`, `/settings/related_lists`), 400 INVALID_MODULE for a module it lacks and
 * 400 INVALID_DATA for a field it lacks in `fields`, and SalesIQ's per-person visits list
 * (`/{Leads|Contacts}/{id}/Visits_Zoho_Livedesk`); a record by id; converted leads kept out of the
 * Leads listing and /Leads/deleted, listed with `converted=true|both` (CrmDataSet.convertLead); a
 * record hidden from the signed-in user (CrmDataSet.unshare: in no listing, 204 by id) and shown
 * again as it was (CrmDataSet.reshare); records read by `ids` on `GET /{module}` (100 at most,
 * those not shown left out of `data`, 204 when none is, or as CrmDataSet.idsAnswer says: a
 * deleted id refused, a converted lead returned), converted leads by `ids` with `converted=true`
 * (Get Records documents both; those not converted left out); records deleted by `ids` (100 at most);
 * every record's notes (`GET /Notes`, notesListing.ts, and one lead's or contact's,
 * `GET /{Leads|Contacts}/{id}/Notes`) and deleted notes (`GET /Notes/deleted`, unless refused as
 * Zoho's documented deleted list, which names no Notes, may: refuseDeletedNotes);
 * Bulk Read (`/crm/bulk/v8/read`, bulkReadJobs.ts); every answer dated by the server's clock
 * (`data.clock`, the Date header); with faults injected on request.
 */
export type FaultKind =
  | 'cut'
  | 'invalid-token'
  | 'rate-limit'
  | 'server-error'
  | 'expire-page-tokens'
  | 'no-permission'
  /** 200 with `{}`: an answer of no documented shape. */
  | 'empty-200'
  /** 200 with `data` that is not a list. */
  | 'wrong-shape'
  /** 200 with the fault's `body`: an answer of a shape Zoho does not document. */
  | 'body-200'
  /** 400 with the fault's `body`: the request refused as a whole, before any record. */
  | 'bad-request'
  /**
   * 200 with the fault's `body` (a string) sent as it is, as text/html: not JSON at all, as a
   * network's sign-in page or a proxy's notice in Zoho's place.
   */
  | 'not-json'
  /** 401 with an empty body: a refusal with no Zoho code, as a gateway in front of the API may give. */
  | 'unauthorised-no-code';

interface Fault {
  kind: FaultKind;
  path: RegExp;
  /** Only requests with this method; any when absent. */
  method?: string;
  /** Only requests whose query string matches; any when absent. */
  query?: RegExp;
  remaining: number;
  skip: number;
  /** What a 'body-200', 'bad-request' or 'not-json' fault answers. */
  body?: unknown;
}

export interface Credentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

const MAX_DISCRETE = 2000;
/** Record ids `GET /{module}` takes in `ids` (Zoho's limit; its answer holds 100 records at most). */
const MAX_IDS = 100;
/** What `GET /{module}` sorts by (`sort_by`), Zoho's documented values. */
const SORT_FIELDS = ['id', 'Created_Time', 'Modified_Time'];

/** A body already serialised: sent as it is. */
class RawJson {
  constructor(readonly text: string) {}
}

// A RawJson inside an object is spliced in where JSON.stringify leaves its placeholder.
const serialise = (body: unknown): string => {
  if (body instanceof RawJson) return body.text;
  const raws: string[] = [];
  const text = JSON.stringify(body, (_key, value: unknown) =>
    value instanceof RawJson ? `\u0000raw${raws.push(value.text) - 1}` : value,
  );
  return raws.length === 0
    ? text
    : text.replace(/"\\u0000raw(\d+)"/g, (_m, i: string) => raws[Number(i)] ?? 'null');
};

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = serialise(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function zohoError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  details: object = {},
): void {
  json(res, status, { code, details, message, status: 'error' });
}

function pick(rec: ZRecord, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id: rec.id };
  for (const f of fields) if (f in rec) out[f] = rec[f];
  // Lookups to leads carry their module alongside, as Zoho does for What_Id.
  if (fields.includes('What_Id') && '$se_module' in rec) out['$se_module'] = rec['$se_module'];
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export class CrmTestServer {
  readonly data: CrmDataSet;
  readonly requests: LoggedRequest[] = [];
  /** Runs before each API request is answered: the hook for "records change while a sync runs". */
  beforeApiRequest: ((path: string, n: number) => void) | null = null;
  /**
   * Runs once an answer is made, before it is sent; a promise holds it until settled: a page slow
   * on the wire, its records as they were when asked, while the organisation changes meanwhile.
   */
  holdAnswer: ((path: string, payload: unknown) => Promise<void> | null) | null = null;
  url = '';
  tokenLifetimeS = 3600;
  /** Zoho expired or revoked the refresh token given out first: a new grant code gives another. */
  refreshTokenRevoked = false;
  /** The refresh tokens given out after the first was revoked, each still good. */
  private readonly renewedRefreshTokens = new Set<string>();
  /** The api_domain the token answer names (another server's, to test a hung API host). */
  apiDomainOverride: string | null = null;
  /** Added to every API answer (not the token endpoint): a network's round trip. */
  apiDelayMs = 0;
  /**
   * Zoho's concurrency cap: an API request arriving while this many are being answered gets
   * `429 TOO_MANY_REQUESTS` with Retry-After (seconds, `retryAfterS`) and X-RATELIMIT-RESET
   * (epoch ms). Null: no cap.
   */
  maxInFlight: number | null = null;
  retryAfterS = 1;
  /** API requests being answered now, the most ever answered at once, and refusals for the cap. */
  inFlight = 0;
  peakInFlight = 0;
  refusedInFlight = 0;
  /**
   * Serialise each record once per field list. Only for data that never changes in place (the
   * benchmark's): the server thread then leaves the cores to the sync being measured.
   */
  cacheRecordJson = false;
  private readonly recordJson = new WeakMap<ZRecord, { fields: string; text: string }>();
  /** Bulk Read's export jobs, with the switches that refuse them or fail them. */
  readonly bulk: BulkReadJobs;
  /** Grant codes a self-client made in the API console; each one exchanges once. */
  readonly grantCodes = new Set<string>();
  private server: Server | null = null;
  private faults: Fault[] = [];
  /** Headers a 'rate-limit' fault's 429 carries (Retry-After, X-RATELIMIT-RESET); none by default. */
  rateLimitHeaders: () => Record<string, string> = () => ({});
  private tokens = new Set<string>();
  private tokenSeq = 0;
  /**
   * `GET /Notes/deleted` refused as a module the deleted-records API does not serve (400
   * INVALID_MODULE): Zoho's documented list of its modules names no Notes.
   */
  refuseDeletedNotes = false;
  /** `GET /Notes` refuses `$attachments` in `fields` (400 INVALID_DATA naming it). */
  refuseNoteAttachmentsField = false;
  /** `GET /Notes`'s page tokens: the offset each goes on from. */
  private readonly notesPageTokens = new Map<string, number>();
  private pageTokens = new Map<
    string,
    { module: string; since: number | null; offset: number; expired: boolean }
  >();
  private apiCount = 0;
  /**
   * Every answer's Date header from the server's clock (`data.clock`), as Zoho dates its answers
   * by its own clock (RFC 9110's IMF-fixdate), in place of Node's, which is this computer's. A
   * test may give another (null: none at all, as a server that has no clock may).
   */
  dateHeader: (clock: number) => string | null = (clock) => DateTime.fromMillis(clock).toHTTP();

  constructor(
    data: CrmDataSet,
    readonly credentials: Credentials = {
      clientId: 'cid',
      clientSecret: 'secret',
      refreshToken: 'refresh',
    },
  ) {
    this.data = data;
    this.bulk = new BulkReadJobs(data);
  }

  /** Listens on `port` (a free one by default; the same one again to bring a stopped server back). */
  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) zohoError(res, 500, 'INTERNAL_ERROR', String(error));
      });
    });
    await new Promise<void>((ok) => this.server?.listen(port, '127.0.0.1', ok));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  /**
   * The next `times` requests matching `path` (and `method`, when given), after skipping `skip`
   * of them, meet the fault.
   */
  inject(
    kind: FaultKind,
    options: {
      path?: RegExp;
      query?: RegExp;
      method?: 'GET' | 'POST' | 'DELETE';
      times?: number;
      skip?: number;
      body?: unknown;
    } = {},
  ): void {
    this.faults.push({
      kind,
      ...(options.body !== undefined ? { body: options.body } : {}),
      path: options.path ?? /\/crm\/v8\//,
      ...(options.method ? { method: options.method } : {}),
      ...(options.query ? { query: options.query } : {}),
      remaining: options.times ?? 1,
      skip: options.skip ?? 0,
    });
  }

  /** Drops every fault still waiting: the server answers normally again. */
  clearFaults(): void {
    this.faults = [];
  }

  pendingFaults(): number {
    return this.faults.reduce((n, f) => n + f.remaining, 0);
  }

  private takeFault(path: string, method: string, query: string): Fault | null {
    for (const f of this.faults) {
      if (f.remaining <= 0 || !f.path.test(path) || (f.method && f.method !== method)) continue;
      if (f.query && !f.query.test(query)) continue;
      if (f.skip > 0) {
        f.skip--;
        continue;
      }
      f.remaining--;
      return f;
    }
    return null;
  }

  /** Dates the answer by the server's clock now (a request that changes records moves it). */
  private stampDate(res: ServerResponse): void {
    const date = this.dateHeader(this.data.clock);
    res.sendDate = date !== null;
    if (date === null) res.removeHeader('Date');
    else res.setHeader('Date', date);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.stampDate(res);
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      headers: req.headers,
    });
    if (url.pathname === '/oauth/v2/token' && req.method === 'POST')
      return this.token(req, url, res);
    const bulkRead = url.pathname.startsWith('/crm/bulk/v8/');
    if (!url.pathname.startsWith('/crm/v8/') && !bulkRead)
      return zohoError(
        res,
        404,
        'INVALID_URL_PATTERN',
        'Please check if the URL trying to access is a correct one',
      );
    this.inFlight++;
    res.once('close', () => this.inFlight--);
    if (this.maxInFlight !== null && this.inFlight > this.maxInFlight) {
      this.refusedInFlight++;
      return json(
        res,
        429,
        {
          code: 'TOO_MANY_REQUESTS',
          details: {},
          message: 'The concurrency limit was exceeded',
          status: 'error',
        },
        {
          'Retry-After': String(this.retryAfterS),
          'X-RATELIMIT-RESET': String(Date.now() + this.retryAfterS * 1000),
        },
      );
    }
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Zoho-oauthtoken ') ? auth.slice('Zoho-oauthtoken '.length) : '';
    const taken = this.takeFault(url.pathname, req.method ?? 'GET', url.search);
    const fault = taken?.kind ?? null;
    if (fault === 'invalid-token') this.tokens.clear();
    if (fault === 'unauthorised-no-code') {
      res.writeHead(401, { 'Content-Length': 0 });
      return void res.end();
    }
    if (!this.tokens.has(token)) return zohoError(res, 401, 'INVALID_TOKEN', 'invalid oauth token');
    if (fault === 'rate-limit') {
      for (const [name, value] of Object.entries(this.rateLimitHeaders()))
        res.setHeader(name, value);
      return zohoError(res, 429, 'TOO_MANY_REQUESTS', 'The concurrency limit was exceeded');
    }
    if (fault === 'server-error')
      return zohoError(res, 500, 'INTERNAL_ERROR', 'Internal Server Error');
    // A user whose profile may not read the module (or its deleted records).
    if (fault === 'no-permission')
      return zohoError(res, 403, 'NO_PERMISSION', 'permission denied to read');
    if (fault === 'empty-200') return json(res, 200, {});
    if (fault === 'wrong-shape') return json(res, 200, { data: {}, info: {} });
    if (fault === 'body-200') return json(res, 200, taken?.body ?? null);
    if (fault === 'bad-request') return json(res, 400, taken?.body ?? null);
    if (fault === 'not-json') {
      const page = typeof taken?.body === 'string' ? taken.body : '<html>Sign in to go on</html>';
      res.writeHead(200, {
        'Content-Type': 'text/html',
        'Content-Length': Buffer.byteLength(page),
      });
      return void res.end(page);
    }
    if (fault === 'expire-page-tokens') for (const t of this.pageTokens.values()) t.expired = true;
    this.beforeApiRequest?.(url.pathname + url.search, ++this.apiCount);
    // Lets a browser test watch a first sync's progress as a slow network would show it.
    if (this.apiDelayMs > 0) await new Promise((ok) => setTimeout(ok, this.apiDelayMs));
    // The answer is made from here on: dated after what the hook changed.
    this.stampDate(res);
    const body = req.method === 'POST' || req.method === 'PUT' ? await readBody(req) : '';
    const send = (status: number, payload: unknown): void => {
      if (fault !== 'cut') return json(res, status, payload);
      // The connection dies after half the page: headers and a truncated body, then nothing.
      const text = serialise(payload);
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
      });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      setImmediate(() => res.socket?.destroy());
    };
    const answer = (status: number, payload: unknown): void => {
      const held = this.holdAnswer?.(url.pathname + url.search, payload);
      if (!held) return send(status, payload);
      // Made now, sent later: what the page says is as of the request.
      const text = serialise(payload);
      void held.then(() => send(status, new RawJson(text)));
    };
    if (bulkRead) return this.bulk.route(req.method ?? 'GET', url, body, res, answer);
    return this.route(req, url, res, body, answer);
  }

  private async token(req: IncomingMessage, url: URL, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const get = (k: string): string | null => form.get(k) ?? url.searchParams.get(k);
    const c = this.credentials;
    const grant = get('grant_type');
    if (grant !== 'refresh_token' && grant !== 'authorization_code')
      return json(res, 200, { error: 'unsupported_grant_type' });
    // Zoho answers refusals with 200 and an error field.
    if (get('client_id') !== c.clientId || get('client_secret') !== c.clientSecret)
      return json(res, 200, { error: 'invalid_client' });
    let refreshToken = c.refreshToken;
    if (grant === 'authorization_code') {
      // A self-client's grant code is good for one exchange and yields the refresh token.
      const code = get('code');
      if (!code || !this.grantCodes.delete(code)) return json(res, 200, { error: 'invalid_code' });
      if (this.refreshTokenRevoked) {
        refreshToken = `${c.refreshToken}-renewed-${this.renewedRefreshTokens.size + 1}`;
        this.renewedRefreshTokens.add(refreshToken);
      }
    } else {
      const given = get('refresh_token') ?? '';
      const good =
        (given === c.refreshToken && !this.refreshTokenRevoked) ||
        this.renewedRefreshTokens.has(given);
      if (!good) return json(res, 200, { error: 'invalid_code' });
    }
    const token = `1000.test-access-${++this.tokenSeq}`;
    this.tokens.add(token);
    json(res, 200, {
      access_token: token,
      ...(grant === 'authorization_code' ? { refresh_token: refreshToken } : {}),
      api_domain: this.apiDomainOverride ?? this.url,
      token_type: 'Bearer',
      expires_in: this.tokenLifetimeS,
    });
  }

  private route(
    req: IncomingMessage,
    url: URL,
    res: ServerResponse,
    body: string,
    answer: (s: number, p: unknown) => void,
  ): void {
    const parts = url.pathname.split('/').slice(3); // after /crm/v8/
    const q = url.searchParams;
    if (parts[0] === 'org') return answer(200, { org: [this.data.org] });
    // Zoho serves its settings (business hours too: ZohoCRM.settings.business_hours.READ) only
    // to a sign-in with a settings scope.
    if (
      parts[0] === 'settings' &&
      ['modules', 'fields', 'related_lists', 'business_hours', 'holidays'].includes(
        parts[1] ?? '',
      ) &&
      !this.data.settingsScope
    )
      return zohoError(res, 401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL');
    if (parts[0] === 'settings' && parts[1] === 'variables')
      return this.variables(req.method ?? 'GET', parts[2], body, res, answer);
    if (parts[0] === 'settings' && parts[1] === 'business_hours' && parts[2] === 'shift_hours') {
      const shifts = this.data.shiftHours;
      if (shifts.length === 0) return void res.writeHead(204).end();
      return answer(200, {
        shift_hours: shifts,
        shift_count: {
          total_shift: shifts.length,
          total_shift_with_user: this.data.users.filter((u) => u.$current_shift).length,
        },
      });
    }
    if (parts[0] === 'settings' && parts[1] === 'holidays' && parts.length === 2) {
      // Zoho's filters, each optional: the year a holiday falls in, its type, its shift.
      const year = q.get('year');
      if (year !== null && !/^\d{4}$/.test(year))
        return zohoError(
          res,
          400,
          'PATTERN_NOT_MATCHED',
          'Please check whether the input values are correct',
          {
            api_name: 'year',
          },
        );
      const type = q.get('type');
      const shift = q.get('shift_id');
      const list = this.data.holidays.filter(
        (h) =>
          (year === null || String(h['year'] ?? String(h['date']).slice(0, 4)) === year) &&
          (type === null || h['type'] === type) &&
          (shift === null || (h['shift_hour'] as { id?: string } | null)?.id === shift),
      );
      if (list.length === 0) return void res.writeHead(204).end();
      return answer(200, {
        holidays: list,
        info: { per_page: 200, count: list.length, page: 1, more_records: false },
      });
    }
    if (parts[0] === 'settings' && parts[1] === 'business_hours' && parts.length === 2) {
      if (!this.data.businessHours) return void res.writeHead(204).end();
      return answer(200, { business_hours: this.data.businessHours });
    }
    if (parts[0] === 'settings' && parts[1] === 'modules' && parts.length === 2)
      return answer(200, { modules: this.moduleList() });
    if (parts[0] === 'settings' && (parts[1] === 'fields' || parts[1] === 'related_lists')) {
      const of = q.get('module');
      if (!of)
        return zohoError(
          res,
          400,
          'REQUIRED_PARAM_MISSING',
          'One of the expected parameter is missing',
          {
            param_name: 'module',
          },
        );
      if (!this.data.hasModule(of))
        return zohoError(res, 400, 'INVALID_MODULE', 'the module name given seems to be invalid', {
          param_name: 'module',
        });
      return parts[1] === 'fields'
        ? answer(200, { fields: this.fieldList(of) })
        : answer(200, { related_lists: this.relatedLists(of) });
    }
    if (parts[0] === 'users' && q.get('type') === 'CurrentUser') {
      const me =
        this.data.users.find((u) => u.id === this.data.currentUserId) ?? this.data.users[0];
      return answer(200, { users: me ? [me] : [] });
    }
    if (parts[0] === 'users') {
      const perPage = Number(q.get('per_page') ?? 200);
      const page = Number(q.get('page') ?? 1);
      const users = this.data.users.slice((page - 1) * perPage, page * perPage);
      return answer(200, {
        users,
        info: {
          per_page: perPage,
          count: users.length,
          page,
          more_records: page * perPage < this.data.users.length,
        },
      });
    }
    const module = parts[0] ?? '';
    if (module === 'Notes' && parts.length === 1 && req.method === 'GET') {
      const ims = req.headers['if-modified-since'];
      const since = typeof ims === 'string' ? Date.parse(ims) : null;
      if (since !== null && !Number.isFinite(since))
        return zohoError(res, 400, 'INVALID_DATA', 'invalid If-Modified-Since');
      const got = notesListing([...this.data.notes.values()], q, since, this.notesPageTokens, {
        refuseAttachments: this.refuseNoteAttachmentsField,
      });
      if (got.body === undefined) return void res.writeHead(got.status).end();
      return answer(got.status, got.body);
    }
    // The records API's deleted list, for Notes as for any module (CrmDataSet.removeNote).
    if (
      module === 'Notes' &&
      parts[1] === 'deleted' &&
      parts.length === 2 &&
      req.method === 'GET'
    ) {
      const ims = req.headers['if-modified-since'];
      const since = typeof ims === 'string' ? Date.parse(ims) : null;
      if (since !== null && !Number.isFinite(since))
        return zohoError(res, 400, 'INVALID_DATA', 'invalid If-Modified-Since');
      if (this.refuseDeletedNotes)
        return zohoError(res, 400, 'INVALID_MODULE', 'the module name given seems to be invalid', {
          resource_path_index: 0,
        });
      return this.deletedList(module, q, since, res, answer);
    }
    // A lead's or contact's notes, as the related records API lists them (its Notes related list).
    if (
      (module === 'Leads' || module === 'Contacts') &&
      parts[2] === 'Notes' &&
      parts.length === 3 &&
      req.method === 'GET'
    ) {
      if (!this.data.table(module).has(parts[1] ?? ''))
        return zohoError(res, 400, 'INVALID_DATA', 'the related id given seems to be invalid', {
          param: 'record_id',
        });
      const mine = [...this.data.notes.values()].filter(
        (n) => (n['Parent_Id'] as { id?: string } | null)?.id === parts[1],
      );
      const got = notesListing(mine, q, null, this.notesPageTokens, {
        refuseAttachments: this.refuseNoteAttachmentsField,
      });
      if (got.body === undefined) return void res.writeHead(got.status).end();
      return answer(got.status, got.body);
    }
    if (!this.data.apiServes(module))
      return zohoError(res, 400, 'INVALID_MODULE', 'the module name given seems to be invalid', {
        resource_path_index: 0,
      });
    const ims = req.headers['if-modified-since'];
    const since = typeof ims === 'string' ? Date.parse(ims) : null;
    if (since !== null && !Number.isFinite(since))
      return zohoError(res, 400, 'INVALID_DATA', 'invalid If-Modified-Since');
    if (parts[1] === 'actions' && parts[2] === 'count' && req.method === 'GET')
      return answer(200, { count: this.data.sorted(module).length });
    if (parts[1] === 'deleted') return this.deletedList(module, q, since, res, answer);
    if (parts[2] === 'Emails' && parts.length === 3 && req.method === 'GET')
      return this.emailList(module, parts[1] ?? '', q, res, answer);
    if (parts[2] === VISITS_LIST && parts.length === 3 && req.method === 'GET')
      return this.visitList(module, parts[1] ?? '', q, res, answer);
    if (parts[1] === 'search') return this.search(module, q, res, answer);
    if (parts[1] === 'upsert' && req.method === 'POST')
      return this.upsert(module, body, res, answer);
    if (parts.length === 1 && req.method === 'POST') return this.insert(module, body, answer);
    if (parts.length === 1 && req.method === 'PUT') return this.update(module, body, res, answer);
    if (parts.length === 1 && req.method === 'GET') return this.list(module, q, since, res, answer);
    if (parts.length === 1 && req.method === 'DELETE')
      return this.deleteRecords(module, q, res, answer);
    if (parts.length === 2 && req.method === 'GET')
      return this.record(module, parts[1] ?? '', q, res, answer);
    zohoError(
      res,
      404,
      'INVALID_URL_PATTERN',
      'Please check if the URL trying to access is a correct one',
    );
  }

  private list(
    module: string,
    q: URLSearchParams,
    since: number | null,
    res: ServerResponse,
    answer: (s: number, p: unknown) => void,
  ): void {
    const fields = q.get('fields');
    if (!fields)
      return zohoError(
        res,
        400,
        'REQUIRED_PARAM_MISSING',
        'One of the expected parameter is missing',
        { param: 'fields' },
      );
    if (this.refusedField(module, fields, res)) return;
    const ids = q.has('ids') ? new Set((q.get('ids') ?? '').split(',').filter(Boolean)) : null;
    if (ids?.size === 0)
      return zohoError(res, 400, 'INVALID_DATA', 'invalid data', { param_name: 'ids' });
    if (ids && ids.size > MAX_IDS)
      return zohoError(res, 400, 'LIMIT_EXCEEDED', 'limit exceeded', {
        limit: MAX_IDS,
        param_name: 'ids',
      });
    const deleted =
      ids && this.data.idsAnswer.deleted === 'refused' && this.deletedAmong(module, ids);
    if (deleted)
      return zohoError(res, 400, 'INVALID_DATA', 'the id given seems to be invalid', {
        param_name: 'ids',
        id: deleted,
      });
    const perPage = Math.min(200, Number(q.get('per_page') ?? 200));
    const sortBy = q.get('sort_by') ?? 'Modified_Time';
    if (!SORT_FIELDS.includes(sortBy))
      return zohoError(res, 400, 'INVALID_DATA', 'invalid data', {
        param_name: 'sort_by',
        supported_values: SORT_FIELDS,
      });
    // Leads only: converted ones are left out unless asked for (converted=true|both), and beside
    // `ids` only where this organisation's Zoho applies it.
    const converted =
      module === 'Leads' && !(ids && this.data.idsAnswer.convertedWithIds === 'ignored')
        ? (q.get('converted') ?? 'false')
        : 'false';
    if (converted !== 'false' && converted !== 'true' && converted !== 'both')
      return zohoError(res, 400, 'INVALID_DATA', 'invalid data', {
        param_name: 'converted',
        supported_values: ['true', 'false', 'both'],
      });
    let ascending =
      module === 'Leads' ? this.data.leadsListed(converted) : this.data.sorted(module);
    let after = since === null ? 0 : firstAfter(ascending, since);
    if (sortBy !== 'Modified_Time') {
      // If-Modified-Since still filters on Modified_Time; the order is the one asked for.
      ascending =
        converted === 'false'
          ? this.data.sortedBy(module, sortBy as 'id' | 'Created_Time')
          : [...ascending].sort(byField(sortBy as 'id' | 'Created_Time'));
      if (since !== null) ascending = ascending.filter((r) => Date.parse(r.Modified_Time) > since);
      after = 0;
    }
    // Newest first (how the sync learns a module's newest record), as far as pages go.
    const desc = q.get('sort_order') === 'desc';
    let all = desc ? ascending.slice(after).reverse() : ascending;
    // Only the records asked for that the user may see: an id Zoho shows them none for (deleted,
    // converted, another rep's, no longer shared) is simply not in `data`.
    if (ids) all = all.filter((r, i) => (desc || i >= after) && ids.has(r.id));
    const from = ids || desc ? 0 : after;
    let offset: number;
    let page = 1;
    const tokenText = q.get('page_token');
    if (tokenText) {
      const t = this.pageTokens.get(tokenText);
      if (!t || t.expired || t.module !== module)
        return zohoError(res, 400, 'INVALID_DATA', 'the page token is invalid or expired', {
          param_name: 'page_token',
        });
      offset = t.offset;
    } else {
      page = Number(q.get('page') ?? 1);
      if (page * perPage > MAX_DISCRETE)
        return zohoError(
          res,
          400,
          'DISCRETE_PAGINATION_LIMIT_EXCEEDED',
          'use page_token to fetch records beyond 2000',
          {},
        );
      offset = (page - 1) * perPage;
    }
    const slice = all.slice(from + offset, from + offset + perPage);
    // Converted leads asked for by id, where an organisation's Zoho returns them marked (with
    // `converted=true|both` they are among the listing's already).
    if (
      ids &&
      converted === 'false' &&
      module === 'Leads' &&
      this.data.idsAnswer.converted === 'returned'
    )
      for (const id of ids) {
        const lead = this.data.convertedLeads.get(id);
        if (lead) slice.push(lead);
      }
    if (slice.length === 0) {
      // Nothing modified since the given time: 304. Nothing at all: 204.
      if (since !== null && offset === 0) return void res.writeHead(304).end();
      return void res.writeHead(204).end();
    }
    const more = from + offset + perPage < all.length;
    let next: string | null = null;
    if (more) {
      next = `pt-${this.pageTokens.size + 1}-${module}`;
      this.pageTokens.set(next, { module, since, offset: offset + perPage, expired: false });
    }
    const names = fields.split(',');
    if (converted !== 'false' && this.data.convertedDetail.inListing)
      names.push('$converted', '$converted_detail');
    const data = this.cacheRecordJson
      ? new RawJson(`[${slice.map((r) => this.cachedJson(r, fields, names)).join(',')}]`)
      : slice.map((r) =>
          r['$converted'] === true && ids
            ? { ...pick(r, names), $converted: true }
            : pick(r, names),
        );
    answer(200, {
      data,
      info: {
        per_page: perPage,
        count: slice.length,
        page,
        sort_by: sortBy,
        sort_order: desc ? 'desc' : 'asc',
        more_records: more,
        next_page_token: next,
        previous_page_token: null,
        page_token_expiry: next ? zohoTime(this.data.clock + 86_400_000) : null,
      },
    });
  }

  /**
   * `GET /{module}/{id}`: the record, its `fields` only when given (a lead with its `$converted`
   * and `$converted_detail`); 204 when there is none. A converted lead is there only with
   * `converted=true|both`, as Zoho answers.
   */
  private record(
    module: string,
    id: string,
    q: URLSearchParams,
    res: ServerResponse,
    answer: (s: number, p: unknown) => void,
  ): void {
    const fields = q.get('fields');
    if (fields && this.refusedField(module, fields, res)) return;
    const converted = q.get('converted') ?? 'false';
    const rec =
      this.data.table(module).get(id) ??
      (module === 'Leads' && converted !== 'false' ? this.data.convertedLeads.get(id) : undefined);
    if (!rec) return void res.writeHead(204).end();
    const whole = module === 'Leads' ? { $converted: false, $converted_detail: {}, ...rec } : rec;
    answer(200, { data: [fields ? pick(rec, fields.split(',')) : whole] });
  }

  /** The first of `ids` of no record Zoho holds (deleted, or never there), if any. */
  private deletedAmong(module: string, ids: ReadonlySet<string>): string | undefined {
    return [...ids].find((id) => !this.data.holds(module, id));
  }

  /** Serialises a module's records for a field list ahead of the requests (with cacheRecordJson). */
  prepareRecordJson(module: string, fields: readonly string[]): void {
    const list = fields.join(',');
    for (const r of this.data.sorted(module)) this.cachedJson(r, list, [...fields]);
  }

  private cachedJson(record: ZRecord, fields: string, names: string[]): string {
    const hit = this.recordJson.get(record);
    if (hit?.fields === fields) return hit.text;
    const text = JSON.stringify(pick(record, names));
    this.recordJson.set(record, { fields, text });
    return text;
  }

  private deletedList(
    module: string,
    q: URLSearchParams,
    since: number | null,
    res: ServerResponse,
    answer: (s: number, p: unknown) => void,
  ): void {
    const perPage = Math.min(200, Number(q.get('per_page') ?? 200));
    const page = Number(q.get('page') ?? 1);
    // Newest deletions first, as Zoho lists its recycle bin.
    const all = [...(this.data.deleted.get(module) ?? [])]
      .filter((d) => since === null || Date.parse(d.deleted_time) > since)
      .reverse();
    const slice = all.slice((page - 1) * perPage, page * perPage);
    if (slice.length === 0)
      return void res.writeHead(since !== null && page === 1 ? 304 : 204).end();
    answer(200, {
      data: slice,
      info: {
        per_page: perPage,
        count: slice.length,
        page,
        more_records: page * perPage < all.length,
      },
    });
  }

  private emailList(
    module: string,
    id: string,
    q: URLSearchParams,
    res: ServerResponse,
    answer: (s: number, p: unknown) => void,
  ): void {
    if (!this.data.emailScope)
      return zohoError(res, 401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL');
    if (!['Leads', 'Contacts'].includes(module) || !this.data.table(module).has(id))
      return zohoError(res, 400, 'INVALID_DATA', 'the related id given seems to be invalid', {
        param: 'record_id',
      });
    const all = this.data.emails.get(id) ?? [];
    const perPage = 10;
    const offset = Number(q.get('index') ?? 0);
    const slice = all.slice(offset, offset + perPage);
    if (slice.length === 0) return void res.writeHead(204).end();
    const more = offset + perPage < all.length;
    answer(200, {
      Emails: slice,
      info: {
        per_page: perPage,
        next_index: more ? String(offset + perPage) : null,
        count: slice.length,
        prev_index: offset > 0 ? String(Math.max(0, offset - perPage)) : null,
        more_records: more,
      },
    });
  }

  /** v8 refuses a whole listing that names a field the module does not have. */
  private refusedField(module: string, fields: string, res: ServerResponse): boolean {
    const has = this.data.fieldsOf(module);
    const unknown = fields.split(',').find((f) => f !== 'id' && !has.has(f));
    if (unknown === undefined) return false;
    zohoError(res, 400, 'INVALID_DATA', 'the field name given seems to be invalid', {
      api_name: unknown,
    });
    return true;
  }

  /** `/settings/modules`: every module the organisation has, API-supported or not. */
  private moduleList(): Record<string, unknown>[] {
    const synced = [...this.data.modules.keys()].filter((m) => this.data.hasModule(m));
    const all = [
      ...synced.map((name) => ({ name, api: this.data.apiServes(name) })),
      ...OTHER_MODULES,
    ];
    return all.map(({ name, api }, i) => ({
      id: String(1_000_000 + i),
      api_name: name,
      module_name: name,
      plural_label: name.replace(/_/g, ' '),
      singular_label: name.replace(/_/g, ' ').replace(/s$/, ''),
      api_supported: api,
      creatable: api,
      editable: api,
      deletable: api,
      viewable: true,
      generated_type: name.startsWith('CW_') ? 'custom' : 'default',
      sequence_number: i + 1,
      visibility: 1,
      status: 'visible',
      parent_module: {},
      profiles: [{ name: 'Administrator', id: 'p-admin' }],
    }));
  }

  /**
   * `/settings/variables`: the organisation's variables. GET lists them (204: none); POST creates
   * (`name`, `api_name`, `type`, `variable_group` required; a taken api_name is DUPLICATE_DATA);
   * PUT `/{id}` sets a value. Reading takes the settings scope, changing them
   * ZohoCRM.settings.variables.ALL (`variablesScope`) and an administrator's profile
   * (`variablesWritable`: else 403).
   */
  private variables(
    method: string,
    id: string | undefined,
    body: string,
    res: ServerResponse,
    answer: (s: number, p: unknown) => void,
  ): void {
    const list = this.data.variables;
    if (method === 'GET') {
      if (!this.data.settingsScope)
        return zohoError(
          res,
          401,
          'OAUTH_SCOPE_MISMATCH',
          'invalid oauth scope to access this URL',
        );
      if (id === undefined)
        return list.length === 0 ? void res.writeHead(204).end() : answer(200, { variables: list });
      const one = list.find((v) => v.id === id || v.api_name === id);
      return one
        ? answer(200, { variables: [one] })
        : zohoError(res, 400, 'INVALID_DATA', 'the id given seems to be invalid');
    }
    if (!this.data.variablesScope)
      return zohoError(res, 401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL');
    if (!this.data.variablesWritable)
      return zohoError(res, 403, 'NO_PERMISSION', 'permission denied');
    let entries: Record<string, unknown>[];
    try {
      const parsed = JSON.parse(body) as { variables?: unknown };
      if (!Array.isArray(parsed.variables) || parsed.variables.length === 0) throw new Error();
      entries = parsed.variables as Record<string, unknown>[];
    } catch {
      return zohoError(res, 400, 'INVALID_DATA', 'invalid data');
    }
    const entry = entries[0] ?? {};
    const done = (v: ZVariable, code: string): void =>
      answer(method === 'POST' ? 201 : 200, {
        variables: [{ code, details: { id: v.id }, message: 'success', status: 'success' }],
      });
    if (method === 'POST' && id === undefined) {
      for (const k of ['name', 'api_name', 'type', 'variable_group'])
        if (entry[k] === undefined || entry[k] === null)
          return answer(400, {
            variables: [
              {
                code: 'MANDATORY_NOT_FOUND',
                details: { api_name: k, json_path: `$.variables[0].${k}` },
                message: 'required field not found',
                status: 'error',
              },
            ],
          });
      if (list.some((v) => v.api_name === entry['api_name']))
        return answer(400, {
          variables: [
            {
              code: 'DUPLICATE_DATA',
              details: { api_name: 'api_name' },
              message: 'duplicate data',
              status: 'error',
            },
          ],
        });
      const created: ZVariable = {
        id: String(6_000_000 + list.length),
        api_name: String(entry['api_name']),
        name: String(entry['name']),
        description: typeof entry['description'] === 'string' ? entry['description'] : null,
        source: 'crm',
        type: String(entry['type']),
        variable_group: { id: '6100000', api_name: 'General', name: 'General' },
        read_only: false,
        value: entry['value'] ?? null,
      };
      list.push(created);
      return done(created, 'SUCCESS');
    }
    if (method === 'PUT' && id !== undefined) {
      const one = list.find((v) => v.id === id || v.api_name === id);
      if (!one) return zohoError(res, 400, 'INVALID_DATA', 'the id given seems to be invalid');
      if ('value' in entry) one.value = entry['value'] ?? null;
      return done(one, 'SUCCESS');
    }
    return zohoError(
      res,
      400,
      'INVALID_URL_PATTERN',
      'Please check if the URL trying to access is a correct one',
    );
  }

  /** `/settings/fields?module=`: the field metadata the module has. */
  private fieldList(module: string): Record<string, unknown>[] {
    return [...this.data.fieldsOf(module)].map((api_name, i) => {
      const type = this.data.fieldTypes.get(`${module}.${api_name}`) ?? dataTypeOf(api_name);
      return {
        id: String(2_000_000 + i),
        api_name,
        field_label: api_name.replace(/_/g, ' '),
        display_label: api_name.replace(/_/g, ' '),
        data_type: type,
        json_type: type === 'subform' ? 'jsonarray' : 'string',
        custom_field: api_name.startsWith('CW_'),
        visible: true,
        read_only: false,
        field_read_only: false,
        system_mandatory: api_name === 'Last_Name',
        type: 'used',
        ...(module === 'Deals' && api_name === 'Stage'
          ? {
              pick_list_values: this.data.dealStages.map((s, n) => ({
                id: String(5_000_000 + n),
                display_value: s.name,
                actual_value: s.name,
                sequence_number: n + 1,
                type: 'used',
                colour_code: null,
                forecast_type: s.forecastType,
                forecast_category: {
                  name:
                    s.forecastType === 'Open'
                      ? 'Pipeline'
                      : s.forecastType === 'Closed Won'
                        ? 'Closed'
                        : 'Omitted',
                  id: String(5_100_000 + n),
                },
              })),
            }
          : {}),
      };
    });
  }

  /** `/settings/related_lists?module=`: what a record of the module lists about itself. */
  private relatedLists(module: string): Record<string, unknown>[] {
    const list = (api_name: string, target: string | null, i: number) => ({
      id: String(3_000_000 + i),
      sequence_number: String(i + 1),
      display_label: api_name.replace(/_/g, ' '),
      api_name,
      module: target ? { api_name: target, id: String(4_000_000 + i) } : null,
      name: api_name,
      action: null,
      href: `${module}/{ENTITYID}/${api_name}`,
      type: 'default',
      customize_sort: false,
      customize_fields: false,
      customize_display_label: true,
      status: 'visible',
    });
    const lists = [list('Notes', 'Notes', 0), list('Attachments', 'Attachments', 1)];
    if (module === 'Leads' || module === 'Contacts') {
      lists.push(list('Emails', null, 2), list('Calls', 'Calls', 3));
      if (this.data.salesIq !== 'none') lists.push(list(VISITS_LIST, 'Visits', 4));
    }
    return lists;
  }

  /**
   * `/{Leads|Contacts}/{id}/Visits_Zoho_Livedesk?fields=`: the person's visits, the data/info
   * envelope with `page`, 204 when there are none.
   */
  private visitList(
    module: string,
    id: string,
    q: URLSearchParams,
    res: ServerResponse,
    answer: (s: number, p: unknown) => void,
  ): void {
    if (!['Leads', 'Contacts'].includes(module) || this.data.salesIq === 'none')
      return zohoError(res, 400, 'INVALID_DATA', 'the related list given seems to be invalid', {
        resource_path_index: 2,
      });
    if (!this.data.table(module).has(id))
      return zohoError(res, 400, 'INVALID_DATA', 'the related id given seems to be invalid', {
        resource_path_index: 1,
      });
    const fields = q.get('fields');
    if (!fields)
      return zohoError(
        res,
        400,
        'REQUIRED_PARAM_MISSING',
        'One of the expected parameter is missing',
        {
          param: 'fields',
        },
      );
    if (this.refusedField('Visits', fields, res)) return;
    const link = module === 'Leads' ? 'Lead_Name' : 'Contact_Name';
    const all = this.data
      .sorted('Visits')
      .filter((v) => (v[link] as { id?: string } | null | undefined)?.id === id);
    const perPage = Math.min(200, Number(q.get('per_page') ?? 200));
    const page = Number(q.get('page') ?? 1);
    const slice = all.slice((page - 1) * perPage, page * perPage);
    if (slice.length === 0) return void res.writeHead(204).end();
    const names = fields.split(',');
    answer(200, {
      data: slice.map((r) => pick(r, names)),
      info: {
        per_page: perPage,
        count: slice.length,
        page,
        more_records: page * perPage < all.length,
      },
    });
  }

  /**
   * `?email=` or `?criteria=`: up to 10 conditions joined with `and` or with `or`, on the Owner
   * (`equals`, its id), the Email, Last_Name, First_Name, Company (`equals`) and on date-times (`equals`, `greater_equal`,
   * `greater_than`, `less_equal`, `less_than`), as Zoho reads them (searchCriteria); newest id first, `page`/`per_page` up to the 2,000th record (LIMIT_REACHED past
   * it), 204 when nothing matches; 401 OAUTH_SCOPE_MISMATCH without ZohoSearch.securesearch.READ.
   * A record created less than `data.searchLagMs` ago (server clock) is not found yet.
   */
  private search(
    module: string,
    q: URLSearchParams,
    res: ServerResponse,
    answer: (s: number, p: unknown) => void,
  ): void {
    if (!this.data.searchScope)
      return zohoError(res, 401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL');
    const criteria = q.get('criteria');
    let match: (r: ZRecord) => boolean;
    if (criteria !== null) {
      const parsed = searchCriteria(criteria);
      if (typeof parsed === 'string')
        return zohoError(res, 400, 'INVALID_QUERY', 'invalid query formed', { reason: parsed });
      match = parsed;
    } else {
      const email = q.get('email')?.toLowerCase();
      match = (r) => String(r['Email'] ?? '').toLowerCase() === email;
    }
    const asked = q.get('fields') ?? 'Last_Name,Email,Modified_Time';
    if (this.refusedField(module, asked, res)) return;
    const perPage = Math.min(200, Number(q.get('per_page') ?? 200));
    const page = Number(q.get('page') ?? 1);
    if (page * perPage > MAX_DISCRETE)
      return zohoError(res, 400, 'LIMIT_REACHED', 'Maximum response iteration limit reached');
    // Zoho's search answers from an index that shows a new record only some time after.
    const indexed = (r: ZRecord): boolean =>
      Date.parse(String(r['Created_Time'])) + this.data.searchLagMs <= this.data.clock;
    const found = [...this.data.table(module).values()]
      .filter((r) => indexed(r) && match(r))
      .sort((a, b) => b.id.length - a.id.length || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0));
    const slice = found.slice((page - 1) * perPage, page * perPage);
    if (slice.length === 0) return void res.writeHead(204).end();
    const fields = asked.split(',');
    answer(200, {
      data: slice.map((r) => pick(r, fields)),
      info: {
        per_page: perPage,
        count: slice.length,
        page,
        sort_by: 'id',
        sort_order: 'desc',
        more_records: page * perPage < found.length,
      },
    });
  }

  /**
   * `POST /{module}`: each record is created; Calls and Leads checked as Zoho does (a lead's
   * mandatory fields, and its fields that allow no duplicates).
   */
  private insert(module: string, body: string, answer: (s: number, p: unknown) => void): void {
    const input = JSON.parse(body) as { data?: Record<string, unknown>[] };
    const data = (input.data ?? []).map((given) => {
      let fields = given;
      if (module === 'Calls') {
        const saved = savedCall(
          given,
          this.data.clock,
          this.data.callResults,
          this.data.mandatoryFields.get('Calls'),
        );
        if ('error' in saved) return saved.error;
        // A call logged with someone Zoho no longer holds (deleted, or merged away).
        const person = (['Who_Id', 'What_Id'] as const).find((f) => given[f]);
        const personId = person && (given[person] as { id?: string } | null)?.id;
        const holder = person === 'Who_Id' ? 'Contacts' : String(given['$se_module'] ?? 'Leads');
        if (
          person &&
          personId &&
          this.data.modules.has(holder) &&
          !this.data.table(holder).has(personId)
        )
          return invalid(person, 'lookup');
        fields = saved.fields;
      }
      if (module === 'Leads') {
        const refused = leadRefusal(
          given,
          this.data.table('Leads').values(),
          this.data.mandatoryFields.get('Leads'),
          this.data.uniqueFields.get('Leads'),
        );
        if (refused) return refused;
      }
      const unknown = this.unknownField(module, fields);
      if (unknown) return unknown;
      // The app's key field is unique where an org keeps it: Zoho names the record holding it.
      const key = fields[UNIQUE_CALL_FIELD];
      const holder =
        module === 'Calls' && key
          ? [...this.data.table('Calls').values()].find((r) => r[UNIQUE_CALL_FIELD] === key)
          : undefined;
      if (holder)
        return {
          code: 'DUPLICATE_DATA',
          details: {
            api_name: UNIQUE_CALL_FIELD,
            json_path: `$.data[0].${UNIQUE_CALL_FIELD}`,
            duplicate_record: { id: holder.id, module: { api_name: 'Calls' } },
          },
          message: 'duplicate data',
          status: 'error',
        };
      const rec = this.data.insert(module, fields);
      return {
        code: 'SUCCESS',
        details: { id: rec.id, Modified_Time: rec.Modified_Time, Created_Time: rec.Modified_Time },
        message: 'record added',
        status: 'success',
      };
    });
    if (data.length === 0) return answer(400, { code: 'INVALID_DATA', message: 'no data' });
    const failed = data.filter((d) => d.status === 'error').length;
    answer(failed === 0 ? 201 : failed === data.length ? 400 : 207, { data });
  }

  /**
   * `PUT /{module}`: updates records by the `id` each carries (Zoho's updateRecords, at most 100):
   * 200 when every record was updated, 400 when none was, 207 for some of each; each refused
   * record says why in its own `data` entry (an id of no record, deleted or never there:
   * INVALID_DATA on `id`; a field the module lacks or a value it will not take: INVALID_DATA on
   * the field). A task set Completed gets its Closed_Time, as Zoho stamps it.
   */
  private update(
    module: string,
    body: string,
    res: ServerResponse,
    answer: (s: number, p: unknown) => void,
  ): void {
    const input = JSON.parse(body) as { data?: Record<string, unknown>[] };
    const records = input.data ?? [];
    if (records.length === 0) return zohoError(res, 400, 'INVALID_DATA', 'no data');
    if (records.length > 100)
      return zohoError(res, 400, 'LIMIT_EXCEEDED', 'the records given exceed 100', {
        limit: 100,
      });
    const refuse = (i: number, field: string, code: string, message: string) => ({
      code,
      details: { api_name: field, json_path: `$.data[${i}].${field}` },
      message,
      status: 'error' as const,
    });
    const data = records.map((given, i) => {
      const { id, ...fields } = given;
      if (typeof id !== 'string' || id === '')
        return refuse(i, 'id', 'MANDATORY_NOT_FOUND', 'required field not found');
      if (!this.data.table(module).has(id))
        return refuse(i, 'id', 'INVALID_DATA', 'the id given seems to be invalid');
      const unknown = this.unknownField(module, fields);
      if (unknown)
        return {
          ...unknown,
          details: {
            ...unknown.details,
            json_path: `$.data[${i}].${unknown.details['api_name'] as string}`,
          },
        };
      if (module === 'Tasks') {
        const due = fields['Due_Date'];
        if (due !== undefined && (typeof due !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(due)))
          return refuse(i, 'Due_Date', 'INVALID_DATA', 'invalid data');
        const status = fields['Status'];
        if (status !== undefined && !TASK_STATUSES.includes(String(status)))
          return refuse(i, 'Status', 'INVALID_DATA', 'invalid data');
        if (status === 'Completed') fields['Closed_Time'] = zohoTime(this.data.clock + 1000);
      }
      const rec = this.data.modify(module, id, fields);
      return {
        code: 'SUCCESS',
        details: {
          Modified_Time: rec.Modified_Time,
          Created_Time: rec['Created_Time'],
          id: rec.id,
        },
        message: 'record updated',
        status: 'success',
      };
    });
    const failed = data.filter((d) => d.status === 'error').length;
    answer(failed === 0 ? 200 : failed === data.length ? 400 : 207, { data });
  }

  /** Zoho's answer for a record naming a field the module does not have, or null. */
  private unknownField(
    module: string,
    fields: Record<string, unknown>,
  ): { code: string; details: Record<string, unknown>; message: string; status: 'error' } | null {
    const unknown = Object.keys(fields).find(
      (f) => !f.startsWith('$') && !this.data.fieldsOf(module).has(f),
    );
    return unknown
      ? {
          code: 'INVALID_DATA',
          details: { api_name: unknown, json_path: `$.data[0].${unknown}` },
          message: 'invalid data',
          status: 'error',
        }
      : null;
  }

  /**
   * `DELETE /{module}?ids=a,b` (at most 100): each record goes to the recycle bin, one result per
   * id in the order given; an id of no record is refused on its own.
   */
  private deleteRecords(
    module: string,
    q: URLSearchParams,
    res: ServerResponse,
    answer: (s: number, p: unknown) => void,
  ): void {
    const ids = (q.get('ids') ?? '').split(',').filter((id) => id !== '');
    if (ids.length === 0)
      return zohoError(
        res,
        400,
        'REQUIRED_PARAM_MISSING',
        'One of the expected parameter is missing',
        {
          param_name: 'ids',
        },
      );
    if (ids.length > 100)
      return zohoError(res, 400, 'LIMIT_EXCEEDED', 'the ids given exceed 100', { limit: 100 });
    const data = ids.map((id) => {
      if (!this.data.table(module).has(id))
        return {
          code: 'INVALID_DATA',
          details: { id },
          message: 'record not deleted',
          status: 'error',
        };
      this.data.remove(module, id);
      return { code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' };
    });
    answer(200, { data });
  }

  private upsert(
    module: string,
    body: string,
    res: ServerResponse,
    answer: (s: number, p: unknown) => void,
  ): void {
    // Zoho's upsert serves records modules, not activities: Calls, Events and Tasks are created.
    if (['Calls', 'Events', 'Tasks'].includes(module))
      return answer(400, {
        data: [
          {
            code: 'INVALID_MODULE',
            details: { resource_path_index: 0 },
            message: 'the module name given seems to be invalid',
            status: 'error',
          },
        ],
      });
    const input = JSON.parse(body) as {
      data?: Record<string, unknown>[];
      duplicate_check_fields?: string[];
    };
    const key = input.duplicate_check_fields?.[0];
    if ((input.data ?? []).length > 100)
      return zohoError(res, 400, 'LIMIT_EXCEEDED', 'the records given exceed 100', {
        limit: 100,
      });
    const data = (input.data ?? []).map((given) => {
      const unknown = this.unknownField(module, given);
      if (unknown) return unknown;
      const existing = key
        ? [...this.data.table(module).values()].find(
            (r) => r[key] !== undefined && r[key] === given[key],
          )
        : undefined;
      let fields = given;
      if (module === 'Calls') {
        const saved = savedCall(
          { ...(existing ?? {}), ...given },
          this.data.clock,
          this.data.callResults,
        );
        if ('error' in saved) return saved.error;
        fields = saved.fields;
      }
      const rec = existing
        ? this.data.modify(module, existing.id, fields)
        : this.data.insert(module, fields);
      return {
        code: 'SUCCESS',
        duplicate_field: existing ? key : null,
        action: existing ? 'update' : 'insert',
        details: { id: rec.id, Modified_Time: rec.Modified_Time },
        message: existing ? 'record updated' : 'record added',
        status: 'success',
      };
    });
    if (data.length === 0) return zohoError(res, 400, 'INVALID_DATA', 'no data');
    // Zoho: 200 when every record was saved, 400 when none was, 207 for some of each.
    const failed = data.filter((d) => d.status === 'error').length;
    answer(failed === 0 ? 200 : failed === data.length ? 400 : 207, { data });
  }
}

/** The Status values of Zoho's standard Tasks layout. */
const TASK_STATUSES = ['Not Started', 'Deferred', 'In Progress', 'Completed', 'Waiting for input'];

const DATE_OPERATORS: Record<string, (a: number, b: number) => boolean> = {
  equals: (a, b) => a === b,
  greater_equal: (a, b) => a >= b,
  greater_than: (a, b) => a > b,
  less_equal: (a, b) => a <= b,
  less_than: (a, b) => a < b,
};

// A lead's text fields a search compares (`equals`, in any case, as Zoho does).
const TEXT_FIELDS = new Set(['Last_Name', 'First_Name', 'Company']);

// Conditions one search takes ("a maximum of 10 criteria", Zoho's searchRecords documentation).
const MAX_CRITERIA = 10;

/**
 * A search's criteria as a test of a record, or why Zoho would refuse them: `(field:op:value)`,
 * or up to MAX_CRITERIA such conditions joined by `and`, or all by `or`, inside parentheses
 * (mixing the two takes nesting, which Zoho reads and this server does not). A value runs to its
 * condition's closing parenthesis (a date-time's colons are its own); `\` escapes a parenthesis
 * or comma in it. Owner and Email take `equals` (an email in any case, as Zoho matches it), as
 * do a lead's names and company (TEXT_FIELDS), date-times the comparisons.
 */
function searchCriteria(text: string): ((r: ZRecord) => boolean) | string {
  const inner = /^\((.*)\)$/.exec(text.trim())?.[1];
  if (inner === undefined) return 'criteria must be in parentheses';
  const grouped = inner.startsWith('(');
  const joinedByOr = grouped && /\)or\(/i.test(inner);
  if (joinedByOr && /\)and\(/i.test(inner)) return 'and and or mixed without nesting';
  const conditions = grouped ? inner.split(joinedByOr ? /\)or\(/i : /\)and\(/i) : [inner];
  if (conditions.length > MAX_CRITERIA) return `more than ${MAX_CRITERIA} criteria`;
  const tests: ((r: ZRecord) => boolean)[] = [];
  for (const [i, raw] of conditions.entries()) {
    let c = raw;
    if (grouped && i === 0) c = c.replace(/^\(/, '');
    if (grouped && i === conditions.length - 1) c = c.replace(/\)$/, '');
    const m = /^([A-Za-z_]+):([a-z_]+):(.*)$/.exec(c);
    if (!m) return `cannot read the condition ${c}`;
    const [, field = '', op = '', escaped = ''] = m;
    const value = escaped.replace(/\\(.)/g, '$1');
    if (field === 'Owner') {
      if (op !== 'equals') return `Owner takes equals, not ${op}`;
      tests.push((r) => (r['Owner'] as { id?: string } | null | undefined)?.id === value);
      continue;
    }
    if (field === 'Email') {
      if (op !== 'equals') return `Email takes equals, not ${op}`;
      tests.push((r) => String(r['Email'] ?? '').toLowerCase() === value.toLowerCase());
      continue;
    }
    if (TEXT_FIELDS.has(field)) {
      if (op !== 'equals') return `${field} takes equals here, not ${op}`;
      tests.push((r) => String(r[field] ?? '').toLowerCase() === value.toLowerCase());
      continue;
    }
    const compare = DATE_OPERATORS[op];
    const at = Date.parse(value);
    if (!compare || !Number.isFinite(at)) return `cannot compare ${field} ${op} ${value}`;
    tests.push((r) => {
      const t = Date.parse(String(r[field] ?? ''));
      return Number.isFinite(t) && compare(t, at);
    });
  }
  return joinedByOr ? (r) => tests.some((t) => t(r)) : (r) => tests.every((t) => t(r));
}

/** Zoho's other sort_by orders, ascending (ties by id): as CrmDataSet.sortedBy. */
function byField(field: 'id' | 'Created_Time'): (a: ZRecord, b: ZRecord) => number {
  const byId = (a: ZRecord, b: ZRecord): number =>
    a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const at = (r: ZRecord): number => Date.parse(String(r['Created_Time']));
  return field === 'id' ? byId : (a, b) => at(a) - at(b) || byId(a, b);
}

function firstAfter(list: ZRecord[], since: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Date.parse((list[mid] as ZRecord).Modified_Time) > since) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
