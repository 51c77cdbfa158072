import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/shared/contract';
import { createCore } from '../../src/main/core/createCore';
import { DEFAULT_SCHEDULE, SyncRunner } from '../../src/main/sync/syncRunner';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmDataSet } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';

function withOrg(data: () => CrmDataSet): () => SyncTestEnv {
  let env: SyncTestEnv | null = null;
  eachTestSyncEnv('cw-runner-org-', data, (e) => (env = e));
  return () => {
    if (!env) throw new Error('no test environment');
    return env;
  };
}

/** A runner of the app's kind on the test server's organisation; its statuses collected. */
function runnerOn(env: SyncTestEnv): { runner: SyncRunner; statuses: SyncStatus[] } {
  const source = zohoSourceFor(env.server);
  const statuses: SyncStatus[] = [];
  const runner = new SyncRunner(createCore(env.db), source, DEFAULT_SCHEDULE, {
    countsRequests: true,
    onStatus: (s) => statuses.push(s),
  });
  return { runner, statuses };
}

describe('the app’s sync runner on an organisation without Cases and Visits', () => {
  const env = withOrg(() => {
    const data = buildOrganisation(41, {}, { salesIq: 'none', cases: false });
    data.emailScope = false;
    return data;
  });

  it('tells Settings what the organisation lacks and why emails were not read', async () => {
    const { runner, statuses } = runnerOn(env());
    try {
      await runner.syncNow();
    } finally {
      await runner.stop();
    }
    const status = runner.current();
    expect(status).toMatchObject({ state: 'idle', lastError: null, visitsFrom: null });
    expect(status.missing?.modules).toEqual(['Cases', 'Visits']);
    expect(status.missing?.fields['Leads']).toContain('Visitor_Score');
    expect(status.emails).toMatchObject({
      people: 0,
      unavailable: expect.stringMatching(/ZohoCRM\.modules\.emails\.READ/),
    });
    // The first sync's bars: the absent modules are marked so, and the estimate is not held back.
    const cases = status.modules.find((m) => m.module === 'Cases');
    expect(cases).toMatchObject({ done: true, missing: true });
    expect(statuses.some((s) => s.state === 'syncing' && s.etaMs !== null)).toBe(true);

    // After a restart, before any run: what was learnt is still there.
    const { runner: again } = runnerOn(env());
    expect(again.current().missing?.modules).toEqual(['Cases', 'Visits']);
    await again.stop();
  });
});

describe('the app’s sync runner on an organisation with visits only in related lists', () => {
  const env = withOrg(() => buildOrganisation(42, {}, { salesIq: 'related-list' }));

  it('says where visits come from, and notes a list it could not read', async () => {
    env().server.inject('server-error', { path: /Visits_Zoho_Livedesk$/, times: 1_000 });
    const { runner } = runnerOn(env());
    try {
      await runner.syncNow();
    } finally {
      await runner.stop();
    }
    const status = runner.current();
    expect(status.state).toBe('idle');
    expect(status.visitsFrom).toBe('related-list');
    expect(status.missing).toEqual({ modules: [], fields: {} });
    expect(status.notes.join('\n')).toMatch(/visits of one person could not be read/);
  });
});

describe('the app’s sync runner resuming a first sync whose visits came in the run before', () => {
  const env = withOrg(() => buildOrganisation(43));

  it('tells the alert rules of new visits only when this run stored some', async () => {
    // Deals never answer: both runs end with it unfinished, so the second is a resumed first sync.
    env().server.inject('server-error', { path: /\/Deals/, times: 100_000 });
    const core = createCore(env().db);
    const seen: string[][] = [];
    core.on('data-changed', (e: { entities: string[] }) => seen.push(e.entities));
    const run = async (): Promise<SyncStatus> => {
      const runner = new SyncRunner(core, zohoSourceFor(env().server), DEFAULT_SCHEDULE, {});
      try {
        await runner.syncNow();
      } finally {
        await runner.stop();
      }
      return runner.current();
    };

    const first = await run();
    expect(first.lastError).not.toBeNull();
    expect(first.modules.find((m) => m.module === 'Visits')).toMatchObject({ done: true });
    expect(seen.some((entities) => entities.includes('visits'))).toBe(true);

    seen.length = 0;
    const second = await run();
    expect(second.lastError).not.toBeNull();
    // Nothing changed in the CRM between the runs: no visit is new, nobody is to be alerted on.
    expect(seen.filter((entities) => entities.includes('visits'))).toEqual([]);
  });
});

describe('“Sync now” while the minute’s visits run is going on', () => {
  const env = withOrg(() => buildOrganisation(43));

  it('reads the records right after that run, not at the next five-minute mark', async () => {
    let now = Date.UTC(2026, 10, 23, 9, 0);
    const source = zohoSourceFor(env().server);
    const statuses: SyncStatus[] = [];
    const runner = new SyncRunner(
      createCore(env().db, () => now),
      source,
      DEFAULT_SCHEDULE,
      { onStatus: (s) => statuses.push(s) },
    );
    try {
      await runner.syncNow();
      // A minute on: visits are due, records are not (every 5 minutes).
      now += 61_000;
      env().server.apiDelayMs = 100;
      const visitsRun = new Promise<void>((resolve) => {
        const check = setInterval(() => {
          const last = statuses.at(-1);
          if (last?.state !== 'syncing' || last.modules.length !== 1) return;
          clearInterval(check);
          resolve();
        }, 5);
      });
      runner.setSchedule(DEFAULT_SCHEDULE);
      await visitsRun;
      const before = env().server.requests.length;
      await runner.syncNow();
      const after = env()
        .server.requests.slice(before)
        .map((r) => r.path);
      // Before, the click waited for the visits run and read nothing else.
      expect(after.some((p) => p.startsWith('/crm/v8/Contacts'))).toBe(true);
      expect(runner.current()).toMatchObject({ state: 'idle', lastError: null });
    } finally {
      await runner.stop();
    }
  });
});

describe('a sync run that fails before its own error handling', () => {
  const env = withOrg(() => buildOrganisation(44));

  it('ends in the error state with the reason, and Sync now resolves instead of rejecting', async () => {
    // A failure at the run's start (here its first status push; in the app, a damaged page read
    // before the pull) used to reject Sync now, which nobody awaits: the worker died of it.
    let thrown = false;
    const runner = new SyncRunner(
      createCore(env().db),
      zohoSourceFor(env().server),
      DEFAULT_SCHEDULE,
      {
        onStatus: (s) => {
          if (s.state === 'syncing' && !thrown) {
            thrown = true;
            throw new Error('the window went away');
          }
        },
      },
    );
    try {
      await expect(runner.syncNow()).resolves.toBeUndefined();
      expect(runner.current().state).toBe('error');
      expect(runner.current().lastError).toContain('the window went away');
      // The next run goes on as usual.
      await runner.syncNow();
      expect(runner.current()).toMatchObject({ state: 'idle', lastError: null });
    } finally {
      await runner.stop();
    }
  });
});
