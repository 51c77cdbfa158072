import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';
import { send, type TransportResponse } from './httpTransport';
import { ownTurn } from '../eventLoopTurns';
import { InFlightLimit } from './inFlightLimit';
import { describeNetworkError, ZohoAuthError, type ZohoTokenSource } from './zohoAuth';
import { CrmOutageError, CrmRequestError, type CrmTrouble } from '../crmSource';

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long one request may take before it counts as failed (and is retried once). */
  requestDeadlineMs?: number;
}

// Small answers (a count, a person's emails) are parsed at once.
const TURN_ABOVE_CHARS = 16_384;

/** Zoho answers within seconds; a request silent this long is lost, not slow. */
export const REQUEST_DEADLINE_MS = 30_000;

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface ZohoResponse {
  status: number;
  /** Parsed JSON body; null for 204 and 304, which carry none, and for a file. */
  body: unknown;
  /** A file's bytes (a request with `binary`, answered 200). */
  bytes?: Buffer;
}

/** The API refused the request for a reason a retry will not change (4xx other than 401/429). */
export class ZohoApiError extends Error {
  override name = 'ZohoApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    /** Zoho's `details` (which parameter or field was wrong), when the answer had them. */
    readonly details: Record<string, unknown> | null = null,
    /** The parsed answer: a refused record's reason is in its `data`, not in the message. */
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

/**
 * A request that went unanswered for its whole deadline, twice, while the API answered nothing
 * else: the server is hung, or too slow.
 */
export class ZohoTimeoutError extends CrmOutageError {
  override name = 'ZohoTimeoutError';
  constructor(
    message: string,
    /** Both times the server answered and its body was still coming: slow, not down. */
    readonly midAnswer: boolean,
  ) {
    super(message, 'silent');
  }
}

/**
 * A request that went unanswered for its whole deadline, twice, while the API answered other
 * requests meanwhile: this endpoint hangs, not the CRM. The module asking for it cannot be read
 * this run (a module fault); the others go on.
 */
export class ZohoEndpointTimeoutError extends CrmRequestError {
  override name = 'ZohoEndpointTimeoutError';
  constructor(
    message: string,
    /** Both times the server answered and its body was still coming: slow, not down. */
    readonly midAnswer: boolean,
  ) {
    // Silent, as a whole CRM that does not answer: the app says so in its own words.
    super(message, 'silent');
  }
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  json?: unknown;
  /** Stops the request and its retries (a page fetched ahead that is no longer wanted). */
  signal?: AbortSignal;
  /** The answer is a file (Bulk Read's zip): its bytes come back in `bytes`, not parsed. */
  binary?: boolean;
  /** This request's own deadline (a large file takes longer than a page). */
  deadlineMs?: number;
  /**
   * It creates a record: after a cut connection, a deadline or a 5xx it may have landed, so it
   * is not sent again here (the caller looks for what landed first). A 429 or a refreshed token
   * is still retried: Zoho did not act on those.
   */
  createsRecord?: boolean;
}

function apiErrorCode(body: unknown): string | null {
  if (body && typeof body === 'object') {
    const b = body as { code?: unknown; data?: { code?: unknown }[] };
    if (typeof b.code === 'string') return b.code;
    const first = Array.isArray(b.data) ? b.data[0] : undefined;
    if (first && typeof first.code === 'string') return first.code;
  }
  return null;
}

function apiErrorDetails(body: unknown): Record<string, unknown> | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as { details?: unknown; data?: { details?: unknown }[] };
  const details = b.details ?? (Array.isArray(b.data) ? b.data[0]?.details : undefined);
  return details && typeof details === 'object' ? (details as Record<string, unknown>) : null;
}

const LIMIT_ADVICE =
  "Zoho is limiting this organisation's API requests (too many at once, or its API credits for the day are used up): try again later (the app does, on its schedule)";

function delayFor(policy: RetryPolicy, attempt: number, hintedMs: number | null): number {
  const hinted = hintedMs ?? NaN;
  // Full jitter: concurrent clients that failed together must not come back together.
  const backoff = Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Number.isFinite(hinted) ? Math.min(policy.maxDelayMs, hinted) + backoff / 4 : backoff;
}

/**
 * The longest a request waits for a rate limit to free up. A limit said to last longer (the
 * organisation's API credits for the day) ends the run at once, saying until when, instead of
 * spending its attempts against it.
 */
const LONGEST_LIMIT_WAIT_MS = 2 * 60_000;

/**
 * How long the in-flight limit stays lowered: never past the longest wait, so a limit of the
 * day (or a reset misread) does not slow the syncs after the credits come back.
 */
function heldUntil(freeAt: number | null, now: number): number | null {
  return freeAt === null ? null : Math.min(freeAt, now + LONGEST_LIMIT_WAIT_MS);
}

/**
 * When a 429 says the limit frees up: Retry-After (seconds or a date), else Zoho's X-RATELIMIT-RESET, an
 * instant (epoch milliseconds, or seconds) or, when small, seconds from now. Null: not said.
 */
