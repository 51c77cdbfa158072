import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildOrganisation, Seeded } from '../crm-server/crmFactories';
import type { BulkReadMode } from '../crm-server/bulkReadJobs';
import {
  eachTestSyncEnv,
  localSnapshot,
  serverSnapshot,
  zohoSourceFor,
  type SyncTestEnv,
} from '../crm-server/syncHarness';
import type { CrmTestServer, LoggedRequest } from '../crm-server/crmTestServer';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { runSync, type SyncOptions, type SyncSummary } from '../../src/main/sync/syncEngine';
import type { ModuleCounts } from '../../src/main/sync/pullContext';
import { readState } from '../../src/main/sync/syncState';
import { CrmAuthError, type SyncModule } from '../../src/main/crm/crmSource';

const root = fileURLToPath(new URL('../../', import.meta.url));

// Contacts, leads and calls past the (lowered) threshold; accounts and the rest below it.
const ORG = { accounts: 60, contacts: 700, leads: 500, callsPerPerson: 1, visits: 50 };
const BULK: SyncOptions['bulkRead'] = { aboveRecords: 400, pollIntervalMs: 1, pageSize: 150 };

const bulkCreates = (requests: LoggedRequest[]): LoggedRequest[] =>
  requests.filter((r) => r.method === 'POST' && r.path === '/crm/bulk/v8/read');
const looksAtJobs = (requests: LoggedRequest[]): LoggedRequest[] =>
  requests.filter((r) => /^\/crm\/bulk\/v8\/read\/[^/]+$/.test(r.path));
/** The snapshot's lines about people: a sync of Contacts alone leaves their accounts empty. */
const people = (lines: string[]): string[] => lines.filter((l) => l.startsWith('people '));
const pagedListings = (requests: LoggedRequest[], module: string): LoggedRequest[] =>
  requests.filter(
    (r) =>
      r.path.startsWith(`/crm/v8/${module}?`) &&
      !r.path.includes('sort_order=desc') &&
      // The look for converted leads is a listing of its own (leadConversions.ts).
      !r.path.includes('converted=true'),
  );

