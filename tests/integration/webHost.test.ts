import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { startWebHost, type WebHost } from '../../src/main/web/webHost';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/contentSecurityPolicy';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
let db: Db;
let core: Core;
let host: WebHost;

beforeAll(async () => {
  dir = makeTempDir();
  db = await demoDb(dir, { people: 30 });
  core = createCore(db, () => TEST_NOW);
  // A stand-in renderer build: these tests are about the transport, not the page.
  mkdirSync(dir.file('static'));
  writeFileSync(dir.file('static/index.html'), '<!doctype html><title>Contact Window</title>');
  writeFileSync(dir.file('secret.txt'), 'outside the static root');
  host = await startWebHost({ core, staticDir: dir.file('static') });
});
afterAll(async () => {
  await host.close();
  await db.close();
  dir.remove();
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

  it('refuses every request without the token, pages and API alike', async () => {
    expect((await raw('/')).status).toBe(401);
    expect((await raw('/api/call/getSession', {}, 'POST', '{}')).status).toBe(401);
    expect((await raw('/api/events')).status).toBe(401);
    expect((await raw('/', { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await raw('/?token=wrong')).status).toBe(401);
  });

  it('hands the token over as a strict cookie from the first URL', async () => {
    const first = await raw(`/?token=${host.token}`);
    expect(first.status).toBe(200);
    expect(first.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const cookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await raw('/', { Cookie: cookie })).status).toBe(200);
  });

  it('answers API calls with results, and bad input with a clear error', async () => {
    const ok = await raw(
      '/api/call/getSession',
      { ...auth(), 'Content-Type': 'application/json' },
      'POST',
      '{}',
    );
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { org: { isDemo: true } } });
    const bad = await raw('/api/call/listPeople', auth(), 'POST', '{"limit": -1}');
    expect(JSON.parse(bad.body)).toMatchObject({
      ok: false,
      error: expect.stringContaining('limit'),
    });
    const garbage = await raw('/api/call/listPeople', auth(), 'POST', '{not json');
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
        { host: '127.0.0.1', port: host.port, path: '/api/events', headers: auth() },
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
});
