import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmAccount, Result, Session } from '../../src/shared/contract';
import type { SecretReply } from '../../src/main/core/coreWorkerProtocol';
import { CoreClient } from '../../src/main/electron/coreClient';
import { buildOrganisation } from '../crm-server/crmFactories';
import { CrmTestServer } from '../crm-server/crmTestServer';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// Settings › CRM account's Reconnect, Retry and Discard as the desktop app makes them: through
// the core worker thread, not the workspace's dispatch in the test's own thread. Each answers,
// with the account or with the reason it cannot, and never leaves the window waiting.

const CLIENT = { clientId: '1000.WORKER', clientSecret: 'worker-secret' };
const NOT_REFUSED =
  'This call is not waiting after a refusal any more (sent, or discarded): Settings › CRM account shows the calls that are.';

let dir: TempDir;
beforeAll(() => {
  dir = makeTempDir('cw-worker-crm-');
});
afterAll(() => dir.remove());

interface RunningCore {
  client: CoreClient;
  /** The sign-in the worker last wrote to the main process's vault. */
  kept: () => string | null;
  /** The first account state the core pushes that passes `test`. */
  until: (test: (a: CrmAccount) => boolean, timeoutMs?: number) => Promise<CrmAccount>;
  stop: () => Promise<number>;
}

