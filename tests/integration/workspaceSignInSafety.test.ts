import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmAccount, Session } from '../../src/shared/contract';
import { openWorkspace, type Workspace } from '../../src/main/core/workspace';
import { MemorySecretStore } from '../../src/main/secrets/secretStore';
import { buildOrganisation } from '../crm-server/crmFactories';
import { CrmTestServer } from '../crm-server/crmTestServer';
import { FAST_RETRY, startServer, syncDb, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { dispatchValue } from '../fixtures/connectedWorkspace';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

const CREDENTIALS = {
  clientId: '1000.STARTPROBLEMS',
  clientSecret: 'start-problems-secret',
  refreshToken: '1000.start-problems-refresh',
};

/** What Settings › CRM account submits, with the grant code the test server accepts. */
const SIGN_IN = {
  dataCentre: 'EU',
  clientId: CREDENTIALS.clientId,
  clientSecret: CREDENTIALS.clientSecret,
  grantCode: '1000.start-grant',
};

let dir: TempDir;
let server: CrmTestServer;
let secrets: MemorySecretStore;
const opened: Workspace[] = [];

const open = async (): Promise<Workspace> => {
  const ws = await openWorkspace({
    demoPath: dir.file('app.db'),
    secrets,
    demoPeople: 40,
    demoLive: false,
    accountsUrlOverride: server.url,
    retry: FAST_RETRY,
    scheduled: false,
  });
  opened.push(ws);
  return ws;
};

const call = dispatchValue;

/** Signs in as Settings does and waits until the first sync has opened the CRM's data. */
async function signInAndWait(ws: Workspace): Promise<void> {
  const shown = new Promise<void>((resolve) => {
    const off = ws.on('crm-account', (a) => {
      if (a.activeDataSet !== 'crm') return;
      off();
      resolve();
    });
  });
  await call(ws, 'connectCrm', SIGN_IN);
  await shown;
}

/** A CRM copy synced by an earlier run of the app, closed as on quitting. */
async function connectAndSync(): Promise<void> {
  const ws = await open();
  await signInAndWait(ws);
  await ws.close();
  opened.pop();
}

beforeEach(async () => {
  dir = makeTempDir('cw-start-problems-');
  secrets = new MemorySecretStore();
  server = new CrmTestServer(buildOrganisation(7), CREDENTIALS);
  await server.start();
  server.grantCodes.add(SIGN_IN.grantCode);
});
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close();
  await server.stop();
  dir.remove();
});

