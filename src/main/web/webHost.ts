import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { EVENT_NAMES } from '../../shared/contract';
import type { CoreEndpoint } from '../core/createCore';

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

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const COOKIE = 'cw_token';
const MAX_BODY = 1_000_000;

/**
 * The core behind a loopback HTTP server, for browser tests and demos on machines without a
 * display. Every request needs the per-run token (query on first load, then a cookie, or a
 * bearer header); it binds to 127.0.0.1 only and is not a public server.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.staticDir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`No built renderer at ${root}: run "npm run build" first.`);
  }
  const expected = Buffer.from(token);
  const sameToken = (candidate: string | undefined): boolean => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  let port = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, 'text/plain', `Internal error: ${(error as Error).message}`);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'text/plain', 'Malformed path.');
    }
    // A page on another site could reach 127.0.0.1 through DNS rebinding; only our own host name passes.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      send(res, 421, 'text/plain', 'Wrong host.');
      return;
    }
    const fromQuery = url.searchParams.get('token') ?? undefined;
    const fromHeader = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const fromCookie = parseCookies(req.headers.cookie)[COOKIE];
    if (!sameToken(fromQuery) && !sameToken(fromHeader) && !sameToken(fromCookie)) {
      send(
        res,
        401,
        'text/plain',
        'Missing or wrong token: open the URL that "npm run web" printed.',
      );
      return;
    }
    if (sameToken(fromQuery)) {
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Use POST.');
      const method = path.slice('/api/call/'.length);
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body ? JSON.parse(body) : {};
      } catch (error) {
        return send(
          res,
          400,
          'application/json',
          JSON.stringify({ ok: false, error: `Bad request body: ${(error as Error).message}` }),
        );
      }
      const result = await options.core.dispatch(method, input);
      return send(res, 200, 'application/json', JSON.stringify(result));
    }
    if (url.pathname === '/api/events') return streamEvents(req, res);
    return serveStatic(path, res);
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const offs = EVENT_NAMES.map((name) =>
      options.core.on(name, (payload) =>
        res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`),
      ),
    );
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(ping);
      offs.forEach((off) => off());
    });
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const wanted = normalize(pathname).replace(/^([/\\])+/, '');
    let file = resolve(root, wanted || 'index.html');
    if (file !== root && !file.startsWith(root + sep))
      return send(res, 403, 'text/plain', 'Forbidden.');
    // The app routes in the page (hash routes); any unknown path gets the app shell.
    if (!existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html');
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(res);
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

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        fail(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}