/** The real worker module, loaded through tsx as electron-vite's bundle would load it built. */
function startCore(dbPath: string, signIn: string | null): RunningCore {
  const entry = new URL('../../src/main/core/coreWorker.ts', import.meta.url).href;
  const worker = new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`,
    { eval: true, workerData: { dbPath } },
  );
  let kept = signIn;
  const waiting = new Set<(a: CrmAccount) => void>();
  const vault = (op: string, value: string | undefined): SecretReply => {
    if (op === 'read') return { ok: true, value: kept };
    if (op === 'write') kept = value ?? null;
    if (op === 'clear') kept = null;
    return { ok: true, persistent: true };
  };
  const client = new CoreClient(() => worker, {
    onEvent: (name, payload) => {
      if (name === 'crm-account') for (const w of waiting) w(payload as CrmAccount);
    },
    onSecret: vault,
  });
  return {
    client,
    kept: () => kept,
    until: (test, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error('timed out waiting for the account'));
        }, timeoutMs);
        const check = (a: CrmAccount): void => {
          if (!test(a)) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(a);
        };
        waiting.add(check);
      }),
    stop: async () => {
      const exited = new Promise<number>((ok) => worker.once('exit', ok));
      await client.close();
      return exited;
    },
  };
}

async function value<T>(pending: Promise<Result<unknown>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(result.error);
  return result.value as T;
}

describe('Reconnect, Retry and Discard through the core worker, with only the demo', () => {
  it('answers each with why it cannot, in words, instead of leaving the window waiting', async () => {
    const core = startCore(dir.file('demo-only.db'), null);
    try {
      await core.client.ready;
      const noCopy = 'No CRM copy is open here: it holds no refused call.';
      expect(await core.client.call('retryRefusedCall', { id: 424242 })).toEqual({
        ok: false,
        error: noCopy,
      });
      expect(await core.client.call('discardRefusedCall', { id: 424242 })).toEqual({
        ok: false,
        error: noCopy,
      });
      expect(await core.client.call('reconnectCrm', { grantCode: '1000.code' })).toEqual({
        ok: false,
        error: 'No CRM is connected: connect one in Settings › CRM account.',
      });
      // Input the core refuses comes back refused too, naming what is wrong.
      const badId = await core.client.call('retryRefusedCall', { id: 'first' });
      expect(badId).toMatchObject({ ok: false, error: expect.stringContaining('id') });
      const noCode = await core.client.call('reconnectCrm', {});
      expect(noCode).toMatchObject({ ok: false, error: expect.stringContaining('grantCode') });
      // The core is still there after the refusals.
      expect(await core.client.call('getCrmAccount', {})).toMatchObject({
        ok: true,
        value: { crm: null },
      });
    } finally {
      expect(await core.stop()).toBe(0);
    }
  }, 90_000);
});

describe('Reconnect, Retry and Discard through the core worker, signed in to a CRM', () => {
  let server: CrmTestServer;
  beforeAll(async () => {
    server = new CrmTestServer(buildOrganisation(12), { ...CLIENT, refreshToken: '1000.r' });
    await server.start();
    server.data.currentUserId =
      server.data.users.find((u) => u.profile.name !== 'Administrator')?.id ?? null;
  });
  afterAll(() => server.stop());

  it('retries and discards a call Zoho refused, refuses an unknown one, and takes a new sign-in', async () => {
    // A sign-in kept from an earlier run: the worker resumes it and syncs at once.
    const signIn = JSON.stringify({
      provider: 'zoho',
      dataCentre: 'EU',
      accountsUrl: server.url,
      apiDomain: null,
      ...CLIENT,
      refreshToken: '1000.r',
    });
    const core = startCore(dir.file('signed-in.db'), signIn);
    const call = core.client.call.bind(core.client);
    try {
      const synced = core.until((a) => a.sync.state === 'idle' && a.sync.lastSyncedAt !== null);
      await core.client.ready;
      await synced;

      expect(await call('retryRefusedCall', { id: 424242 })).toEqual({
        ok: false,
        error: NOT_REFUSED,
      });
      expect(await call('discardRefusedCall', { id: 424242 })).toEqual({
        ok: false,
        error: NOT_REFUSED,
      });

      // A call Zoho refuses: a field an administrator made mandatory.
      server.data.requireField('Calls', 'Region');
      await value(call('useDataSet', { dataSet: 'crm' }));
      const me = (await value<Session>(call('getSession', {}))).currentUser;
      const { rows } = await value<{ rows: { id: string }[] }>(
        call('listPeople', { ownerId: me?.id }),
      );
      await value(call('logCall', { personId: rows[0]?.id, outcome: 'no_answer' }));
      const refusedOnce = core.until((a) => a.refusedCalls.length === 1);
      await value(call('syncNow', {}));
      const [refused] = (await refusedOnce).refusedCalls;
      if (!refused) throw new Error('no refused call');

      // Retry: off the refused list, sent with the sync it starts, refused again (not mended).
      const refusedAgain = core.until((a) =>
        a.refusedCalls.some((c) => c.id === refused.id && c.refusedAt > refused.refusedAt),
      );
      expect(await call('retryRefusedCall', { id: refused.id })).toMatchObject({
        ok: true,
        value: { unsentCalls: 1, refusedCalls: [] },
      });
      await refusedAgain;
      // Discard: never sent, nothing left to hold up a sign-out; a second discard is refused.
      expect(await call('discardRefusedCall', { id: refused.id })).toMatchObject({
        ok: true,
        value: { unsentCalls: 0, refusedCalls: [] },
      });
      expect(await call('discardRefusedCall', { id: refused.id })).toEqual({
        ok: false,
        error: NOT_REFUSED,
      });

      // Reconnect: a grant code Zoho does not know is refused in words; a good one is taken.
      const unknownCode = await call('reconnectCrm', { grantCode: '1000.unknown' });
      expect(unknownCode).toMatchObject({ ok: false, error: expect.any(String) });
      expect(core.kept()).toBe(signIn);
      server.grantCodes.add('1000.again');
      expect(await call('reconnectCrm', { grantCode: '1000.again' })).toMatchObject({
        ok: true,
        value: { crm: { provider: 'zoho' } },
      });
      expect(JSON.parse(core.kept() ?? '{}')).toMatchObject({ ...CLIENT, accountsUrl: server.url });
    } finally {
      expect(await core.stop()).toBe(0);
    }
  }, 180_000);
});
