import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { runSyncCli } from '../../src/main/cli/sync';
import { createCore } from '../../src/main/core/createCore';
import { runSync, type FirstSyncEstimate } from '../../src/main/sync/syncEngine';
import { DEFAULT_SCHEDULE, SyncRunner } from '../../src/main/sync/syncRunner';
import type { SyncStatus } from '../../src/shared/contract';

const HOUR = 3_600_000;

describe('API credits: the requests this app makes to the organisation', () => {
  let env: SyncTestEnv;
  eachTestSyncEnv(
    'cw-credits-',
    () => buildOrganisation(5, { contacts: 700, leads: 500, accounts: 250, callsPerPerson: 1 }),
    (e) => (env = e),
  );
  const apiRequests = (): number =>
    env.server.requests.filter((r) => r.path.startsWith('/crm/')).length;

  it('counts each run’s requests, and the last 24 hours’ across runs and restarts', async () => {
    let now = Date.UTC(2026, 5, 1, 9);
    const first = await runSync(env.db, zohoSourceFor(env.server), { now: () => now });
    const firstRequests = apiRequests();
    expect(first.credits?.run).toBe(firstRequests);
    expect(first.credits?.last24h).toBe(firstRequests);

    now += 5 * HOUR;
    // Another source object (the app restarted): the count is the database's, not the process's.
    const second = await runSync(env.db, zohoSourceFor(env.server), { now: () => now });
    const secondRequests = apiRequests() - firstRequests;
    expect(second.credits?.run).toBe(secondRequests);
    expect(second.credits?.last24h).toBe(firstRequests + secondRequests);
    expect(second.credits?.estimate).toBeNull();

    now += 20 * HOUR;
    const third = await runSync(env.db, zohoSourceFor(env.server), { now: () => now });
    // The first run is more than 24 hours ago: it no longer counts.
    expect(third.credits?.last24h).toBe(secondRequests + (third.credits?.run ?? NaN));
  });

  it('estimates a first sync’s cost from the records per module before reading them', async () => {
    const events: string[] = [];
    let estimate: FirstSyncEstimate | null = null;
    const summary = await runSync(env.db, zohoSourceFor(env.server), {
      onEstimate: (e) => {
        estimate = e;
        events.push('estimate');
      },
      onProgress: (p) => {
        if (p.phase === 'records') events.push('records');
      },
    });
    expect(events[0]).toBe('estimate');
    expect(estimate).toMatchObject({ records: { Contacts: 700, Leads: 500, Accounts: 250 } });
    const made = summary.credits?.run ?? 0;
    expect(summary.credits?.estimate).toBe((estimate as FirstSyncEstimate | null)?.requests);
    // Records / 200 a module, deletions, stretches, and the people's related lists: close enough.
    expect(Math.abs((summary.credits?.estimate ?? 0) - made) / made).toBeLessThan(0.25);
  });

  it('shows them in the sync command’s JSON and in the app’s status', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runSyncCli(
      [
        '--db',
        env.dir.file('cli.db'),
        '--api-domain',
        env.server.url,
        '--accounts-url',
        env.server.url,
        '--client-id',
        'cid',
        '--client-secret',
        'secret',
        '--refresh-token',
        'refresh',
      ],
      { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) },
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { credits: { run: number; last24h: number } };
    expect(json.credits.run).toBe(apiRequests());
    expect(json.credits.last24h).toBe(apiRequests());
    expect(stderr).toMatch(/First sync: about \d+ API requests/);
    expect(stderr).toContain(`API requests: ${apiRequests()} this run`);

    const statuses: SyncStatus[] = [];
    const runner = new SyncRunner(createCore(env.db), zohoSourceFor(env.server), DEFAULT_SCHEDULE, {
      countsRequests: true,
      onStatus: (s) => statuses.push(s),
    });
    const before = apiRequests();
    try {
      await runner.syncNow();
    } finally {
      await runner.stop();
    }
    // The first sync said what it would cost while it ran; afterwards, what was spent.
    expect(statuses.some((s) => s.state === 'syncing' && (s.credits?.estimate ?? 0) > 0)).toBe(
      true,
    );
    expect(runner.current().credits).toEqual({
      last24h: apiRequests() - before,
      estimate: null,
      // The test organisation's Enterprise licences (150,000 credits) over its 4 users, halved.
      budget: expect.objectContaining({ share: 18_750, stretched: false }) as unknown,
    });
  });
});