describe('a large module’s first sync through Zoho’s Bulk Read', () => {
  let env: SyncTestEnv;
  eachTestSyncEnv(
    'cw-bulk-',
    () => buildOrganisation(17, ORG),
    (e) => (env = e),
  );

  it('stores exactly the server’s records, the large modules from one export each', async () => {
    const summary = await runSync(env.db, zohoSourceFor(env.server), { bulkRead: BULK });
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
    for (const m of ['Contacts', 'Leads', 'Calls'] as const) {
      const held = env.server.data.table(m).size;
      expect(summary.bulk[m]).toEqual({ jobs: 1, records: held, fellBack: null });
      expect(summary.modules[m]?.upserted).toBe(held);
      // After the export, one listing from its cut-off: nothing changed since, so one answer.
      expect(pagedListings(env.server.requests, m)).toHaveLength(1);
    }
    // Each job looked at until Zoho said COMPLETED (ADDED, then IN PROGRESS, then done), then
    // its file downloaded once.
    const looks = looksAtJobs(env.server.requests);
    expect(looks).toHaveLength(3 * env.server.bulk.pollsToComplete);
    const downloads = env.server.requests.filter((r) => r.path.endsWith('/result'));
    expect(downloads).toHaveLength(3);
    expect(summary.bulk.Accounts).toBeUndefined();
    expect(pagedListings(env.server.requests, 'Accounts').length).toBeGreaterThan(0);
    expect(summary.notes).toEqual([]);
    // Every request counted, the exports' included, and the estimate made before knew of them.
    const api = env.server.requests.filter((r) => r.path.startsWith('/crm/'));
    expect(summary.credits?.run).toBe(api.length);
    const estimate = summary.credits?.estimate ?? 0;
    expect(Math.abs(estimate - api.length) / api.length).toBeLessThan(0.25);
  });

  it('asks the export for the fields the paged listing asks for', async () => {
    await runSync(env.db, zohoSourceFor(env.server), { bulkRead: BULK, modules: ['Contacts'] });
    const job = [...env.server.bulk.jobs.values()].find((j) => j.module === 'Contacts');
    const listing = pagedListings(env.server.requests, 'Contacts')[0];
    const asked = new URL(listing?.path ?? '', 'http://x').searchParams.get('fields')?.split(',');
    expect(job?.fields).toEqual(asked);
  });

  it('gets the records modified or added while the export ran from the pages after it', async () => {
    const data = env.server.data;
    const ids = [...data.table('Contacts').keys()].slice(0, 5);
    let changed = 0;
    env.server.beforeApiRequest = (path) => {
      // The file is made; before it is downloaded, the CRM's users go on working.
      if (changed === 0 && /^\/crm\/bulk\/v8\/read\/[^/]+\/result/.test(path)) {
        changed++;
        for (const id of ids) data.modify('Contacts', id, { Last_Name: `Renamed ${id}` });
        data.insert('Contacts', { Last_Name: 'Newcomer', Owner: { id: 'u2', name: 'Ren Rep' } });
      }
    };
    const summary = await runSync(env.db, zohoSourceFor(env.server), {
      bulkRead: BULK,
      modules: ['Accounts', 'Contacts'],
    });
    expect(changed).toBe(1);
    // The file held the contacts as they were; the renamed and the new one came as pages.
    expect(summary.bulk.Contacts).toEqual({ jobs: 1, records: ORG.contacts, fellBack: null });
    expect(people(localSnapshot(env.db))).toEqual(
      people(serverSnapshot(env.server.data)).filter((l) => l.includes(' contact ')),
    );
    expect(localSnapshot(env.db).filter((l) => l.includes('Renamed'))).toHaveLength(5);
    expect(summary.modules.Contacts?.upserted).toBe(data.table('Contacts').size);
  });

  it('splits a module larger than a job’s cap into jobs, each from where the last ended', async () => {
    env.server.bulk.cap = 160;
    const summary = await runSync(env.db, zohoSourceFor(env.server), {
      bulkRead: BULK,
      modules: ['Contacts'],
    });
    const contacts = env.server.data.table('Contacts').size;
    expect(summary.bulk.Contacts).toEqual({
      jobs: Math.ceil(contacts / 160),
      records: contacts,
      fellBack: null,
    });
    expect(summary.modules.Contacts?.upserted).toBe(contacts);
    expect(people(localSnapshot(env.db))).toEqual(
      people(serverSnapshot(env.server.data)).filter((l) => l.includes(' contact ')),
    );
    // The first job from the start, each next one from the token the one before gave.
    const asked = bulkCreates(env.server.requests).length;
    expect(asked).toBe(Math.ceil(contacts / 160));
  });

  it.each<[BulkReadMode, RegExp]>([
    ['no-permission', /permission denied/],
    ['edition', /NOT_SUPPORTED_FEATURE/],
    ['no-scope', /ZohoCRM\.bulk\.read/],
    ['fail', /failed/],
    ['corrupt', /could not be read/],
    ['no-se-module', /What_Id/],
    ['poll-refused', /refused to tell export \S+ state: .*NO_PERMISSION/],
  ])('pages as ever where bulk read is unavailable (%s), and says so', async (mode, why) => {
    env.server.bulk.mode = mode;
    const summary = await runSync(env.db, zohoSourceFor(env.server), { bulkRead: BULK });
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
    const large =
      mode === 'no-se-module' ? (['Calls'] as const) : (['Contacts', 'Leads', 'Calls'] as const);
    for (const m of large) {
      expect(summary.bulk[m]?.fellBack).toMatch(why);
      expect(summary.notes.some((n) => n.startsWith(`${m}: read page by page`))).toBe(true);
      expect(summary.modules[m]?.upserted).toBe(env.server.data.table(m).size);
    }
    expect(pagedListings(env.server.requests, large[0]).length).toBeGreaterThan(1);
  });

  it('forgets a job whose state Zoho refuses to tell: the next run neither looks at it nor fails', async () => {
    env.server.bulk.mode = 'poll-refused';
    const first = await runSync(env.db, zohoSourceFor(env.server), { bulkRead: BULK });
    expect(first.bulk.Contacts?.fellBack).toMatch(/NO_PERMISSION/);
    // Each job looked at once: a refusal does not change on asking again.
    expect(looksAtJobs(env.server.requests)).toHaveLength(3);
    expect(exportsUnderWay(env.db.path)).toEqual([]);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
    const second = await runSync(env.db, zohoSourceFor(env.server), { bulkRead: BULK });
    expect(second.notes).toEqual([]);
    expect(looksAtJobs(env.server.requests)).toHaveLength(3);
  });

  it('stops the sync, keeping the job, when Zoho rejects the sign-in while a job is looked at', async () => {
    env.server.bulk.mode = 'poll-unauthorised';
    await expect(
      runSync(env.db, zohoSourceFor(env.server), { bulkRead: BULK, modules: ['Contacts'] }),
    ).rejects.toThrow(CrmAuthError);
    // Connected again, the sync goes on with the same job.
    env.server.bulk.mode = 'ok';
    const summary = await runSync(env.db, zohoSourceFor(env.server), {
      bulkRead: BULK,
      modules: ['Contacts'],
    });
    expect(bulkCreates(env.server.requests)).toHaveLength(1);
    expect(summary.modules.Contacts?.upserted).toBe(env.server.data.table('Contacts').size);
  });

  it('waits a limited time for a job Zoho does not finish, then pages and says how long it waited', async () => {
    env.server.bulk.pollsToComplete = Number.POSITIVE_INFINITY;
    const summary = await runSync(env.db, zohoSourceFor(env.server), {
      bulkRead: { aboveRecords: 400, pollIntervalMs: 1, pageSize: 150, maxWaitMs: 10 },
    });
    for (const m of ['Contacts', 'Leads', 'Calls'] as const) {
      expect(summary.bulk[m]?.fellBack).toMatch(/was not ready after 1 s of waiting/);
      expect(summary.notes.some((n) => n.startsWith(`${m}: read page by page`))).toBe(true);
      expect(summary.modules[m]?.upserted).toBe(env.server.data.table(m).size);
    }
    // At the start and after each of ten waits of 1 ms: eleven looks a job, not an hour's worth.
    expect(looksAtJobs(env.server.requests)).toHaveLength(3 * 11);
    expect(exportsUnderWay(env.db.path)).toEqual([]);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });

  it('pages, with a note, the modules whose file stalls mid-download past its deadline twice', async () => {
    env.server.bulk.mode = 'stall-download';
    const source = zohoSourceFor(env.server, {}, { bulkDownloadDeadlineMs: 300 });
    const summary = await runSync(env.db, source, { bulkRead: BULK });
    for (const m of ['Contacts', 'Leads', 'Calls'] as const) {
      expect(summary.bulk[m]?.fellBack).toMatch(/did not arrive within 1 s, twice/);
      expect(summary.notes.some((n) => n.startsWith(`${m}: read page by page`))).toBe(true);
      expect(summary.modules[m]?.upserted).toBe(env.server.data.table(m).size);
    }
    // Each file asked for twice (a deadline missed once may be bad luck), then not again.
    expect(env.server.bulk.downloadsStalled).toBe(3 * 2);
    expect(exportsUnderWay(env.db.path)).toEqual([]);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });

  it('pages, with a note, a module whose export file is gone every time, after three jobs', async () => {
    env.server.bulk.mode = 'result-gone';
    const summary = await runSync(env.db, zohoSourceFor(env.server), {
      bulkRead: BULK,
      modules: ['Contacts'],
    });
    expect(summary.bulk.Contacts?.fellBack).toMatch(/3 exports in a row were gone/);
    expect(bulkCreates(env.server.requests)).toHaveLength(3);
    expect(summary.modules.Contacts?.upserted).toBe(env.server.data.table('Contacts').size);
    expect(exportsUnderWay(env.db.path)).toEqual([]);
  });

  it('fails the module, keeping the export, when the server does not answer for its file at all, and the next run downloads the same file', async () => {
    env.server.bulk.mode = 'silent-download';
    const slow = { bulkDownloadDeadlineMs: 300 };
    // The API still answers: the file's endpoint hangs, so the module could not be read this run.
    const failed = await runSync(env.db, zohoSourceFor(env.server, {}, slow), {
      bulkRead: BULK,
      modules: ['Contacts'],
    });
    expect(failed.notes.join('\n')).toMatch(
      /Contacts could not be read this time \(.*did not answer within 0\.3 s \(GET \/crm\/bulk\/v8\/read\//,
    );
    // Not a slow file: the job stays, to be downloaded when the server answers for it.
    expect(exportsUnderWay(env.db.path)).toHaveLength(1);
    const started = bulkCreates(env.server.requests).length;
    env.server.bulk.mode = 'ok';
    const summary = await runSync(env.db, zohoSourceFor(env.server, {}, slow), {
      bulkRead: BULK,
      modules: ['Contacts'],
    });
    expect(bulkCreates(env.server.requests)).toHaveLength(started);
    expect(summary.bulk.Contacts?.fellBack ?? null).toBeNull();
    expect(summary.modules.Contacts?.upserted).toBe(env.server.data.table('Contacts').size);
    expect(people(localSnapshot(env.db))).toEqual(
      people(serverSnapshot(env.server.data)).filter((l) => l.includes(' contact ')),
    );
  });

  it('never uses bulk read after the first sync, however many records arrive', async () => {
    await runSync(env.db, zohoSourceFor(env.server), { bulkRead: BULK });
    const before = bulkCreates(env.server.requests).length;
    for (let i = 0; i < 600; i++)
      env.server.data.insert('Contacts', {
        Last_Name: `Later ${i}`,
        Owner: { id: 'u3', name: 'Kai Rep' },
      });
    const summary = await runSync(env.db, zohoSourceFor(env.server), { bulkRead: BULK });
    expect(bulkCreates(env.server.requests)).toHaveLength(before);
    expect(summary.bulk).toEqual({});
    expect(summary.modules.Contacts?.upserted).toBe(600);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });

  it('starts a new job when the file of a resumed export expired, and stores each record once', async () => {
    class Killed extends Error {}
    let pages = 0;
    await expect(
      runSync(env.db, zohoSourceFor(env.server), {
        bulkRead: BULK,
        modules: ['Contacts'],
        onProgress: (p) => {
          if (p.module === 'Contacts' && p.phase === 'records' && ++pages === 2) throw new Killed();
        },
      }),
    ).rejects.toThrow(Killed);
    env.server.bulk.expireAll();
    const summary = await runSync(env.db, zohoSourceFor(env.server), {
      bulkRead: BULK,
      modules: ['Contacts'],
    });
    expect(bulkCreates(env.server.requests)).toHaveLength(2);
    expect(summary.modules.Contacts?.upserted).toBe(env.server.data.table('Contacts').size);
    expect(people(localSnapshot(env.db))).toEqual(
      people(serverSnapshot(env.server.data)).filter((l) => l.includes(' contact ')),
    );
  });

  it('after the rep’s plan first, exports the rest and still counts each record once', async () => {
    env.server.data.currentUserId = 'u2';
    const summary = await runSync(env.db, zohoSourceFor(env.server), {
      bulkRead: BULK,
      headStart: { minRecords: 400 },
      // The data set's calls are recent as of its own clock, so the last 90 days hold some.
      now: () => env.server.data.clock + 60_000,
    });
    // The head start stored some of the rep's people and calls ahead of the exports.
    expect(summary.headStart?.people).toBeGreaterThan(0);
    expect(summary.headStart?.activities).toBeGreaterThan(0);
    for (const m of ['Contacts', 'Leads', 'Calls'] as const) {
      const held = env.server.data.table(m).size;
      expect(summary.bulk[m]).toEqual({ jobs: 1, records: held, fellBack: null });
      expect(summary.modules[m]?.upserted).toBe(held);
    }
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });
});

describe('a first sync with the rep’s plan first and bulk exports, stopped and resumed', () => {
  let env: SyncTestEnv;
  eachTestSyncEnv(
    'cw-bulk-resume-',
    () => {
      const data = buildOrganisation(17, ORG);
      data.currentUserId = 'u2';
      return data;
    },
    (e) => (env = e),
  );

  /**
   * Runs a first sync stopped (by `stop`) at the second stored page of Contacts' export, after
   * the head start, then resumes it; the counts of each module as the runs reported them: a
   * module's last run (a resumed pull counts what earlier runs stored) plus those it finished in
   * the first run (the second only reads their changes: none).
   */
  async function stoppedAndResumed(stop: 'throw' | 'abort'): Promise<{
    first: Partial<Record<string, ModuleCounts>>;
    second: SyncSummary;
    counted: (m: SyncModule) => number;
  }> {
    const options: SyncOptions = {
      bulkRead: BULK,
      headStart: { minRecords: 400 },
      // The data set's calls are recent as of its own clock, so the last 90 days hold some.
      now: () => env.server.data.clock + 60_000,
    };
    class Stopped extends Error {}
    const abort = new AbortController();
    const done: Partial<Record<string, ModuleCounts>> = {};
    const last: Partial<Record<string, ModuleCounts>> = {};
    let headStart = 0;
    let pages = 0;
    await expect(
      runSync(env.db, zohoSourceFor(env.server), {
        ...options,
        signal: abort.signal,
        onProgress: (p) => {
          if (p.module === 'plan' && p.phase === 'done') headStart = p.counts.upserted;
          if (p.phase !== 'started') last[p.module] = p.counts;
          if (p.module !== 'Contacts' || p.phase !== 'records' || ++pages !== 2) return;
          if (stop === 'throw') throw new Stopped();
          abort.abort();
        },
      }),
    ).rejects.toThrow();
    expect(headStart).toBeGreaterThan(0);
    expect(exportsUnderWay(env.db.path).length).toBeGreaterThan(0);
    // A module whose records were all read counts them in this run, even if it never said
    // 'done' (Leads waits for Contacts before reading deletions); one stopped mid-listing
    // counts them in the next run, which goes on from its cursor.
    for (const [m, counts] of Object.entries(last))
      if (counts && readState(env.db, m).lastSuccessAt !== null) done[m] = counts;
    const second = await runSync(env.db, zohoSourceFor(env.server), options);
    expect(second.headStart).toBeNull();
    return {
      first: done,
      second,
      counted: (m) => (done[m]?.upserted ?? 0) + (second.modules[m]?.upserted ?? 0),
    };
  }

  it.each(['throw', 'abort'] as const)(
    'counts every record once across the runs (stopped by %s), those stored ahead included',
    async (stop) => {
      const { second, counted } = await stoppedAndResumed(stop);
      const modules = Object.keys(second.modules) as SyncModule[];
      expect(modules).toEqual(expect.arrayContaining(['Contacts', 'Leads', 'Calls']));
      for (const m of modules) expect(counted(m), m).toBe(env.server.data.table(m).size);
      expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
      // Nothing waits for a listing any more.
      const ahead = rawHandle(env.db)
        .prepare(`select count(*) from sync_state where module like '%:ahead'`)
        .pluck()
        .get();
      expect(ahead).toBe(0);
    },
  );

  it('is still a first sync when resumed: its cost is estimated and the exports use its counts', async () => {
    const { first, second } = await stoppedAndResumed('throw');
    // Accounts (below the export's threshold) finished in the first run.
    expect(first.Accounts).toBeDefined();
    const estimate = second.credits?.estimate ?? null;
    expect(estimate).not.toBeNull();
    const countRequests = env.server.requests.filter((r) => r.path.includes('/actions/count'));
    // One count a module each run (the estimate's), none asked again by an export.
    const listed = Object.keys(second.modules).length;
    expect(countRequests).toHaveLength(2 * listed);
    // The estimate knew the finished modules cost only a look at their changes.
    const run = second.credits?.run ?? 0;
    expect(Math.abs((estimate ?? 0) - run) / run).toBeLessThan(0.25);
  });
});

interface BulkState {
  jobId: string | null;
  rows: number;
}

/** The exports the file's committed cursors hold under way. */
function exportsUnderWay(file: string): BulkState[] {
  if (!existsSync(file)) return [];
  let db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const cursors = db
      .prepare(`select cursor from sync_state where cursor like '%"bulk"%'`)
      .pluck()
      .all() as string[];
    return cursors.map((c) => (JSON.parse(c) as { bulk: BulkState }).bulk);
  } catch {
    return []; // Not yet migrated: nothing under way.
  } finally {
    db?.close();
  }
}

/**
 * The sync as its own process (bulkSyncEntry.ts), killed (SIGKILL) once `when` holds, as the test
 * looks at the file every few milliseconds, or at the `at`th API request from its start.
 */
function runChildKilled(
  server: CrmTestServer,
  file: string,
  kill: { when?: () => boolean; at?: number },
): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((ok) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/crm-server/bulkSyncEntry.ts', file, server.url],
      { cwd: root, stdio: 'ignore' },
    );
    let killed = false;
    const stop = (): void => {
      if (!killed) killed = child.kill('SIGKILL');
    };
    const watch = kill.when
      ? setInterval(() => {
          if (kill.when?.()) stop();
        }, 2)
      : null;
    let n = 0;
    server.beforeApiRequest = () => {
      if (kill.at !== undefined && ++n >= kill.at) stop();
    };
    child.on('close', (code) => {
      if (watch) clearInterval(watch);
      server.beforeApiRequest = null;
      ok({ killed, code });
    });
  });
}