describe('the app starts whatever state the CRM copy or the kept sign-in is in', () => {
  it('opens on the demo when the CRM copy cannot be opened, and Settings says why and where', async () => {
    await connectAndSync();
    const crmPath = dir.file('app.crm.db');
    // Not a database any more (a copy half-restored, a file of another program's).
    writeFileSync(
      crmPath,
      'this is not an SQLite database, and long enough to be read as one'.repeat(20),
    );
    const before = readFileSync(crmPath);

    // Before, the workspace threw and the whole app quit with "cannot open its database".
    const ws = await open();
    expect((await call<Session>(ws, 'getSession')).org.isDemo).toBe(true);
    const account = await call<CrmAccount>(ws, 'getCrmAccount');
    expect(account.activeDataSet).toBe('demo');
    expect(account.sync.state).toBe('error');
    expect(account.sync.lastError).toContain(`Cannot open the database at ${crmPath}`);
    expect(account.sync.lastError).toContain('The demo organisation is shown meanwhile.');
    await expect(call(ws, 'syncNow')).rejects.toThrow(`Cannot open the database at ${crmPath}`);
    // The demo's people are there to work with.
    const people = await call<{ rows: unknown[] }>(ws, 'listPeople', {});
    expect(people.rows.length).toBeGreaterThan(0);
    expect(readFileSync(crmPath).equals(before)).toBe(true);

    // The way out, from Settings: signing out moves the file aside whole, and a new sign-in
    // syncs a fresh copy. Before, signing out left it there and every connect failed on it.
    expect(account.sync.lastError).toContain('Signing out moves the file aside');
    await call(ws, 'disconnectCrm', { discardUnsent: false });
    const aside = readdirSync(dir.path).filter((f) => f.startsWith('app.crm.db.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(dir.file(aside[0] ?? '')).equals(before)).toBe(true);
    expect(existsSync(crmPath)).toBe(false);
    expect((await call<CrmAccount>(ws, 'getCrmAccount')).sync.lastError).toBeNull();
    server.grantCodes.add(SIGN_IN.grantCode);
    await signInAndWait(ws);
    expect((await call<Session>(ws, 'getSession')).org.isDemo).toBe(false);
  });

  it('connecting again while the copy could not be opened says so, and that signing out moves it aside', async () => {
    await connectAndSync();
    const crmPath = dir.file('app.crm.db');
    writeFileSync(crmPath, 'not a database '.repeat(100));
    const before = readFileSync(crmPath);
    const ws = await open();
    server.grantCodes.add('1000.again-grant');
    // Before, it said "No CRM is connected" to a user Settings shows as signed in.
    const refusal = call(ws, 'reconnectCrm', { grantCode: '1000.again-grant' });
    await expect(refusal).rejects.toThrow("This computer's copy of the CRM could not be opened");
    await expect(refusal).rejects.toThrow('Signing out moves the file aside');
    await expect(refusal).rejects.not.toThrow('No CRM is connected');
    // Nothing was moved or replaced: the way out is still the user's to take.
    expect(readFileSync(crmPath).equals(before)).toBe(true);
    expect((await call<CrmAccount>(ws, 'getCrmAccount')).crm).toMatchObject({ provider: 'zoho' });
  });

  it('without a kept sign-in, connecting moves the copy that cannot be opened aside and syncs afresh', async () => {
    // The browser version keeps no sign-in across restarts: this is every restart there.
    const crmPath = dir.file('app.crm.db');
    writeFileSync(crmPath, 'not a database '.repeat(100));
    const ws = await open();
    const account = await call<CrmAccount>(ws, 'getCrmAccount');
    expect(account.crm).toBeNull();
    expect(account.sync.lastError).toContain(`Cannot open the database at ${crmPath}`);
    expect(account.sync.lastError).toContain('Connecting moves the file aside');
    const connected = await call<CrmAccount>(ws, 'connectCrm', SIGN_IN);
    expect(connected.crm).toMatchObject({ provider: 'zoho' });
    expect(
      readdirSync(dir.path).filter((f) => f.startsWith('app.crm.db.unreadable-')),
    ).toHaveLength(1);
  });

  it('says a kept sign-in that cannot be read needs connecting again, and connecting again works', async () => {
    await secrets.write('{"provider": "zoho", "refreshTo');
    const ws = await open();
    const account = await call<CrmAccount>(ws, 'getCrmAccount');
    expect(account.crm).toBeNull();
    expect(account.sync.lastError).toBe(
      'The CRM sign-in kept on this computer could not be read: connect again in Settings › CRM account.',
    );
    const connected = await call<CrmAccount>(ws, 'connectCrm', SIGN_IN);
    expect(connected.crm).toMatchObject({ provider: 'zoho' });
    expect(connected.sync.lastError).toBeNull();
  });
});

describe('an accounts server that names another API address', () => {
  it('keeps no sign-in when the API address is not a Zoho server, and sends it nothing', async () => {
    // Whoever answers the sign-in would otherwise choose who gets every later access token.
    server.apiDomainOverride = 'http://192.0.2.7:8080';
    const ws = await open();
    await expect(call(ws, 'connectCrm', SIGN_IN)).rejects.toThrow(
      `The accounts server at ${server.url} named http://192.0.2.7:8080 as the CRM's API address, which is not a Zoho API server: nothing was sent there; the sign-in was not kept`,
    );
    expect(await secrets.read()).toBeNull();
    expect((await call<CrmAccount>(ws, 'getCrmAccount')).crm).toBeNull();
  });
  it('stops a sync whose token refresh names an API address that is not Zoho, before any request goes there', async () => {
    const db = await syncDb(dir.file('refresh.db'));
    const zoho = await startServer(buildOrganisation(3));
    zoho.apiDomainOverride = 'http://192.0.2.7:8080';
    try {
      await expect(runSync(db, zohoSourceFor(zoho))).rejects.toThrow(
        `The accounts server at ${zoho.url} named http://192.0.2.7:8080 as the CRM's API address, which is not a Zoho API server: nothing was sent there`,
      );
      expect(zoho.requests.filter((r) => r.path.startsWith('/crm/'))).toEqual([]);
    } finally {
      await zoho.stop();
      await db.close();
    }
  });
});
