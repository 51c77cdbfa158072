import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../src/main/core/workspace';
import { MemorySecretStore } from '../../src/main/secrets/secretStore';
import { buildOrganisation } from '../crm-server/crmFactories';
import { CrmTestServer } from '../crm-server/crmTestServer';
import { FAST_RETRY } from '../crm-server/syncHarness';
import { accountState } from '../fixtures/connectedWorkspace';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

const CREDENTIALS = { clientId: '1000.CID', clientSecret: 'secret-9', refreshToken: '1000.r' };

let dir: TempDir;
let server: CrmTestServer;
let ws: Workspace;

beforeAll(async () => {
  dir = makeTempDir();
  server = new CrmTestServer(buildOrganisation(12), CREDENTIALS);
  await server.start();
  server.grantCodes.add('1000.grant');
  ws = await openWorkspace({
    demoPath: dir.file('app.db'),
    secrets: new MemorySecretStore(),
    demoPeople: 40,
    accountsUrlOverride: server.url,
    retry: FAST_RETRY,
    scheduled: false,
  });
}, 60_000);
afterAll(async () => {
  await ws.close();
  await server.stop();
  dir.remove();
});

describe('a first sync that Zoho could not give one module', () => {
  it('still opens the CRM’s data, and Settings says which module is missing and why', async () => {
    server.inject('server-error', { path: /^\/crm\/v8\/Deals$/, times: 100_000 });
    const opened = accountState(ws, (a) => a.activeDataSet === 'crm', 30_000);
    const result = await ws.dispatch('connectCrm', {
      dataCentre: 'EU',
      clientId: CREDENTIALS.clientId,
      clientSecret: CREDENTIALS.clientSecret,
      grantCode: '1000.grant',
    });
    expect(result.ok).toBe(true);
    const account = await opened;
    expect(account.sync).toMatchObject({
      state: 'error',
      unread: [{ module: 'Deals', reason: expect.stringMatching(/answered 500/) }],
      lastError: expect.stringMatching(/^Zoho CRM's servers kept failing when asked for Deals/),
    });
    expect(account.sync.lastSyncedAt).not.toBeNull();
  });
});
