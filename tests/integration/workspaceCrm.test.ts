import { DateTime } from 'luxon';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmAccount, Session } from '../../src/shared/contract';
import { openWorkspace, type Workspace } from '../../src/main/core/workspace';
import { MemorySecretStore } from '../../src/main/secrets/secretStore';
import { buildOrganisation } from '../crm-server/crmFactories';
import { CrmTestServer } from '../crm-server/crmTestServer';
import { FAST_RETRY } from '../crm-server/syncHarness';
import { accountState, dispatchValue } from '../fixtures/connectedWorkspace';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

const CREDENTIALS = {
  clientId: '1000.CLIENTIDXYZ',
  clientSecret: 'client-secret-4f9a',
  refreshToken: '1000.refresh-token-77c1',
};

const CLIENT = { clientId: CREDENTIALS.clientId, clientSecret: CREDENTIALS.clientSecret };

let dir: TempDir;
let server: CrmTestServer;
const secrets = new MemorySecretStore();
let ws: Workspace;

const call = <T>(method: string, input: unknown = {}): Promise<T> =>
  dispatchValue<T>(ws, method, input);

/** Someone the signed-in user owns: only the owner marks a row or logs a call (TM-1). */
async function ownPerson(): Promise<{ id: string; ownerId: string } | undefined> {
  const me = (await call<Session>('getSession')).currentUser;
  if (!me) throw new Error('no one signed in');
  const { rows } = await call<{ rows: { id: string }[] }>('listPeople', { ownerId: me.id });
  return rows[0] && { id: rows[0].id, ownerId: me.id };
}

/** Resolves with the first account state the workspace announces that passes `test`. */
const until = (test: (a: CrmAccount) => boolean): Promise<CrmAccount> => accountState(ws, test);

const open = (): Promise<Workspace> =>
  openWorkspace({
    demoPath: dir.file('app.db'),
    secrets,
    demoPeople: 60,
    accountsUrlOverride: server.url,
    retry: FAST_RETRY,
    scheduled: false,
  });

beforeAll(async () => {
  dir = makeTempDir();
  server = new CrmTestServer(buildOrganisation(11), CREDENTIALS);
  await server.start();
  server.grantCodes.add('1000.grant-one');
  // The sign-in is the organisation's admin (listed last), not the first rep the app would pick.
  server.data.currentUserId = server.data.users.at(-1)?.id ?? null;
  ws = await open();
  // Writing the demo organisation beside the CRM takes seconds on a busy machine.
}, 60_000);
afterAll(async () => {
  await ws.close();
  await server.stop();
  dir.remove();
});

