import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { MAX_IN_FLIGHT } from './inFlightLimit';

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** The whole exchange, connection to last byte, must end within this. */
  deadlineMs: number;
  /** Keep the body's bytes as they came (a file: Bulk Read's zip), besides the text. */
  binary?: boolean;
}

export interface TransportResponse {
  status: number;
  retryAfter: string | null;
  /** Zoho's X-RATELIMIT-RESET: when a rate or concurrency limit frees up again. */
  rateLimitReset: string | null;
  /** The answer's Date header: when the server made it, by its own clock (RFC 9110). */
  date: string | null;
  text: string;
  /** The body's bytes, when the request asked for them (`binary`). */
  bytes?: Buffer;
}

/** The network failed before a whole answer arrived (refused, reset, cut mid-body, timed out). */
class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    readonly code: string,
    /** The request went out on a kept-alive connection the server had already closed. */
    readonly staleConnection = false,
    /** The deadline fired after the server had answered: its body did not finish in time. */
    readonly midAnswer = false,
  ) {
    super(message);
  }
}

// A sync asks one host for a thousand pages: reusing connections saves a TCP and TLS handshake
// per page. As many sockets as the largest Zoho edition takes requests at once: the sync's own
// limit (InFlightLimit, a setting) decides how many of them are used.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT }),
};

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const brotli = promisify(zlib.brotliDecompress);

/** Decompression runs on libuv's thread pool, off the sync's event loop. */
async function decode(body: Buffer, encoding: string | undefined): Promise<Buffer> {
  switch (encoding) {
    case 'gzip':
      return gunzip(body);
    case 'deflate':
      return inflate(body);
    case 'br':
      return brotli(body);
    default:
      return body;
  }
}

/**
 * One HTTP exchange over a kept-alive connection, the body read whole. node:http rather than
 * fetch: at 200 records a page, fetch's stream plumbing costs a third of the client's time.
 */
export async function send(url: URL, request: TransportRequest): Promise<TransportResponse> {
  try {
    return await exchange(url, request);
  } catch (error) {
    // A kept-alive connection the server closed while idle (between two syncs) fails the first
    // request sent on it; that request never reached the server: send it again at once.
    if (error instanceof TransportError && error.staleConnection) return exchange(url, request);
    throw error;
  }
}

function exchange(url: URL, request: TransportRequest): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
    const fail = (error: unknown): void => {
      const e = error as NodeJS.ErrnoException;
      reject(
        error instanceof TransportError ? error : new TransportError(e.message, e.code ?? e.name),
      );
    };
    let answered = false;
    const req = client.request(
      url,
      {
        method: request.method,
        agent,
        headers: {
          'Accept-Encoding': 'gzip, deflate, br',
          ...request.headers,
          ...(request.body !== undefined
            ? { 'Content-Length': String(Buffer.byteLength(request.body)) }
            : {}),
        },
        ...(request.signal ? { signal: request.signal } : {}),
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', fail);
        // A connection cut mid-body ends the response without completing it.
        res.on('close', () => {
          if (!res.complete)
            fail(
              new TransportError(
                'the connection closed before the answer was complete',
                'ECONNRESET',
              ),
            );
        });
        res.on('end', () => {
          if (!res.complete) return;
          const retryAfter = res.headers['retry-after'];
          const reset = res.headers['x-ratelimit-reset'];
          const date = res.headers.date;
          decode(Buffer.concat(chunks), res.headers['content-encoding']).then((bytes) => {
            const status = res.statusCode ?? 0;
            // A file answers 200; its errors are JSON like every other answer's.
            const file = request.binary === true && status === 200;
            resolve({
              status,
              retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
              rateLimitReset: typeof reset === 'string' ? reset : null,
              date: typeof date === 'string' ? date : null,
              text: file ? '' : bytes.toString('utf8'),
              ...(file ? { bytes } : {}),
            });
          }, fail);
        });
      },
    );
    const deadline = setTimeout(
      () =>
        req.destroy(
          new TransportError(
            answered
              ? `${url.host} did not finish its answer within ${request.deadlineMs / 1000} s`
              : `${url.host} did not answer within ${request.deadlineMs / 1000} s`,
            'ETIMEDOUT',
            false,
            answered,
          ),
        ),
      request.deadlineMs,
    );
    req.on('close', () => clearTimeout(deadline));
    req.on('error', (error: NodeJS.ErrnoException) => {
      const stale = !answered && req.reusedSocket && error.code === 'ECONNRESET';
      fail(stale ? new TransportError(error.message, 'ECONNRESET', true) : error);
    });
    req.end(request.body);
  });
}
