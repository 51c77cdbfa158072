import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmAccount } from '../../src/shared/contract';
import { openWorkspace, type Workspace } from '../../src/main/core/workspace';
import { MemorySecretStore } from '../../src/main/secrets/secretStore';
import { buildOrganisation } from '../crm-server/crmFactories';
import { CrmTestServer } from '../crm-server/crmTestServer';
import { FAST_RETRY } from '../crm-server/syncHarness';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// A task done on a person's page whose change Zoho refuses (the task deleted there) is listed in
// Settings › CRM account with Zoho's reason, as a refused call is, and sent no more by itself.

const CLIENT = { clientId: '1000.REFUSEDTASK', clientSecret: 'refused-task-secret' };

let dir: TempDir;
let server: CrmTestServer;
let ws: Workspace;

async function call<T>(method: string, input: unknown = {}): Promise<T> {
  const result = await ws.dispatch(method, input);
  if (!result.ok) throw new Error(result.error);
  return result.value as T;
}

/** Resolves with the first account state the workspace announces that passes `test`. */
function until(test: (a: CrmAccount) => boolean, timeoutMs = 20_000): Promise<CrmAccount> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('timed out waiting for the sync'));
    }, timeoutMs);
    const off = ws.on('crm-account', (a) => {
      if (!test(a)) return;
      clearTimeout(timer);
      off();
      resolve(a);
    });
  });
}

/**
 * Resolves with the account once a sync run after the last one is over, asking for one with
 * "Sync now" (a run's relearning goes on after its status says it is over, and "Sync now" then
 * answers with that run: asked again until a new one starts).
 */
async function syncNow(): Promise<CrmAccount> {
  const before = (await call<CrmAccount>('getCrmAccount')).sync.lastSyncedAt;
  const over = until((a) => a.sync.state !== 'syncing' && a.sync.lastSyncedAt !== before);
  const ask = setInterval(() => void ws.dispatch('syncNow', {}), 300);
  try {
    return await over;
  } finally {
    clearInterval(ask);
  }
}

const puts = (): number =>
  server.requests.filter((r) => r.method === 'PUT' && r.path === '/crm/v8/Tasks').length;

beforeAll(async () => {
  dir = makeTempDir();
  server = new CrmTestServer(buildOrganisation(12), { ...CLIENT, refreshToken: '1000.r' });
  await server.start();
  server.grantCodes.add('1000.grant');
  server.data.currentUserId =
    server.data.users.find((u) => u.profile.name !== 'Administrator')?.id ?? null;
  ws = await openWorkspace({
    demoPath: dir.file('app.db'),
    secrets: new MemorySecretStore(),
    demoPeople: 20,
    accountsUrlOverride: server.url,
    retry: FAST_RETRY,
    scheduled: false,
  });
  const opened = until((a) => a.sync.state === 'idle' && a.sync.lastSyncedAt !== null);
  await call('connectCrm', { dataCentre: 'EU', ...CLIENT, grantCode: '1000.grant' });
  await opened;
}, 60_000);
afterAll(async () => {
  await ws.close();
  await server.stop();
  dir.remove();
});

describe('a task change Zoho refuses, in Settings › CRM account', () => {
  it('is listed with Zoho’s reason, beside the refused calls, and sent no more by itself', async () => {
    const task = [...server.data.table('Tasks').values()].find(
      (t) => t['Status'] === 'Not Started',
    );
    if (!task) throw new Error('the organisation has no open task');
    await call('changeTask', { activityId: task.id, action: 'done' });
    expect((await call<CrmAccount>('getCrmAccount')).refusedTasks).toEqual([]);
    server.data.remove('Tasks', task.id);
    const refused = await syncNow();
    expect(refused.refusedCalls).toEqual([]);
    expect(refused.refusedTasks).toEqual([
      {
        id: expect.any(Number),
        personName: expect.any(String),
        subject: task['Subject'],
        action: 'done',
        dueAt: null,
        refusedAt: expect.any(Number),
        reason: expect.stringMatching(
          /^Zoho did not accept the change to the task ".+": Zoho no longer holds this task \(deleted there\?\); .*\(INVALID_DATA, id\)$/,
        ),
      },
    ]);
    // Told once, by the list (with Retry and Discard), not again among the sync's notes.
    expect(refused.sync.notes.join(' ')).not.toMatch(/Zoho did not accept/);
    await syncNow();
    expect(puts()).toBe(1);

    // Signing out would drop the CRM's copy, and the change with it: the user is told first.
    expect(refused.unsentTasks).toBe(1);
    await expect(call('disconnectCrm', { discardUnsent: false })).rejects.toThrow(
      '1 task change has not reached the CRM: Zoho refused it (the list above says why).',
    );
    expect((await call<CrmAccount>('getCrmAccount')).crm).not.toBeNull();

    const [entry] = refused.refusedTasks;
    const discarded = await call<CrmAccount>('discardRefusedCall', { id: entry?.id ?? 0 });
    expect(discarded.refusedTasks).toEqual([]);
    expect(discarded.unsentTasks).toBe(0);
  });
});
