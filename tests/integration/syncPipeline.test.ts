import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { send } from '../../src/main/crm/zoho/httpTransport';
import type { TempDir } from '../fixtures/tempDb';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import {
  localSnapshot,
  serverSnapshot,
  zohoSourceFor,
  eachTestSyncEnv,
} from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { SyncCheckpoints } from '../../src/main/sync/walCheckpointer';
import type { Db } from '../../src/main/db/openDatabase';
import type { CrmSource, SyncModule } from '../../src/main/crm/crmSource';
import { rawHandle } from '../../src/main/db/bulkHandle';

let dir: TempDir;
let server: CrmTestServer;
let db: Db;

// 3,000 leads: 15 pages, enough for the checkpoint worker to take over.
eachTestSyncEnv(
  'cw-pipeline-',
  () => buildOrganisation(21, { leads: 3000, callsPerPerson: 0 }),
  (env) => ({ dir, server, db } = env),
);

class Killed extends Error {}
const count = (sql: string): number => (rawHandle(db).prepare(sql).get() as { n: number }).n;
const autoCheckpoint = (): number =>
  Number(rawHandle(db).pragma('wal_autocheckpoint', { simple: true }));

/** The test server's Zoho source, telling `onAsk` of every page of records asked for. */
function watchingPages(onAsk: (module: SyncModule, page: Promise<unknown>) => void): CrmSource {
  const zoho = zohoSourceFor(server);
  return {
    kind: zoho.kind,
    pullOrganisation: () => zoho.pullOrganisation(),
    pullUsers: () => zoho.pullUsers(),
    pullChanged: (module, request) => {
      const page = zoho.pullChanged(module, request);
      onAsk(module, page);
      return page;
    },
    pullDeleted: (module, request) => zoho.pullDeleted(module, request),
    pushCall: (call, createSent) => zoho.pushCall(call, createSent),
  };
}

describe('the sync pipeline', () => {
  it('asks for the next page before the current one is stored', async () => {
    const order: string[] = [];
    let asked = 0;
    const source = watchingPages((module) => {
      if (module === 'Leads') order.push(`ask ${++asked}`);
    });
    await runSync(db, source, {
      modules: ['Leads'],
      onProgress: (p) => {
        if (p.module === 'Leads' && p.phase === 'records') order.push(`stored ${p.page}`);
      },
    });
    expect(order.slice(0, 5)).toEqual(['ask 1', 'ask 2', 'stored 1', 'ask 3', 'stored 2']);
    // Fetching ahead wastes no request: every page asked for is stored.
    expect(order.filter((o) => o.startsWith('ask')).length).toBe(
      order.filter((o) => o.startsWith('stored')).length,
    );
    expect(localSnapshot(db).filter((l) => l.startsWith('people') && l.includes(' lead '))).toEqual(
      serverSnapshot(server.data).filter((l) => l.startsWith('people') && l.includes(' lead ')),
    );
  });

  it('drops the page fetched ahead, and its retries, when the sync is stopped', async () => {
    // Every request after the second page fails for a long time (each is retried up to 6 times).
    server.inject('server-error', { path: /\/crm\/v8\/Leads$/, skip: 2, times: 50 });
    const leadRequests = (): number =>
      server.requests.filter((r) => r.path.startsWith('/crm/v8/Leads?')).length;
    const pages: Promise<unknown>[] = [];
    const source = watchingPages((_, page) => pages.push(page));
    let atKill = 0;
    await expect(
      runSync(db, source, {
        modules: ['Leads'],
        onProgress: (p) => {
          if (p.module !== 'Leads' || p.page !== 2) return;
          atKill = leadRequests();
          throw new Killed();
        },
      }),
    ).rejects.toBeInstanceOf(Killed);
    // The page asked for ahead (the third) settles: given up at once, not after its retries.
    const [first, second, ahead, ...more] = await Promise.allSettled(pages);
    expect([first?.status, second?.status, more]).toEqual(['fulfilled', 'fulfilled', []]);
    expect(ahead).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
    expect(leadRequests() - atKill).toBeLessThanOrEqual(1);
    expect(server.pendingFaults()).toBeGreaterThanOrEqual(48);
  });
});

