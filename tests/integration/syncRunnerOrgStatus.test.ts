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
