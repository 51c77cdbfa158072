import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmAccount, PersonDetail } from '../../src/shared/contract';
import { openWorkspace, type Workspace } from '../../src/main/core/workspace';
import { MemorySecretStore } from '../../src/main/secrets/secretStore';
import { buildOrganisation } from '../crm-server/crmFactories';
import { CrmTestServer } from '../crm-server/crmTestServer';
import { FAST_RETRY } from '../crm-server/syncHarness';
import { accountState, dispatchValue } from '../fixtures/connectedWorkspace';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// Settings' Retry of a record held back while signed out (a copy kept on a computer without a
// keychain, after a restart): no sync runner is there to relearn, so the core does. A lead whose
// copy kept here this version reads is stored with the calls that waited for her, and her best
// times are learned at once from them, not at the next sync or the nightly relearn.

const CLIENT = { clientId: '1000.HELDSIGNEDOUT', clientSecret: 'held-signed-out-secret' };

let dir: TempDir;
let server: CrmTestServer;
const secrets = new MemorySecretStore();
let ws: Workspace;
const call = <T>(method: string, input: unknown = {}): Promise<T> =>
  dispatchValue<T>(ws, method, input);
const open = (): Promise<Workspace> =>
  openWorkspace({
    demoPath: dir.file('app.db'),
    secrets,
    demoPeople: 20,
    accountsUrlOverride: server.url,
    retry: FAST_RETRY,
    scheduled: false,
  });

beforeAll(async () => {
  dir = makeTempDir();
  server = new CrmTestServer(buildOrganisation(12), { ...CLIENT, refreshToken: '1000.r' });
  await server.start();
  server.grantCodes.add('1000.grant');
  server.data.currentUserId =
    server.data.users.find((u) => u.profile.name !== 'Administrator')?.id ?? null;
  ws = await open();
}, 60_000);
afterAll(async () => {
  await ws.close();
  await server.stop();
  dir.remove();
});

describe('Retry of a record held back, signed out', () => {
  it('stores a lead this version reads from the copy kept, with her best times learned from the calls that waited for her', async () => {
    const owner = server.data.currentUserId;
    const lead = server.data.insert('Leads', {
      First_Name: 'Nora',
      Email: 'nora@signed-out.test',
      Owner: { id: owner },
    });
    for (const day of [1, 2, 3, 8, 9, 10])
      server.data.insert('Calls', {
        Subject: 'Call with Nora',
        Call_Type: 'Outbound',
        Call_Start_Time: new Date(Date.now() - day * 86_400_000).toISOString(),
        Call_Duration: '04:00',
        Owner: { id: owner },
        Who_Id: { id: lead.id, name: 'Nora' },
      });
    const synced = accountState(ws, (a) => a.sync.state === 'idle' && a.sync.lastSyncedAt !== null);
    await call('connectCrm', { dataCentre: 'EU', ...CLIENT, grantCode: '1000.grant' });
    const held = await synced;
    expect(held.heldBack.map((h) => h.recordId)).toContain(lead.id);
    expect(held.sync.quarantined).toBe(1 + 6);

    // Restarted on a computer without a keychain: the copy stays, the sign-in does not. The copy
    // of her kept here is one this version reads (as one an older version held back would be).
    await ws.close();
    await secrets.clear();
    const file = new Database(dir.file('app.crm.db'));
    try {
      file
        .prepare(
          "update quarantine set raw = json_set(raw, '$.Last_Name', 'Quist') where module = 'Leads' and record_id = ?",
        )
        .run(lead.id);
    } finally {
      file.close();
    }
    ws = await open();
    const signedOut = await call<CrmAccount>('getCrmAccount');
    expect(signedOut.crm).toBeNull();
    expect(signedOut.heldBack.map((h) => h.recordId)).toContain(lead.id);
    if (signedOut.activeDataSet !== 'crm') await call('useDataSet', { dataSet: 'crm' });

    const retried = await call<CrmAccount & { gone?: string }>('retryHeldBackRecord', {
      module: 'Leads',
      recordId: lead.id,
    });
    expect(retried.gone).toBeUndefined();
    expect(retried.heldBack).toEqual([]);
    const person = await call<PersonDetail>('getPerson', { id: lead.id });
    expect(person.person.lastName).toBe('Quist');
    // Learned from her own calls, which came in with her, before any sync.
    expect(person.windows.length).toBeGreaterThan(0);
    expect(person.windows.map((w) => w.reason).join(' ')).toContain('(6 calls)');
  });
});