describe('WAL checkpoints during a sync', () => {
  const writePage = (from: number): void => {
    const insert = rawHandle(db).prepare(
      `insert into accounts (id, name, modified_at) values (?, ?, 0)`,
    );
    rawHandle(db).transaction(() => {
      for (let i = from; i < from + 200; i++)
        insert.run(`a${i}`, `Account ${i} ${'x'.repeat(300)}`);
    })();
  };

  it('go to a worker after a few pages, and back to the connection when the sync ends', async () => {
    const checkpoints = new SyncCheckpoints(db);
    for (let page = 0; page < 7; page++) {
      writePage(page * 200);
      await checkpoints.afterCommit();
    }
    expect(await checkpoints.workerRunning()).toBe(false);
    expect(autoCheckpoint()).toBe(1000);
    for (let page = 7; page < 40; page++) {
      writePage(page * 200);
      await checkpoints.afterCommit();
    }
    expect(await checkpoints.workerRunning()).toBe(true);
    // The connection's own checkpoints are off while the worker runs them.
    expect(autoCheckpoint()).toBe(0);
    await checkpoints.stop();
    expect(autoCheckpoint()).toBe(1000);
    // The worker copied everything before it ended: nothing is left for the connection to copy.
    const [left] = rawHandle(db).pragma('wal_checkpoint(PASSIVE)') as {
      log: number;
      checkpointed: number;
    }[];
    expect(left?.checkpointed).toBe(left?.log);
    expect(count('select count(*) as n from accounts')).toBe(8000);
  });

  it('stay with the connection when the worker cannot load SQLite', async () => {
    const checkpoints = new SyncCheckpoints(db, dir.file('no-such-binding.node'));
    for (let page = 0; page < 10; page++) {
      writePage(page * 200);
      await checkpoints.afterCommit();
    }
    expect(await checkpoints.workerRunning()).toBe(false);
    expect(autoCheckpoint()).toBe(1000);
    await checkpoints.stop();
    expect(count('select count(*) as n from accounts')).toBe(2000);
  });
});

describe('the HTTP transport', () => {
  it('asks for compressed answers and reads a gzip body', async () => {
    const body = JSON.stringify({
      data: Array.from({ length: 200 }, (_, i) => ({ id: String(i) })),
    });
    let asked = '';
    const web = createServer((req, res) => {
      asked = String(req.headers['accept-encoding']);
      const zipped = gzipSync(body);
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': zipped.length });
      res.end(zipped);
    });
    await new Promise<void>((ok) => web.listen(0, '127.0.0.1', ok));
    try {
      const { port } = web.address() as AddressInfo;
      const answer = await send(new URL(`http://127.0.0.1:${port}/crm/v8/Leads`), {
        method: 'GET',
        headers: {},
        deadlineMs: 30_000,
      });
      expect(asked).toContain('gzip');
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(body);
    } finally {
      web.closeAllConnections();
      await new Promise((ok) => web.close(ok));
    }
  });

  it('sends a request again at once when its kept-alive connection turns out closed', async () => {
    const served = new Map<Socket, number>();
    const web = createServer((req, res) => {
      const n = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, n);
      // The first connection dies under its second request, as one closed while idle does.
      if (served.size === 1 && n === 2) return void req.socket.destroy();
      res.writeHead(200, { 'Content-Type': 'application/json', Connection: 'keep-alive' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((ok) => web.listen(0, '127.0.0.1', ok));
    try {
      const { port } = web.address() as AddressInfo;
      const url = new URL(`http://127.0.0.1:${port}/crm/v8/org`);
      expect((await send(url, { method: 'GET', headers: {}, deadlineMs: 30_000 })).text).toBe(
        '{"ok":true}',
      );
      const started = performance.now();
      expect((await send(url, { method: 'GET', headers: {}, deadlineMs: 30_000 })).text).toBe(
        '{"ok":true}',
      );
      expect(served.size).toBe(2);
      expect(performance.now() - started).toBeLessThan(200);
    } finally {
      web.closeAllConnections();
      await new Promise((ok) => web.close(ok));
    }
  });
});