export function rateLimitResetAt(
  answer: Pick<TransportResponse, 'retryAfter' | 'rateLimitReset'>,
  now: number,
): number | null {
  const after = Number(answer.retryAfter ?? NaN);
  if (answer.retryAfter !== null && Number.isFinite(after) && after >= 0) return now + after * 1000;
  // Retry-After may also be a date (RFC 9110).
  const until = httpDate(answer.retryAfter);
  if (until !== null) return Math.max(now, until);
  const reset = Number(answer.rateLimitReset ?? NaN);
  if (answer.rateLimitReset === null || !Number.isFinite(reset) || reset < 0) return null;
  if (reset > 1e12) return reset;
  if (reset > 1e9) return reset * 1000;
  return now + reset * 1000;
}

/**
 * An HTTP Date header as an instant (UTC epoch ms); null when absent or not one of the three
 * forms RFC 9110 has recipients accept (IMF-fixdate, RFC 850, asctime).
 */
function httpDate(header: string | null): number | null {
  if (header === null) return null;
  const at = DateTime.fromHTTP(header.trim(), { zone: 'utc' });
  return at.isValid ? at.toMillis() : null;
}

/**
 * Authenticated JSON requests to the CRM API, with bounded retries of transient failures, at
 * most `limit.limit` at once (the organisation's in-flight cap), each one counted (API credits).
 */
export class ZohoHttp {
  /** Requests sent to the API (retries included): what Zoho counts against the daily credits. */
  requestsSent = 0;
  /**
   * The CRM's clock when it made its latest answer, from that answer's Date header (null: no
   * answer yet, or the latest had no usable Date): the CRM's time, whatever this computer's says.
   */
  answeredAt: number | null = null;
  /** Answers the API gave (any status): whether it answered others while one request hung. */
  private answers = 0;

  constructor(
    private readonly tokens: ZohoTokenSource,
    private readonly apiDomain: () => string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    readonly limit: InFlightLimit = new InFlightLimit(5),
    private readonly now: () => number = Date.now,
  ) {}