describe('connecting a Zoho CRM account beside the demo organisation', () => {
  it('starts on the demo organisation with no CRM connected', async () => {
    const account = await call<CrmAccount>('getCrmAccount');
    expect(account).toMatchObject({ activeDataSet: 'demo', crm: null, unsentCalls: 0 });
    expect((await call<Session>('getSession')).org.isDemo).toBe(true);
  });

  it('refuses a wrong grant code with advice, and stores nothing', async () => {
    await expect(
      call('connectCrm', { dataCentre: 'EU', ...CLIENT, grantCode: '1000.expired' }),
    ).rejects.toThrow(/refused the grant code \(invalid_code\).*generate a new one/);
    await expect(
      call('connectCrm', {
        dataCentre: 'EU',
        ...CLIENT,
        clientSecret: 'wrong',
        grantCode: '1000.grant-one',
      }),
    ).rejects.toThrow(/invalid_client/);
    expect(await secrets.read()).toBeNull();
    expect(existsSync(dir.file('app.crm.db'))).toBe(false);
    await expect(call('connectCrm', { dataCentre: 'XX' })).rejects.toThrow(/dataCentre/);
  });

  it('connects, syncs everything with progress, then opens the CRM data', async () => {
    const seen: CrmAccount[] = [];
    const off = ws.on('crm-account', (a) => seen.push(a));
    const done = until((a) => a.activeDataSet === 'crm');
    const connected = await call<CrmAccount>('connectCrm', {
      dataCentre: 'EU',
      ...CLIENT,
      grantCode: '1000.grant-one',
    });
    expect(connected.crm).toMatchObject({ provider: 'zoho', dataCentre: 'EU' });
    const account = await done;
    off();
    expect(account.sync).toMatchObject({ state: 'idle', lastError: null, first: false });
    expect(account.sync.lastSyncedAt).not.toBeNull();
    expect(account.crm?.orgName).toBeTruthy();
    // Progress came per module while it ran.
    const syncing = seen.filter((a) => a.sync.state === 'syncing');
    expect(syncing.length).toBeGreaterThan(0);
    expect(syncing.at(-1)?.sync.modules.map((m) => m.module)).toContain('Contacts');
    // Bars fill toward Zoho's record counts, and an estimate follows from the pace so far.
    const contactsTotal = syncing
      .flatMap((a) => a.sync.modules)
      .find((m) => m.module === 'Contacts' && m.total !== null)?.total;
    expect(contactsTotal).toBe(server.data.table('Contacts').size);
    expect(syncing.some((a) => a.sync.etaMs !== null)).toBe(true);
    expect(server.requests.some((r) => r.path === '/crm/v8/Leads/actions/count')).toBe(true);
    const session = await call<Session>('getSession');
    expect(session.org).toMatchObject({ source: 'zoho', isDemo: false });
    expect(session.currentUser?.id).toBe(server.data.currentUserId);
    expect(session.lastSyncedAt).toBe(account.sync.lastSyncedAt);
    const people = await call<{ total: number }>('listPeople', {});
    expect(people.total).toBe(server.data.table('Contacts').size + server.data.table('Leads').size);
  });

  it('keeps the sign-in out of the database: only the secret store holds it', async () => {
    await ws.close();
    const bytes = readFileSync(dir.file('app.crm.db')).toString('latin1');
    for (const secret of [CREDENTIALS.clientSecret, CREDENTIALS.refreshToken])
      expect(bytes.includes(secret)).toBe(false);
    expect(await secrets.read()).toContain(CREDENTIALS.refreshToken);
    ws = await open(); // as after a restart with the keychain holding the sign-in
    const account = await call<CrmAccount>('getCrmAccount');
    expect(account).toMatchObject({ activeDataSet: 'crm', crm: { dataCentre: 'EU' } });
  });

  it('keeps logged calls in the outbox until a sync pushes them, and will not sign out past them', async () => {
    const person = await ownPerson();
    if (!person) throw new Error('no people synced');
    const { activityId } = await call<{ activityId: string }>('logCall', {
      personId: person.id,
      outcome: 'voicemail',
      durationMin: 1,
      note: 'Asked for a call back on Thursday',
    });
    expect((await call<CrmAccount>('getCrmAccount')).unsentCalls).toBe(1);
    await expect(call('disconnectCrm', {})).rejects.toThrow(/1 logged call has not reached/);
    const pushed = until((a) => a.sync.state === 'idle' && a.unsentCalls === 0);
    await call('syncNow');
    await pushed;
    const pushedCall = [...server.data.table('Calls').values()].find(
      (c) => c['CW_Idempotency_Key'] === activityId,
    );
    expect(pushedCall).toMatchObject({
      Subject: 'Call: left a voicemail',
      Description: 'Asked for a call back on Thursday',
      Call_Type: 'Outbound',
    });
  });

  it('goes offline without losing data when the CRM cannot be reached', async () => {
    const before = (await call<{ total: number }>('listPeople', {})).total;
    await server.stop();
    const offline = until((a) => a.sync.state === 'offline');
    await call('syncNow');
    const account = await offline;
    expect(account.sync.lastError).toMatch(
      /^Zoho CRM could not be reached from this computer: .*Nothing stored on this computer is lost\. Check the connection, then sync again/,
    );
    expect((await call<{ total: number }>('listPeople', {})).total).toBe(before);
    const planner = await call<{ rows: unknown[] }>('getPlanner', {});
    expect(planner.rows.length).toBeGreaterThan(0);
    // The network returns: the next run catches up with what changed meanwhile.
    await server.start(Number(new URL(server.url).port));
    const contact = [...server.data.table('Contacts').values()][0];
    if (!contact) throw new Error('no contacts on the server');
    server.data.modify('Contacts', contact.id, { Last_Name: 'Renamed-While-Offline' });
    const back = until((a) => a.sync.state === 'idle');
    await call('syncNow');
    expect((await back).sync.lastError).toBeNull();
    const person = await call<{ person: { lastName: string } }>('getPerson', { id: contact.id });
    expect(person.person.lastName).toBe('Renamed-While-Offline');
  });

  it('switches between the labelled demo data and the CRM data', async () => {
    await call('useDataSet', { dataSet: 'demo' });
    expect((await call<Session>('getSession')).org.isDemo).toBe(true);
    await call('useDataSet', { dataSet: 'crm' });
    expect((await call<Session>('getSession')).org.isDemo).toBe(false);
  });

  it('signs out: the tokens and the local CRM copy are gone, the demo stays', async () => {
    const account = await call<CrmAccount>('disconnectCrm', {});
    expect(account).toMatchObject({ activeDataSet: 'demo', crm: null });
    expect(await secrets.read()).toBeNull();
    expect(existsSync(dir.file('app.crm.db'))).toBe(false);
    expect((await call<Session>('getSession')).org.isDemo).toBe(true);
    await expect(call('useDataSet', { dataSet: 'crm' })).rejects.toThrow(/No CRM is connected/);
  });
});

