import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import { startWebHost, type WebHost } from '../../src/main/web/webHost';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/contentSecurityPolicy';
import type { TempDir } from '../fixtures/tempDb';
import { allTestsDemoCore } from '../fixtures/demoCore';

let dir: TempDir;
let core: Core;
let host: WebHost;

allTestsDemoCore((env) => ({ dir, core } = env), { demo: { people: 30 } });
beforeAll(async () => {
  // A stand-in renderer build: these tests are about the transport, not the page.
  mkdirSync(dir.file('static'));
  writeFileSync(dir.file('static/index.html'), '<!doctype html><title>Contact Window</title>');
  mkdirSync(dir.file('static/assets'));
  writeFileSync(dir.file('static/assets/app.js'), 'export {};');
  writeFileSync(dir.file('secret.txt'), 'outside the static root');
  host = await startWebHost({ core, staticDir: dir.file('static') });
});
afterAll(async () => {
  await host.close();
});

function raw(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<{
    status: number;
    body: string;
    headers: Record<string, string | string[] | undefined>;
  }>((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', fail);
    if (body) req.write(body);
    req.end();
  });
}

const auth = () => ({ Authorization: `Bearer ${host.token}` });

describe('the loopback web host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('refuses every API call and event stream without the token', async () => {
    const json = { 'Content-Type': 'application/json' };
    expect((await raw('/api/call/getSession', json, 'POST', '{}')).status).toBe(401);
    expect((await raw('/api/events')).status).toBe(401);
    expect(
      (await raw('/api/call/getSession', { ...json, Authorization: 'Bearer wrong' }, 'POST', '{}'))
        .status,
    ).toBe(401);
    expect((await raw('/api/events?token=wrong')).status).toBe(401);
    // A token in an API call's URL is not taken: it would end up in logs and history.
    expect((await raw(`/api/call/getSession?token=${host.token}`, json, 'POST', '{}')).status).toBe(
      401,
    );
  });

  it('serves the page shell, which holds no data, with its policy and no cookie', async () => {
    const page = await raw(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('takes no cookie as a credential (every port of 127.0.0.1 receives the same cookies)', async () => {
    const res = await raw(
      '/api/call/getSession',
      { 'Content-Type': 'application/json', Cookie: `cw_token=${host.token}` },
      'POST',
      '{}',
    );
    expect(res.status).toBe(401);
  });

  it('refuses calls from another origin or site, even with the token', async () => {
    const call = (headers: Record<string, string>, type = 'application/json') =>
      raw(
        '/api/call/updateSettings',
        { ...auth(), 'Content-Type': type, ...headers },
        'POST',
        '{"reminders":true}',
      );
    const otherPort = `http://127.0.0.1:${host.port + 1}`;
    expect((await call({ Origin: otherPort })).status).toBe(403);
    expect((await call({ Origin: 'null' })).status).toBe(403);
    expect((await call({ 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    expect((await call({ 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await raw('/', { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    // The no-cors text/plain POST that used to get through.
    expect((await call({}, 'text/plain')).status).toBe(415);
    expect(
      (await call({ Origin: host.url.slice(0, -1), 'Sec-Fetch-Site': 'same-origin' })).status,
    ).toBe(200);
  });

  it('answers a body over the limit with 413 and a message, not a dropped connection', async () => {
    const res = await raw(
      '/api/call/listPeople',
      { ...auth(), 'Content-Type': 'application/json' },
      'POST',
      `{"q":"${'x'.repeat(1_100_000)}"}`,
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({
      ok: false,
      error: expect.stringContaining('over'),
    });
  });

  it('caps the number of open event streams', async () => {
    const open: ReturnType<typeof request>[] = [];
    const status = (path: string) =>
      new Promise<number>((ok, fail) => {
        const req = request({ host: '127.0.0.1', port: host.port, path }, (res) => {
          ok(res.statusCode ?? 0);
          if (res.statusCode !== 200) res.resume();
        });
        req.on('error', (e) =>
          e.message.includes('aborted') || e.message.includes('socket hang up')
            ? undefined
            : fail(e),
        );
        req.end();
        open.push(req);
      });
    const statuses: number[] = [];
    for (let i = 0; i < 17; i += 1) statuses.push(await status(`/api/events?token=${host.token}`));
    expect(statuses.slice(0, 16).every((s) => s === 200)).toBe(true);
    expect(statuses[16]).toBe(503);
    for (const req of open) req.destroy();
    // Closed streams free their places.
    await expect.poll(() => status(`/api/events?token=${host.token}`)).toBe(200);
    for (const req of open) req.destroy();
  });

  it('answers API calls with results, and bad input with a clear error', async () => {
    const ok = await raw(
      '/api/call/getSession',
      { ...auth(), 'Content-Type': 'application/json' },
      'POST',
      '{}',
    );
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { org: { isDemo: true } } });
    const json = { ...auth(), 'Content-Type': 'application/json' };
    const bad = await raw('/api/call/listPeople', json, 'POST', '{"limit": -1}');
    expect(JSON.parse(bad.body)).toMatchObject({
      ok: false,
      error: expect.stringContaining('limit'),
    });
    const garbage = await raw('/api/call/listPeople', json, 'POST', '{not json');
    expect(garbage.status).toBe(400);
  });

  it('answers a malformed path with 400, not a crash', async () => {
    expect((await raw('/%E0%A4%A', auth())).status).toBe(400);
    expect((await raw('/', auth())).status).toBe(200);
  });

  it('rejects a foreign Host header (DNS rebinding)', async () => {
    expect((await raw('/', { ...auth(), Host: 'evil.example' })).status).toBe(421);
  });

  it('never serves a file outside the renderer build', async () => {
    const res = await raw('/..%2Fsecret.txt', auth());
    expect(res.body).not.toContain('outside the static root');
  });

  it('pushes events to the page as server-sent events', async () => {
    const received = await new Promise<string>((ok, fail) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: `/api/events?token=${host.token}` },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
            if (text.includes('event: data-changed')) {
              req.destroy();
              ok(text);
            }
          });
          void core.handlers.updateSettings({ reminders: false });
        },
      );
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : fail(e)));
      req.end();
    });
    expect(received).toContain('data: {"entities":["settings"]}');
  });

  it('replays to a stream that comes back what was pushed while it was away, from the id it last read', async () => {
    const first = await openStream();
    const lastId = await first
      .until(/event: stream-position\n/)
      .then(() => lastEventId(first.text()));
    first.close();
    // The stream has dropped (a network blip): the host keeps running and raises an alert.
    await expect.poll(() => first.closed()).toBe(true);
    const alert = { delivered: [], digest: null, unread: 3, pausedUntil: null };
    core.emit('alerts', alert);
    const again = await openStream({ 'Last-Event-ID': lastId });
    const text = await again.until(/event: alerts\n/);
    again.close();
    expect(text).toContain(`event: alerts\ndata: ${JSON.stringify(alert)}\n`);
    expect(text).not.toContain('"entities":["all"]');
    // Each replayed event has its own id, after the one the page sent.
    expect(lastEventId(text)).not.toBe(lastId);
  });

  it('tells a stream that comes back with an id it does not know to read everything again', async () => {
    const again = await openStream({ 'Last-Event-ID': 'another-run.5' });
    const text = await again.until(/"entities":\["all"\]/);
    again.close();
    expect(text).toContain('event: data-changed\ndata: {"entities":["all"]}\n');
  });

  it('serves the build it started with: files removed or rewritten on disk since do not reach the page', async () => {
    const shell = '<!doctype html><title>Contact Window</title>';
    const page = dir.file('static/index.html');
    try {
      // A rebuild removes or rewrites the renderer's files while the host runs: the page and its
      // scripts still come from one build, the one the host started with.
      rmSync(page);
      const gone = await raw('/', auth());
      expect(gone.status).toBe(200);
      expect(gone.body).toBe(shell);
      writeFileSync(page, 'half a rebuild');
      expect((await raw('/people', auth())).body).toBe(shell);
    } finally {
      writeFileSync(page, shell);
    }
  });

  it('serves a script of the build with its type and policy, nothing outside the build, and no file to another host', async () => {
    const script = await raw('/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.body).toBe('export {};');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(script.headers['cache-control']).toBe('no-store');
    // The file beside the build, by an escaped climb out of it: the page's shell instead.
    const outside = await raw('/assets/..%2f..%2fsecret.txt');
    expect(outside.body).toBe('<!doctype html><title>Contact Window</title>');
    const rebound = await raw('/assets/app.js', { Host: 'attacker.example' });
    expect(rebound.status).toBe(421);
  });
});

/** An event stream as a browser holds it: the text so far, and a wait for what must come. */
async function openStream(headers: Record<string, string> = {}) {
  let text = '';
  let ended = false;
  const waits: (() => void)[] = [];
  const req = request({
    host: '127.0.0.1',
    port: host.port,
    path: `/api/events?token=${host.token}`,
    headers,
  });
  await new Promise<void>((ok, fail) => {
    req.on('response', (res) => {
      expect(res.statusCode).toBe(200);
      res.on('data', (c: Buffer) => {
        text += c.toString();
        waits.forEach((w) => w());
      });
      res.on('close', () => (ended = true));
      ok();
    });
    req.on('error', (e) => (e.message.includes('aborted') || ended ? undefined : fail(e)));
    req.end();
  });
  return {
    text: () => text,
    closed: () => ended,
    close: () => req.destroy(),
    until: (pattern: RegExp) =>
      new Promise<string>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`no ${String(pattern)} in ${text}`)), 5000);
        const check = () => {
          if (!pattern.test(text)) return;
          clearTimeout(timer);
          ok(text);
        };
        waits.push(check);
        check();
      }),
  };
}

/** The id of the last event in a stream's text (what the browser sends back as `Last-Event-ID`). */
function lastEventId(text: string): string {
  const ids = [...text.matchAll(/^id: (.+)$/gm)].map((m) => m[1] ?? '');
  const last = ids.at(-1);
  if (!last) throw new Error(`no id in ${text}`);
  return last;
}
