import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildOrganisation, Seeded } from '../crm-server/crmFactories';
import {
  eachTestSyncEnv,
  FAST_RETRY,
  localSnapshot,
  serverSnapshot,
  type SyncTestEnv,
} from '../crm-server/syncHarness';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { ZohoSource } from '../../src/main/crm/zoho/zohoSource';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { runSync } from '../../src/main/sync/syncEngine';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sourceFor(server: CrmTestServer, requestsInFlight: number): ZohoSource {
  return new ZohoSource({
    credentials: {
      accountsUrl: server.url,
      clientId: 'cid',
      clientSecret: 'secret',
      refreshToken: 'refresh',
    },
    apiDomain: server.url,
    retry: FAST_RETRY,
    requestsInFlight,
  });
}

// Long listings (several pages a module, cut in stretches) and a round trip on every request.
const ORG = {
  accounts: 300,
  contacts: 900,
  leads: 700,
  deals: 40,
  callsPerPerson: 1,
  events: 20,
  tasks: 20,
  cases: 10,
  visits: 300,
};

describe('a sync with requests side by side, within the organisation’s limit', () => {
  let env: SyncTestEnv;
  eachTestSyncEnv(
    'cw-concurrency-',
    () => buildOrganisation(7, ORG),
    (e) => (env = e),
  );

  it('never has more requests at Zoho than the limit, and uses it', async () => {
    env.server.apiDelayMs = 15;
    env.server.maxInFlight = 4;
    const source = sourceFor(env.server, 4);
    await runSync(env.db, source);
    expect(env.server.refusedInFlight).toBe(0);
    expect(env.server.peakInFlight).toBe(4);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });

  it('lowers its limit after a 429 for the time the answer said, and loses nothing', async () => {
    env.server.apiDelayMs = 15;
    // Another integration holds three of the organisation's five places.
    env.server.maxInFlight = 2;
    env.server.retryAfterS = 30;
    const source = sourceFor(env.server, 5);
    const limits = new Set<number>();
    await runSync(env.db, source, { onProgress: () => limits.add(source.requestsAtOnce()) });
    // The first requests past two were refused; from then on it kept to two.
    expect(env.server.refusedInFlight).toBeGreaterThan(0);
    expect(env.server.refusedInFlight).toBeLessThanOrEqual(3);
    expect(source.requestsAtOnce()).toBe(2);
    expect(Math.max(...limits)).toBeLessThanOrEqual(5);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });

  it('reads one module as several stretches at once, and counts each request made', async () => {
    env.server.apiDelayMs = 5;
    const source = sourceFor(env.server, 5);
    await runSync(env.db, source);
    const calls = env.server.requests.filter((r) => /^\/crm\/v8\/Calls\?/.test(r.path));
    // The newest call asked for once, then listings from more than one starting point.
    expect(calls.filter((r) => r.path.includes('sort_order=desc'))).toHaveLength(1);
    const starts = new Set(calls.map((r) => r.headers['if-modified-since'] ?? 'start'));
    expect(starts.size).toBeGreaterThan(3);
    const api = env.server.requests.filter((r) => r.path.startsWith('/crm/'));
    expect(source.requestsMade()).toBe(api.length);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });
});

/** How many listings the file's committed cursors hold open, and in how many stretches at most. */
function openListings(file: string): { listings: number; widest: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const open = (
      db
        .prepare(`select cursor from sync_state where cursor like '%"stretches"%'`)
        .pluck()
        .all() as string[]
    ).map((c) => (JSON.parse(c) as { stretches: unknown[] }).stretches.length);
    return { listings: open.length, widest: Math.max(0, ...open) };
  } finally {
    db.close();
  }
}

function isMidway(file: string): boolean {
  const { listings, widest } = openListings(file);
  return listings >= 2 || widest >= 2;
}

/**
 * The sync command as its own process, killed (SIGKILL) at the first request from the `at`th on
 * for which `when` holds (always, without it).
 */
function runChildKilledAt(
  server: CrmTestServer,
  db: string,
  at: number | null,
  when: () => boolean = () => true,
): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((ok) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'tests/crm-server/syncCliEntry.ts',
        '--db',
        db,
        '--api-domain',
        server.url,
        '--accounts-url',
        server.url,
        '--client-id',
        'cid',
        '--requests-in-flight',
        '5',
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          CW_ZOHO_RETRY_BASE_MS: '2',
          CW_ZOHO_CLIENT_SECRET: 'secret',
          CW_ZOHO_REFRESH_TOKEN: 'refresh',
        },
        stdio: 'ignore',
      },
    );
    let killed = false;
    server.beforeApiRequest = (_path, n) => {
      if (at !== null && n >= at && !killed && when()) {
        killed = child.kill('SIGKILL');
      }
    };
    child.on('close', (code) => {
      server.beforeApiRequest = null;
      ok({ killed, code });
    });
  });
}

describe('a sync killed mid-way through modules read side by side', () => {
  let env: SyncTestEnv;
  eachTestSyncEnv(
    'cw-concurrency-kill-',
    () => buildOrganisation(11, ORG),
    (e) => (env = e),
  );

  it('resumes, run after run, to exactly the server’s records', async () => {
    env.server.apiDelayMs = 10;
    const file = env.db.path;
    await env.db.close();
    const r = new Seeded(2026);
    let served = 0;
    let kills = 0;
    let midway = 0;
    for (let attempt = 0; attempt < 8; attempt++) {
      // The first kill waits for a moment the file shows reads side by side (two modules open, or
      // one module in two stretches or more): how fast the child commits depends on the machine, so
      // a kill at a fixed request count alone may never land there. The others fall where they may,
      // past the organisation's metadata (a dozen requests), somewhere in the run's first 60.
      const at = served + (attempt === 0 ? 12 : r.int(20, 60));
      let sawMidway = false;
      const run = await runChildKilledAt(env.server, file, at, () =>
        attempt === 0 ? (sawMidway = isMidway(file)) : true,
      );
      if (!run.killed) {
        expect(run.code).toBe(0);
        break;
      }
      kills++;
      served = env.server.requests.filter((q) => q.path.startsWith('/crm/')).length;
      if (sawMidway) midway++;
    }
    expect(kills).toBeGreaterThanOrEqual(3);
    expect(midway).toBeGreaterThan(0);
    const done = await runChildKilledAt(env.server, file, null);
    expect(done).toEqual({ killed: false, code: 0 });
    env.db = await openDatabase(file);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
    expect(rawHandle(env.db).prepare('select count(*) from quarantine').pluck().get()).toBe(0);
  }, 120_000);
});