describe('signing in again to a CRM copy kept without its sign-in', () => {
  const planMarks = (): number => {
    const db = new Database(dir.file('app.crm.db'), { readonly: true });
    try {
      return db.prepare('select count(*) from plan_actions').pluck().get() as number;
    } finally {
      db.close();
    }
  };
  /** Closes and opens the app as on a computer without a keychain: the copy stays, the sign-in not. */
  const restartWithoutKeychain = async (): Promise<void> => {
    await ws.close();
    await secrets.clear();
    ws = await open();
  };
  const connect = async (grantCode: string, discardUnsent = false): Promise<void> => {
    server.grantCodes.add(grantCode);
    const synced = until((a) => a.sync.state === 'idle' && a.sync.lastSyncedAt !== null);
    await call('connectCrm', { dataCentre: 'EU', ...CLIENT, grantCode, discardUnsent });
    await synced;
  };

  it('keeps the copy for the same organisation, and starts afresh for another one', async () => {
    await connect('1000.grant-two');
    const person = await ownPerson();
    if (!person) throw new Error('no people synced');
    await call('markPlanRow', {
      personId: person.id,
      channel: 'call',
      // A past day the planner still shows, whatever the rep's zone.
      date: DateTime.now().minus({ days: 2 }).toISODate(),
      action: 'done',
    });

    await restartWithoutKeychain();
    expect((await call<CrmAccount>('getCrmAccount')).crm).toBeNull();
    // Someone else signs in this time: the app opens on their plan.
    const colleague = server.data.users[0]?.id ?? null;
    expect(colleague).not.toBe(server.data.currentUserId);
    server.data.currentUserId = colleague;
    await connect('1000.grant-three');
    expect((await call<Session>('getSession')).currentUser?.id).toBe(colleague);
    await ws.close();
    expect(planMarks()).toBe(1);

    ws = await open();
    await restartWithoutKeychain();
    // A call logged in the copy while signed out cannot reach another organisation. The
    // colleague, a manager, owns no one: the person's owner logs it.
    await call('setCurrentUser', { userId: person.ownerId });
    await call('logCall', { personId: person.id, outcome: 'no_answer', durationMin: 0 });
    server.data.org = { ...server.data.org, id: 'org-other', company_name: 'Other Org' };
    server.grantCodes.add('1000.grant-four');
    const revokedBefore = server.requests.filter((r) =>
      r.path.startsWith('/oauth/v2/token/revoke'),
    ).length;
    await expect(
      call('connectCrm', { dataCentre: 'EU', ...CLIENT, grantCode: '1000.grant-four' }),
    ).rejects.toThrow(/This sign-in is not Test Org, whose local copy holds 1 logged call/);
    expect(server.requests.filter((r) => r.path.startsWith('/oauth/v2/token/revoke')).length).toBe(
      revokedBefore + 1,
    );
    expect((await call<CrmAccount>('getCrmAccount')).unsentCalls).toBe(1);
    await connect('1000.grant-five', true);
    const account = await call<CrmAccount>('getCrmAccount');
    expect(account).toMatchObject({ activeDataSet: 'crm', crm: { orgName: 'Other Org' } });
    expect((await call<Session>('getSession')).currentUser?.id).toBe(server.data.currentUserId);
    await ws.close();
    expect(planMarks()).toBe(0);
    ws = await open();
  });

  it('keeps a rep signed in as themselves: only an administrator may use the app as someone else', async () => {
    await restartWithoutKeychain();
    const rep = server.data.users.find((u) => u.profile.name !== 'Administrator');
    const admin = server.data.users.find((u) => u.profile.name === 'Administrator');
    if (!rep || !admin) throw new Error('the test organisation has a rep and an admin');
    server.data.currentUserId = rep.id;
    await connect('1000.grant-six');
    const session = await call<Session>('getSession');
    expect(session).toMatchObject({ currentUser: { id: rep.id }, mayChooseUser: false });
    await expect(call('setCurrentUser', { userId: admin.id })).rejects.toThrow(
      `Signed in as ${rep.full_name}: only an administrator may use the app as someone else.`,
    );
    expect((await call<Session>('getSession')).currentUser?.id).toBe(rep.id);
    // The administrator may look at the app as anyone.
    await restartWithoutKeychain();
    server.data.currentUserId = admin.id;
    await connect('1000.grant-seven');
    expect((await call<Session>('getSession')).mayChooseUser).toBe(true);
    await call('setCurrentUser', { userId: rep.id });
    expect((await call<Session>('getSession')).currentUser?.id).toBe(rep.id);
    // After the administrator, the rep again, and the sync cannot reach Zoho's /org: the
    // sign-in itself says whose it is, not the last sync.
    await restartWithoutKeychain();
    server.data.currentUserId = rep.id;
    server.inject('server-error', { path: /\/crm\/v8\/org$/, skip: 1, times: 50 });
    server.grantCodes.add('1000.grant-eight');
    await call('connectCrm', { dataCentre: 'EU', ...CLIENT, grantCode: '1000.grant-eight' });
    expect(await call<Session>('getSession')).toMatchObject({
      currentUser: { id: rep.id },
      mayChooseUser: false,
    });
    await expect(call('setCurrentUser', { userId: admin.id })).rejects.toThrow(
      /only an administrator may use the app as someone else/,
    );
    server.clearFaults();
    // The rule rests on Zoho's answer of who signed in: one of another shape refuses the sign-in.
    await restartWithoutKeychain();
    server.inject('wrong-shape', { path: /\/crm\/v8\/users$/, query: /type=CurrentUser/ });
    server.grantCodes.add('1000.grant-nine');
    await expect(
      call('connectCrm', { dataCentre: 'EU', ...CLIENT, grantCode: '1000.grant-nine' }),
    ).rejects.toThrow(/Zoho answered the current user without a list of users/);
    server.clearFaults();
  });
});

