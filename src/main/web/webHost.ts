import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { EVENT_NAMES } from '../../shared/contract';
import type { CoreEndpoint } from '../core/createCore';
import { eventReplay } from './eventReplay';
import { readStaticFiles } from './staticFiles';

export interface WebHost {
  url: string;
  /** The URL with the token, the one a person opens. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface WebHostOptions {
  core: CoreEndpoint;
  staticDir: string;
  port?: number;
  token?: string;
}

const MAX_BODY = 1_000_000;
/** Each open tab holds one stream; more than this is a leak or an attack, not a user. */
const MAX_STREAMS = 16;

/**
 * The core behind a loopback HTTP server, for browser tests and demos on machines without a
 * display; it binds to 127.0.0.1 only and is not a public server. The page shell and its
 * assets hold no data; every API call carries the per-run token in a header and the event
 * stream in its URL. There is no cookie: browsers send cookies for 127.0.0.1 to every port, so a
 * page served on another loopback port could otherwise call the API with the user's credential.
 */
/** Why `staticDir` cannot be served (the renderer was never built), or null. */
export function unbuiltPages(staticDir: string): string | null {
  const root = resolve(staticDir);
  return existsSync(join(root, 'index.html'))
    ? null
    : `No built renderer at ${root}: run "npm run build" first, or "npm run web", which builds and serves.`;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.staticDir);
  const unbuilt = unbuiltPages(root);
  if (unbuilt) throw new Error(unbuilt);
  const files = readStaticFiles(root);
  const expected = Buffer.from(token);
  const sameToken = (candidate: string | undefined): boolean => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  let port = 0;
  let streams = 0;
  // Every push is numbered and kept from the start, even while no stream is open (a page whose
  // stream dropped reconnects with the last id it read and gets what came meanwhile).
  const replay = eventReplay();
  const open = new Set<ServerResponse>();
  const stopRecording = EVENT_NAMES.map((name) =>
    options.core.on(name, (payload) => {
      const text = replay.record(name, payload);
      for (const res of open) res.write(text);
    }),
  );

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, 'text/plain', `Internal error: ${(error as Error).message}`);
      else res.destroy();
    });
  });

  /** Why a request from elsewhere is refused, or null for our own page (or a person's address bar). */
  function foreign(req: IncomingMessage): string | null {
    // A page on another site could reach 127.0.0.1 through DNS rebinding; only our own host name passes.
    const host = req.headers.host ?? '';
    const own = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!own.includes(host)) return 'Wrong host.';
    const site = req.headers['sec-fetch-site'];
    // Another port of 127.0.0.1 is "same-site": as foreign as any other site.
    if (site === 'cross-site' || site === 'same-site')
      return 'Refused: a request from another site.';
    const origin = req.headers.origin;
    if (origin !== undefined && !own.some((h) => origin === `http://${h}`))
      return 'Refused: a request from another origin.';
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'text/plain', 'Malformed path.');
    }
    const refusal = foreign(req);
    if (refusal) return send(res, refusal === 'Wrong host.' ? 421 : 403, 'text/plain', refusal);
    if (!url.pathname.startsWith('/api/')) return serveStatic(path, res);

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    // EventSource cannot send a header: the stream alone may carry the token in its URL.
    const given =
      url.pathname === '/api/events' ? (url.searchParams.get('token') ?? bearer) : bearer;
    if (!sameToken(given))
      return send(
        res,
        401,
        'text/plain',
        'Missing or wrong token: open the URL that "npm run web" or "npm run cli -- serve" printed.',
      );
    if (url.pathname === '/api/events') return streamEvents(req, res);
    if (!url.pathname.startsWith('/api/call/')) return send(res, 404, 'text/plain', 'Not found.');
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Use POST.');
    // A form or a no-cors fetch can only send text/plain and the like: an API call is JSON.
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json')
      return sendJson(res, 415, {
        ok: false,
        error: 'API calls take Content-Type: application/json.',
      });
    const method = path.slice('/api/call/'.length);
    const body = await readBody(req);
    if (body === null)
      return sendJson(res, 413, {
        ok: false,
        error: `Request body over ${MAX_BODY} bytes.`,
      });
    let input: unknown;
    try {
      input = body ? JSON.parse(body) : {};
    } catch (error) {
      return sendJson(res, 400, {
        ok: false,
        error: `Bad request body: ${(error as Error).message}`,
      });
    }
    const result = await options.core.dispatch(method, input);
    return send(res, 200, 'application/json', JSON.stringify(result));
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    if (streams >= MAX_STREAMS)
      return send(res, 503, 'text/plain', `Too many event streams (${MAX_STREAMS}) are open.`);
    streams += 1;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    // The browser sends the id of the last event it read when it reconnects by itself.
    const lastId = req.headers['last-event-id'];
    if (typeof lastId === 'string' && lastId !== '') {
      const missed = replay.after(lastId);
      // Not all kept (another run of the host, or too long ago): the page reads everything again.
      res.write(
        missed ?? `event: data-changed\ndata: {"entities":["all"]}\n\n${replay.position()}`,
      );
    } else res.write(replay.position());
    open.add(res);
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.on('close', () => {
      streams -= 1;
      clearInterval(ping);
      open.delete(res);
    });
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const wanted = normalize(pathname).replace(/^([/\\])+/, '');
    const file = resolve(root, wanted || 'index.html');
    if (file !== root && !file.startsWith(root + sep))
      return send(res, 403, 'text/plain', 'Forbidden.');
    // The app routes in the page (hash routes); any unknown path gets the app shell.
    const found = files.get(wanted.split(sep).join('/')) ?? files.get('index.html');
    if (!found) return send(res, 404, 'text/plain', 'Not found.');
    res.writeHead(200, {
      'Content-Type': found.type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    res.end(found.body);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((ok) => {
        stopRecording.forEach((stop) => stop());
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json', JSON.stringify(value));
}

/** The body as text, or null when it is over the limit (read to its end, so the answer arrives). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((ok, fail) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => ok(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}
