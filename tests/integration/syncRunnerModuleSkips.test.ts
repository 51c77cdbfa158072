import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, FAST_RETRY } from '../crm-server/syncHarness';
import { ZohoSource } from '../../src/main/crm/zoho/zohoSource';
import { createCore } from '../../src/main/core/createCore';
import { DEFAULT_SCHEDULE, SyncRunner } from '../../src/main/sync/syncRunner';
import type { Db } from '../../src/main/db/openDatabase';
import type { SyncStatus } from '../../src/shared/contract';
import { runSync } from '../../src/main/sync/syncEngine';
import { CrmOutageError } from '../../src/main/crm/crmSource';

// The app's sync (Settings › CRM account) for a hung endpoint and a module the user may not read
// (audit 39 items 1 and 2), against the CRM test server over loopback and a real SQLite file.
let server: CrmTestServer;
let db: Db;

eachTestSyncEnv(
  'cw-runner-skips-',
  () => buildOrganisation(2),
  (env) => {
    ({ server, db } = env);
  },
);

/** As the app's source, with a request's deadline shortened from 30 s to 2 s. */
const source = (): ZohoSource =>
  new ZohoSource({
    credentials: {
      accountsUrl: server.url,
      clientId: 'cid',
      clientSecret: 'secret',
      refreshToken: 'refresh',
    },
    apiDomain: server.url,
    retry: { ...FAST_RETRY, requestDeadlineMs: 2_000 },
  });

async function syncOnce(): Promise<{ syncing: SyncStatus[]; status: SyncStatus }> {
  const syncing: SyncStatus[] = [];
  const runner = new SyncRunner(createCore(db), source(), DEFAULT_SCHEDULE, {
    countsRequests: true,
    onStatus: (s) => {
      if (s.state === 'syncing') syncing.push(structuredClone(s));
    },
  });
  try {
    await runner.syncNow();
    return { syncing, status: runner.current() };
  } finally {
    await runner.stop();
  }
}

describe('the app’s sync', () => {
  it('syncs the rest when one endpoint never answers, and names that module as the problem', async () => {
    server.holdAnswer = (path) =>
      path.startsWith('/crm/v8/Contacts') ? new Promise<void>(() => undefined) : null;
    const { status } = await syncOnce();
    expect(status.state).toBe('error');
    expect(status.lastError).toMatch(
      /^Zoho CRM did not answer in time when asked for Contacts\. Everything else synced and the plans use it\. Nothing stored on this computer is lost/,
    );
    expect(status.errorDetail).toMatch(/did not answer within 2 s.*\/crm\/v8\/Contacts/);
    expect(status.unread).toEqual([
      { module: 'Contacts', reason: expect.stringMatching(/\/crm\/v8\/Contacts/) },
    ]);
    expect(status.lastSyncedAt).not.toBeNull();
  });

  it('still stops the run when the whole API hangs after the organisation was read', async () => {
    // From the first request about Contacts on, nothing is answered: not one endpoint's fault.
    let hung = false;
    server.holdAnswer = (path) => {
      if (path.startsWith('/crm/v8/Contacts')) hung = true;
      return hung ? new Promise<void>(() => undefined) : null;
    };
    const error = await runSync(db, source()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmOutageError);
    expect(String(error)).toMatch(
      /Giving up after 2 attempts: .*did not answer within 2 s \(GET \/crm\/v8\//,
    );
  });

  it('says in Settings that the user may not read a module, not that the organisation lacks it', async () => {
    server.inject('no-permission', { path: /\/crm\/v8\/Deals/, times: 100 });
    const { syncing } = await syncOnce();
    const deals = syncing.at(-1)?.modules.find((m) => m.module === 'Deals');
    if (!deals) throw new Error('no Deals row in Settings’ progress');
    expect(deals).toMatchObject({ missing: true, forbidden: true });
  });
});