  async request(path: string, options: RequestOptions = {}): Promise<ZohoResponse> {
    let token = await this.tokens.accessToken();
    let refreshedOnce = false;
    let lastProblem = '';
    // What the last problem was, for the app's words (the message is for the log and the CLI).
    let trouble: CrmTrouble = 'unreachable';
    // The last attempt met the network or Zoho's limit on the organisation, not this request's
    // own answer (a 5xx, a body cut short): after the retries, an outage of the whole CRM.
    let outage = false;
    let timedOut = false;
    let slowBefore = false;
    let attempt = 0;
    const answersBefore = this.answers;
    for (; attempt < this.retry.attempts; attempt++) {
      const url = new URL(path, this.apiDomain());
      // Messages name the path without its query: queries can hold an email address.
      const where = url.pathname;
      let answer: TransportResponse;
      const release = await this.limit.acquire(options.signal);
      this.requestsSent++;
      try {
        answer = await send(url, {
          method: options.method ?? 'GET',
          headers: {
            Authorization: `Zoho-oauthtoken ${token}`,
            ...(options.json !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...options.headers,
          },
          ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          deadlineMs: options.deadlineMs ?? this.retry.requestDeadlineMs ?? REQUEST_DEADLINE_MS,
          ...(options.binary ? { binary: true } : {}),
        });
      } catch (error) {
        release();
        options.signal?.throwIfAborted();
        const silent = (error as { code?: string }).code === 'ETIMEDOUT';
        const midAnswer = silent && (error as { midAnswer?: boolean }).midAnswer === true;
        lastProblem = silent
          ? (error as Error).message
          : `the connection to ${url.origin} failed (${describeNetworkError(error)})`;
        trouble = silent ? 'silent' : 'unreachable';
        outage = true;
        // A server silent for a whole deadline is down or hung, not busy: one more try, so a
        // silent server ends a sync in about two deadlines rather than six. The message names
        // the path (not its query): which module's request hung. When the API answered other
        // requests meanwhile, only this endpoint hangs: that module's fault, not an outage.
        if (silent && timedOut) {
          const message = `Giving up after ${attempt + 1} attempts: ${lastProblem} (${options.method ?? 'GET'} ${where})`;
          const slow = midAnswer && slowBefore;
          const othersAnswered =
            this.answers > answersBefore ||
            (this.answers > 0 && (await this.answersAtAll(token, options.signal)));
          throw othersAnswered
            ? new ZohoEndpointTimeoutError(message, slow)
            : new ZohoTimeoutError(message, slow);
        }
        if (silent) {
          timedOut = true;
          slowBefore = midAnswer;
        }
        if (options.createsRecord)
          throw new Error(`${lastProblem}; whether Zoho stored it is not known`);
        await this.pause(delayFor(this.retry, attempt, null), options.signal);
        continue;
      }
      const { status, text, retryAfter } = answer;
      this.answers++;
      this.answeredAt = httpDate(answer.date);
      // Counted while this request still holds its place: the CRM took fewer than were out.
      if (status === 429)
        this.limit.throttled(
          this.limit.inFlight,
          heldUntil(rateLimitResetAt(answer, this.now()), this.now()),
        );
      release();
      if (status === 204 || status === 304) return { status, body: null };
      if (answer.bytes) return { status, body: null, bytes: answer.bytes };
      // A page of records is parsed (and mapped, by the caller) in a turn of the event loop of
      // its own: answers read side by side arrive together.
      if (text.length > TURN_ABOVE_CHARS) await ownTurn();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        if (status < 500) {
          lastProblem = `${where} answered ${status} with a body that is not JSON (cut short?)`;
          // A body cut short fails the connection (ECONNRESET): a whole one that is not JSON is
          // someone else's page (a network's sign-in page, a proxy's notice).
          trouble = 'not-the-crm';
          outage = false;
          if (options.createsRecord)
            throw new Error(`${lastProblem}; whether Zoho stored it is not known`);
          await this.pause(delayFor(this.retry, attempt, null), options.signal);
          continue;
        }
      }
      if (status >= 200 && status < 300) return { status, body };
      const code = apiErrorCode(body);
      const staleToken = code === 'INVALID_TOKEN' || code === 'AUTHENTICATION_FAILURE';
      if (status === 401 && staleToken && !refreshedOnce) {
        // An access token can die before its announced expiry (revoked, clock skew): refresh once.
        // Zoho names it INVALID_TOKEN, and for some expired tokens AUTHENTICATION_FAILURE.
        refreshedOnce = true;
        token = await this.tokens.invalidate(token);
        attempt--;
        continue;
      }
      if (status === 401) {
        throw new ZohoAuthError(
          `Zoho rejected the access token for ${where} (${code ?? 'unauthorised'}) even after a refresh: connect the CRM account again`,
          // A 401 whose body has no code (empty, a gateway's page) is the API's refusal all the
          // same: the app says it in its own words, not this one's path.
          code ?? 'unauthorised',
        );
      }
      if (status === 429) {
        lastProblem = `${where} answered 429${code ? ` ${code}` : ''}: ${LIMIT_ADVICE}`;
        trouble = 'limited';
        outage = true;
        const now = this.now();
        const freeAt = rateLimitResetAt(answer, now);
        // Only Retry-After, whose unit is the standard's, is trusted to say "the day".
        const standard = rateLimitResetAt(
          { retryAfter: answer.retryAfter, rateLimitReset: null },
          now,
        );
        if (standard !== null && standard - now > LONGEST_LIMIT_WAIT_MS)
          throw new CrmOutageError(
            `${where} answered 429${code ? ` ${code}` : ''}: Zoho limits this organisation's API requests until ${new Date(standard).toISOString()} (its API credits for the day, most likely): the sync stopped; try again after that (the app does, on its schedule)`,
            'limited',
          );
        // Said to free up soon: waited for up to the policy's longest pause (a concurrency limit
        // frees as soon as a request ends; the in-flight limit was lowered for the time said).
        await this.pause(
          delayFor(this.retry, attempt, freeAt === null ? null : freeAt - now),
          options.signal,
        );
        continue;
      }
      if (status >= 500) {
        lastProblem = `${where} answered ${status}${code ? ` ${code}` : ''}`;
        trouble = 'server-error';
        outage = false;
        if (options.createsRecord)
          throw new Error(`${lastProblem}; whether Zoho stored it is not known`);
        const freeAt = rateLimitResetAt({ retryAfter, rateLimitReset: null }, this.now());
        await this.pause(
          delayFor(this.retry, attempt, freeAt === null ? null : freeAt - this.now()),
          options.signal,
        );
        continue;
      }
      const message =
        body && typeof body === 'object' && 'message' in body ? String(body.message) : text;
      throw new ZohoApiError(
        `${where} answered ${status} ${code ?? ''}: ${message}`.trim(),
        status,
        code,
        apiErrorDetails(body),
        body,
      );
    }
    const message = `Giving up after ${attempt} attempts: ${lastProblem}`;
    throw outage ? new CrmOutageError(message, trouble) : new CrmRequestError(message, trouble);
  }

  /**
   * Whether the API answers at all (any status), asked once with the usual deadline after a
   * request hung twice while nothing else was asked: one endpoint hung (that module's fault)
   * or the whole CRM (an outage). One request, counted as every other.
   */
  private async answersAtAll(token: string, signal: AbortSignal | undefined): Promise<boolean> {
    let release: (() => void) | null = null;
    try {
      release = await this.limit.acquire(signal);
      this.requestsSent++;
      await send(new URL('/crm/v8/org', this.apiDomain()), {
        method: 'GET',
        headers: { Authorization: `Zoho-oauthtoken ${token}` },
        ...(signal ? { signal } : {}),
        deadlineMs: this.retry.requestDeadlineMs ?? REQUEST_DEADLINE_MS,
      });
      this.answers++;
      return true;
    } catch {
      signal?.throwIfAborted();
      return false;
    } finally {
      release?.();
    }
  }

  private async pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    await sleep(ms, undefined, signal ? { signal } : {});
  }
}