describe('connecting again while signed in (an expired or revoked sign-in, a scope to add)', () => {
  const restartWithoutKeychain = async (): Promise<void> => {
    await ws.close();
    await secrets.clear();
    ws = await open();
  };
  const revokes = (token: string): number =>
    server.requests.filter(
      (r) =>
        r.path.startsWith('/oauth/v2/token/revoke') &&
        new URL(r.path, server.url).searchParams.get('token') === token,
    ).length;

  it('keeps the local copy, its saved plans and marks, and syncs on with the new sign-in', async () => {
    await restartWithoutKeychain();
    server.grantCodes.add('1000.grant-ten');
    let synced = until((a) => a.sync.state === 'idle' && a.sync.lastSyncedAt !== null);
    await call('connectCrm', { dataCentre: 'EU', ...CLIENT, grantCode: '1000.grant-ten' });
    await synced;
    const person = await ownPerson();
    if (!person) throw new Error('no people synced');
    await call('markPlanRow', {
      personId: person.id,
      channel: 'call',
      date: DateTime.now().minus({ days: 1 }).toISODate(),
      action: 'done',
    });
    const people = (await call<{ total: number }>('listPeople', {})).total;

    // Zoho revokes the refresh token: the sync says what to do, and that the copy stays.
    server.refreshTokenRevoked = true;
    server.inject('invalid-token', { path: /\/crm\/v8\//, times: 1 });
    const failed = until((a) => a.sync.state === 'error');
    await call('syncNow');
    expect((await failed).sync.lastError).toMatch(
      /refresh token is expired or revoked.*\. Connect again with a new grant code: this computer's copy of the CRM is kept\.$/,
    );

    // A grant code Zoho refuses changes nothing.
    await expect(call('reconnectCrm', { grantCode: '1000.never-issued' })).rejects.toThrow(
      /invalid_code|grant code/i,
    );
    expect((await call<CrmAccount>('getCrmAccount')).crm).toMatchObject({ dataCentre: 'EU' });

    // A grant code of another organisation is refused, and its sign-in revoked at Zoho.
    const ours = server.data.org;
    server.data.org = { ...ours, id: 'org-elsewhere', company_name: 'Elsewhere Ltd' };
    server.grantCodes.add('1000.grant-eleven');
    await expect(call('reconnectCrm', { grantCode: '1000.grant-eleven' })).rejects.toThrow(
      `This grant code signs in to another organisation than ${ours.company_name}: to connect another, sign out first`,
    );
    expect(revokes(`${CREDENTIALS.refreshToken}-renewed-1`)).toBe(1);
    server.data.org = ours;

    // What Zoho refused or hid from the last sign-in (the deleted notes, a visitor's lead) is
    // remembered so the syncs do not ask each run; the new sign-in may hold the scope, or see more.
    const kept = new Database(dir.file('app.crm.db'));
    kept
      .prepare('insert or replace into settings (key, value) values (?, ?), (?, ?)')
      .run(
        'chat_transcripts_deleted_forbidden',
        String(Date.now()),
        'visitors_not_shown',
        JSON.stringify({ '5000000999': Date.now() }),
      );
    kept.close();

    // The right one: the client kept is used, the copy stays, the sync runs again at once.
    server.grantCodes.add('1000.grant-twelve');
    synced = until((a) => a.sync.state === 'idle' && a.sync.lastError === null);
    const account = await call<CrmAccount>('reconnectCrm', { grantCode: '1000.grant-twelve' });
    expect(account.crm).toMatchObject({ dataCentre: 'EU', orgName: ours.company_name });
    expect((await synced).sync.lastSyncedAt).not.toBeNull();
    expect(await secrets.read()).toContain(`${CREDENTIALS.refreshToken}-renewed-2`);
    expect(revokes(CREDENTIALS.refreshToken)).toBeGreaterThan(0);
    expect((await call<{ total: number }>('listPeople', {})).total).toBe(people);
    expect(await call<CrmAccount>('getCrmAccount')).toMatchObject({ activeDataSet: 'crm' });
    await ws.close();
    const db = new Database(dir.file('app.crm.db'), { readonly: true });
    try {
      expect(
        db.prepare("select count(*) from plan_actions where action = 'done'").pluck().get(),
      ).toBe(1);
      expect(
        db
          .prepare(
            "select key from settings where key in ('chat_transcripts_deleted_forbidden', 'visitors_not_shown')",
          )
          .pluck()
          .all(),
      ).toEqual([]);
    } finally {
      db.close();
    }
    ws = await open();
    server.refreshTokenRevoked = false;
  });

  it('is refused with no CRM connected', async () => {
    await restartWithoutKeychain();
    server.grantCodes.add('1000.grant-thirteen');
    await expect(call('reconnectCrm', { grantCode: '1000.grant-thirteen' })).rejects.toThrow(
      'No CRM is connected: connect one in Settings › CRM account.',
    );
  });
});
