import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { ZohoSource } from '../src/main/crm/zoho/zohoSource';
import { openDatabase } from '../src/main/db/openDatabase';
import { runSync } from '../src/main/sync/syncEngine';
import { median, type BenchResult } from './benchResult';

const RECORDS = Number(process.env['CW_BENCH_SYNC_RECORDS'] ?? 200_000);
const RUNS = Number(process.env['CW_BENCH_SYNC_RUNS'] ?? 3);
const RATE_BUDGET = 20_000; // records per second

async function startServer(): Promise<{ url: string; total: number; stop: () => Promise<void> }> {
  // From the working folder (the repo, as `npm run bench` runs): the bench may run bundled.
  const entry = pathToFileURL(resolve('tests/crm-server/benchServerWorker.ts')).href;
  // A worker does not inherit tsx's loader: register it before importing the TypeScript entry.
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { records: RECORDS } });
  const { url, total } = await new Promise<{ url: string; total: number }>((ok, fail) => {
    worker.once('message', ok);
    worker.once('error', fail);
  });
  return {
    url,
    total,
    stop: async () => {
      worker.postMessage('stop');
      await new Promise((ok) => worker.once('exit', ok));
    },
  };
}

/** A full first sync from the local CRM test server (200 a page): rate and worst event-loop block. */
export async function run(): Promise<BenchResult[]> {
  const server = await startServer();
  const times: number[] = [];
  const blocks: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'cw-bench-sync-'));
      const db = await openDatabase(join(dir, 'sync.db'));
      const source = new ZohoSource({
        credentials: {
          accountsUrl: server.url,
          clientId: 'cid',
          clientSecret: 'secret',
          refreshToken: 'refresh',
        },
        apiDomain: server.url,
      });
      const histogram = monitorEventLoopDelay({ resolution: 5 });
      histogram.enable();
      const started = performance.now();
      await runSync(db, source, { push: false });
      times.push(performance.now() - started);
      histogram.disable();
      blocks.push(histogram.max / 1e6);
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await server.stop();
  }
  const ms = median(times);
  const rate = Math.round(server.total / (ms / 1000));
  const size = `${server.total.toLocaleString('en')} records, 200 a page`;
  return [
    {
      name: `sync: pull and store, ${rate.toLocaleString('en')} records/s (budget ${RATE_BUDGET.toLocaleString('en')} records/s)`,
      medianMs: ms,
      runs: RUNS,
      size,
      budgetMs: (server.total / RATE_BUDGET) * 1000,
    },
    {
      name: 'sync: longest event-loop block during the sync',
      medianMs: median(blocks),
      runs: RUNS,
      size,
      budgetMs: 50,
    },
  ];
}