describe('a first sync through bulk read killed mid-way', () => {
  let env: SyncTestEnv;
  eachTestSyncEnv(
    'cw-bulk-kill-',
    () => buildOrganisation(23, { accounts: 80, contacts: 1500, leads: 900, callsPerPerson: 1 }),
    (e) => (env = e),
  );

  it('resumes, run after run, to exactly the server’s records', async () => {
    const { server } = env;
    server.bulk.cap = 500;
    server.bulk.pollsToComplete = 3;
    const file = env.db.path;
    await env.db.close();
    const data = server.data;
    const edit = (i: number): void => {
      const m = i % 2 === 0 ? 'Contacts' : 'Calls';
      const id = [...data.table(m).keys()][(i * 37) % data.table(m).size] ?? '';
      data.modify(m, id, m === 'Calls' ? { Subject: `edited ${i}` } : { Last_Name: `Edited ${i}` });
    };
    const r = new Seeded(99);
    const kills: string[] = [];
    const plan: {
      name: string;
      before?: () => void;
      kill: Parameters<typeof runChildKilled>[2];
    }[] = [
      // Half-way through a file: the next run downloads it again and skips what is stored.
      {
        name: 'mid-file',
        kill: { when: () => exportsUnderWay(file).some((b) => b.jobId && b.rows > 0) },
      },
      // The file expired meanwhile: a new job for the same records, each stored once.
      {
        name: 'mid-file, file expired',
        before: () => server.bulk.expireAll(),
        kill: { when: () => exportsUnderWay(file).some((b) => b.jobId && b.rows > 0) },
      },
      // While Zoho works on a job: the next run finds it and waits for it, not a second one.
      {
        name: 'job waiting',
        kill: { when: () => exportsUnderWay(file).some((b) => b.jobId && b.rows === 0) },
      },
      { name: 'at a request', kill: { at: r.int(15, 80) } },
      { name: 'at a request', kill: { at: r.int(15, 80) } },
    ];
    let i = 0;
    for (const step of plan) {
      step.before?.();
      for (let k = 0; k < 5; k++) edit(i++);
      const run = await runChildKilled(server, file, step.kill);
      if (!run.killed) {
        expect(run.code).toBe(0);
        break;
      }
      kills.push(step.name);
    }
    expect(kills.slice(0, 2)).toEqual(['mid-file', 'mid-file, file expired']);
    const done = await runChildKilled(server, file, {});
    expect(done).toEqual({ killed: false, code: 0 });
    env.db = await openDatabase(file);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(data));
    expect(rawHandle(env.db).prepare('select count(*) from quarantine').pluck().get()).toBe(0);
    expect(exportsUnderWay(file)).toEqual([]);
    // More than one job a module (the cap), and some jobs started again after the kills.
    const creates = bulkCreates(server.requests).length;
    expect(creates).toBeGreaterThan(Math.ceil(1500 / 500) + Math.ceil(900 / 500));
  }, 120_000);
});
