import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDelayingProxy, type DelayingProxy } from '../crm-server/delayingProxy';

const DELAY_MS = 120;
// A file of a few megabytes, as a bulk export's download is: sent in chunks, not in one write.
const FILE = randomBytes(3 * 1024 * 1024 + 17);

const readAll = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

describe('the benchmark’s delaying proxy', () => {
  let target: Server;
  let targetUrl: string;
  let proxy: DelayingProxy;
  let arrivals: number[];

  beforeEach(async () => {
    arrivals = [];
    target = createServer((req, res) => {
      arrivals.push(performance.now());
      void readAll(req).then((body) => {
        if (req.url === '/file') {
          res.writeHead(200, { 'Content-Type': 'application/zip' });
          for (let at = 0; at < FILE.length; at += 64 * 1024)
            res.write(FILE.subarray(at, at + 64 * 1024));
          return res.end();
        }
        res.writeHead(req.url === '/missing' ? 404 : 201, {
          'Content-Type': 'application/json',
          'X-Echo-Auth': req.headers.authorization ?? '',
        });
        res.end(JSON.stringify({ method: req.method, path: req.url, body: body.toString() }));
      });
    });
    await new Promise<void>((ok) => target.listen(0, '127.0.0.1', ok));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    proxy = await startDelayingProxy(targetUrl, DELAY_MS);
  });

  afterEach(async () => {
    await proxy.stop();
    await new Promise((ok) => target.close(ok));
  });

  it('forwards a request’s method, path, headers and body only after the delay', async () => {
    const sent = performance.now();
    const res = await fetch(`${proxy.url}/crm/bulk/v8/read?x=1`, {
      method: 'POST',
      headers: { Authorization: 'Zoho-oauthtoken abc', 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: { module: { api_name: 'Leads' } } }),
    });
    const answered = performance.now();
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo-auth')).toBe('Zoho-oauthtoken abc');
    expect(await res.json()).toEqual({
      method: 'POST',
      path: '/crm/bulk/v8/read?x=1',
      body: JSON.stringify({ query: { module: { api_name: 'Leads' } } }),
    });
    // The target heard of it a delay after it was sent (timers may fire a millisecond early).
    expect((arrivals[0] ?? 0) - sent).toBeGreaterThanOrEqual(DELAY_MS - 2);
    expect(answered - sent).toBeGreaterThanOrEqual(DELAY_MS - 2);
    expect(proxy.requests()).toBe(1);
  });

  it('passes an error’s status and a large streamed answer through unchanged', async () => {
    const missing = await fetch(`${proxy.url}/missing`);
    expect(missing.status).toBe(404);
    expect((await missing.json()) as unknown).toMatchObject({ method: 'GET', path: '/missing' });
    const file = Buffer.from(await (await fetch(`${proxy.url}/file`)).arrayBuffer());
    expect(file.length).toBe(FILE.length);
    expect(file.equals(FILE)).toBe(true);
  });

  it('delays requests side by side, not one after another', async () => {
    const sent = performance.now();
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) => fetch(`${proxy.url}/r${i}`).then((r) => r.text())),
    );
    // Five at once take about one delay, as five requests in flight to Zoho would.
    expect(performance.now() - sent).toBeLessThan(DELAY_MS * 3);
  });
});
