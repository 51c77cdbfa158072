import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmAccount, MethodOutputs, Session } from '../../src/shared/contract';
import { openWorkspace, type Workspace } from '../../src/main/core/workspace';
import { MemorySecretStore } from '../../src/main/secrets/secretStore';
import { buildOrganisation } from '../crm-server/crmFactories';
import { CrmTestServer } from '../crm-server/crmTestServer';
import { FAST_RETRY } from '../crm-server/syncHarness';
import { accountState, dispatchValue } from '../fixtures/connectedWorkspace';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// A sign-in to another organisation than the local copy's, while the copy holds work that never
// reached its own: the refusal says plan marks as Settings does ("made here" where the copy's
// organisation keeps them, "made only here" where it keeps none), and promises "Connect to … to
// send" only for what that organisation's syncs would send.

const CLIENT = { clientId: '1000.OTHERORG', clientSecret: 'other-org-secret' };
const TEST_ORG = { id: 'org1', company_name: 'Test Org' };

let dir: TempDir;
let server: CrmTestServer;
const secrets = new MemorySecretStore();
let ws: Workspace;
let grants = 0;
// The app's clock (its syncs' too), moved on past a booked time by a test.
let offset = 0;
const clock = (): number => Date.now() + offset;

const call = <T>(method: string, input: unknown = {}): Promise<T> =>
  dispatchValue<T>(ws, method, input);
const account = (): Promise<CrmAccount> => call<CrmAccount>('getCrmAccount');

const open = (): Promise<Workspace> =>
  openWorkspace({
    demoPath: dir.file('app.db'),
    secrets,
    demoPeople: 20,
    accountsUrlOverride: server.url,
    retry: FAST_RETRY,
    scheduled: false,
    clock,
  });

const grant = (): string => {
  const code = `1000.grant-${++grants}`;
  server.grantCodes.add(code);
  return code;
};

/** Connects to the server's organisation as it is now, waiting for the first sync to end. */
async function connect(): Promise<void> {
  const synced = accountState(ws, (a) => a.sync.state === 'idle' && a.sync.lastSyncedAt !== null);
  await call('connectCrm', { dataCentre: 'EU', ...CLIENT, grantCode: grant() });
  await synced;
}

/** The error a sign-in to another organisation meets; '' when it connects. */
async function otherOrganisationRefusal(): Promise<string> {
  server.data.org = { ...server.data.org, id: 'org-other', company_name: 'Other Org' };
  try {
    return await call('connectCrm', { dataCentre: 'EU', ...CLIENT, grantCode: grant() }).then(
      () => '',
      (error: Error) => error.message,
    );
  } finally {
    server.data.org = { ...server.data.org, ...TEST_ORG };
  }
}

/** Syncs now, and answers with the account once that sync is over. */
async function syncNow(): Promise<CrmAccount> {
  const before = (await account()).sync.lastSyncedAt;
  const over = accountState(
    ws,
    (a) => a.sync.state !== 'syncing' && a.sync.lastSyncedAt !== before,
  );
  const ask = setInterval(() => void ws.dispatch('syncNow', {}), 300);
  try {
    return await over;
  } finally {
    clearInterval(ask);
  }
}

/** Closes and opens the app as on a computer without a keychain: the copy stays, the sign-in not. */
async function restartWithoutKeychain(): Promise<void> {
  await ws.close();
  await secrets.clear();
  ws = await open();
}

/** A done mark on the rep's call row `daysAgo` days back (a past day the planner still shows). */
async function markDone(personId: string, daysAgo: number): Promise<void> {
  await call('markPlanRow', {
    personId,
    channel: 'call',
    date: DateTime.now().minus({ days: daysAgo }).toISODate(),
    action: 'done',
  });
}

let person = '';
/** The call windows the last two tests book in: `booking` the earlier, `later` the last. */
let booking: { personId: string; at: number } | null = null;
let later: { personId: string; at: number } | null = null;

beforeAll(async () => {
  dir = makeTempDir();
  server = new CrmTestServer(buildOrganisation(12), { ...CLIENT, refreshToken: '1000.r' });
  await server.start();
  server.data.currentUserId =
    server.data.users.find((u) => u.profile.name !== 'Administrator')?.id ?? null;
  ws = await open();
}, 60_000);
afterAll(async () => {
  await ws.close();
  await server.stop();
  dir.remove();
});

describe('signing in to another organisation than the local copy’s', () => {
  it('promises the plan marks to the copy’s organisation where it keeps them', async () => {
    server.data.table('CW_Plan_Marks'); // Test Org keeps plan marks
    await connect();
    const me = (await call<Session>('getSession')).currentUser;
    if (!me) throw new Error('no one signed in');
    const { rows } = await call<{ rows: { id: string }[] }>('listPeople', { ownerId: me.id });
    person = rows[0]?.id ?? '';
    if (!person) throw new Error('the rep owns no one');
    await markDone(person, 2);
    await restartWithoutKeychain();

    expect(await otherOrganisationRefusal()).toBe(
      'This sign-in is not Test Org, whose local copy holds 1 plan mark made here that never reached it. Connect to Test Org to send it, or tick "Discard" and connect again with a new grant code.',
    );
    // Nothing lost: the mark waits in the copy, still to be sent.
    expect((await account()).unsentWork).toMatchObject({ marks: 1, marksSent: true });
  }, 60_000);

  it('says marks its organisation keeps nowhere stay here, and promises no sync', async () => {
    // Test Org lets the module go: the sync reads that it keeps no plan marks.
    server.data.removeModule('CW_Plan_Marks');
    await connect();
    await markDone(person, 3);
    expect((await account()).unsentWork).toMatchObject({ marks: 2, marksSent: false });
    await restartWithoutKeychain();

    const refusal = await otherOrganisationRefusal();
    expect(refusal).toBe(
      'This sign-in is not Test Org, whose local copy holds 2 plan marks made only here that never reached it. No sync can send the 2 plan marks made only here: the CRM has no place to share plan marks (an admin adds the CW Plan Marks module once). They stay on this computer only, in the copy of Test Org, and "Discard" loses them. Connect to Test Org to keep them, or tick "Discard" and connect again with a new grant code.',
    );
    expect(refusal).not.toContain('to send');
    expect((await account()).unsentWork).toMatchObject({ marks: 2, marksSent: false });
  }, 60_000);

  it('beside a logged call, promises to send the call only, and discards all when told', async () => {
    await call('logCall', { personId: person, outcome: 'no_answer', durationMin: 0 });
    expect(await otherOrganisationRefusal()).toBe(
      'This sign-in is not Test Org, whose local copy holds 1 logged call and 2 plan marks made only here that never reached it. No sync can send the 2 plan marks made only here: the CRM has no place to share plan marks (an admin adds the CW Plan Marks module once). They stay on this computer only, in the copy of Test Org, and "Discard" loses them. Connect to Test Org to send the logged call and keep the rest, or tick "Discard" and connect again with a new grant code (all 3 are lost then).',
    );
    expect((await account()).unsentWork).toMatchObject({ calls: 1, marks: 2 });

    // Told to discard: the other organisation's copy starts empty.
    server.data.org = { ...server.data.org, id: 'org-other', company_name: 'Other Org' };
    const synced = accountState(ws, (a) => a.sync.state === 'idle' && a.sync.lastSyncedAt !== null);
    await call('connectCrm', {
      dataCentre: 'EU',
      ...CLIENT,
      grantCode: grant(),
      discardUnsent: true,
    });
    await synced;
    expect(await account()).toMatchObject({
      crm: { orgName: 'Other Org' },
      unsentWork: { calls: 0, marks: 0 },
    });
  }, 60_000);

  it('keeps what Zoho refused out of "Connect to … to send", offers a booking whose time passed Discard only, and changes nothing in the copy', async () => {
    // The copy is Test Org's again, with nothing unsent.
    await call('disconnectCrm', { discardUnsent: true });
    server.data.org = { ...server.data.org, ...TEST_ORG };
    await connect();
    const me = (await call<Session>('getSession')).currentUser;
    if (!me) throw new Error('no one signed in');
    const { rows } = await call<{ rows: { id: string }[] }>('listPeople', { ownerId: me.id });
    for (const { id } of rows) {
      const { windows } = await call<MethodOutputs['getBookingWindows']>('getBookingWindows', {
        personId: id,
      });
      // Not one under way: a booking at its start would be refused as passed already.
      const first = windows.find((w) => w.start > Date.now() + 15 * 60_000);
      const last = windows.at(-1);
      if (first && last && last !== first) {
        booking = { personId: id, at: first.start };
        later = { personId: id, at: last.start };
        break;
      }
    }
    if (!booking) throw new Error('the rep has no one with two call windows');
    // An administrator makes a field mandatory: Zoho refuses the logged call and the booking.
    server.data.requireField('Calls', 'Region');
    await call('logCall', { personId: booking.personId, outcome: 'no_answer', durationMin: 0 });
    const booked = await call<MethodOutputs['bookCall']>('bookCall', {
      ...booking,
      subject: 'Booking refused, then passed',
    });
    const synced = await syncNow();
    expect(synced.refusedCalls).toHaveLength(2);

    try {
      // The booked time goes by while the app is signed out.
      offset = booking.at - Date.now() + 5 * 60_000;
      await restartWithoutKeychain();
      const before = await account();
      expect(before.refusedCalls).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: booked.outboxId,
            booked: true,
            passed: true,
            reason: expect.stringContaining('Region'),
          }),
        ]),
      );
      expect(before.unsentWork).toMatchObject({ calls: 1, bookings: 1 });

      const refusal = await otherOrganisationRefusal();
      expect(refusal).toBe(
        'This sign-in is not Test Org, whose local copy holds 1 logged call and 1 call booked here that never reached it. Zoho refused the logged call: connecting to Test Org does not send it, but lists it in Settings › CRM account, to retry once what Zoho said is mended, or to discard. The call booked here whose time passed can never be sent: connecting to Test Org lists it there to discard, and you book again at a time to come. Connect to Test Org to keep them, or tick "Discard" and connect again with a new grant code (both are lost then).',
      );
      expect(refusal).not.toContain('to send');

      // Retry cannot send it: it is refused with why, and keeps the reason Zoho gave.
      await expect(call('retryRefusedCall', { id: booked.outboxId })).rejects.toThrow(
        'This call was booked for a time that has passed: it can never be sent. Discard it in Settings › CRM account, and book again at a time to come.',
      );
      // The copy of Test Org is as it was: the same work, refused for the same reasons.
      const after = await account();
      expect(after.refusedCalls).toEqual(before.refusedCalls);
      expect(after.unsentWork).toEqual(before.unsentWork);

      // Connecting to Test Org sends neither: both wait in the list, Zoho's reasons kept.
      await connect();
      const connected = await account();
      expect(connected.crm).toMatchObject({ orgName: 'Test Org' });
      expect(connected.refusedCalls).toEqual(before.refusedCalls);
      expect(
        [...server.data.table('Calls').values()].filter(
          (c) => c['Subject'] === 'Booking refused, then passed',
        ),
      ).toEqual([]);
    } finally {
      offset = 0;
      server.data.mandatoryFields.delete('Calls');
    }
  }, 90_000);

  it('does not promise to send a booking no sync tried before its time passed', async () => {
    if (!later) throw new Error('no later window');
    // The windows as they are now: the test before logged an unanswered call, synced and moved the
    // clock, so the last window it read may be gone from the list since (a CI run failed so).
    const { windows } = await call<MethodOutputs['getBookingWindows']>('getBookingWindows', {
      personId: later.personId,
    });
    const last = windows.at(-1);
    if (!last || last.start <= Date.now() + 15 * 60_000) throw new Error('no window to come');
    const target = { personId: later.personId, at: last.start };
    // Booked while signed in to Test Org; the app is closed before any sync, past its time.
    await call<MethodOutputs['bookCall']>('bookCall', {
      ...target,
      subject: 'Booking never tried',
    });
    try {
      offset = target.at - Date.now() + 5 * 60_000;
      await restartWithoutKeychain();
      const before = await account();
      expect(before.unsentWork).toMatchObject({ calls: 1, bookings: 2 });

      expect(await otherOrganisationRefusal()).toBe(
        'This sign-in is not Test Org, whose local copy holds 1 logged call and 2 calls booked here that never reached it. Zoho refused the logged call: connecting to Test Org does not send it, but lists it in Settings › CRM account, to retry once what Zoho said is mended, or to discard. The 2 calls booked here whose times passed can never be sent: connecting to Test Org lists them there, once its first sync has set the one not tried yet aside, to discard, and you book again at a time to come. Connect to Test Org to keep them, or tick "Discard" and connect again with a new grant code (all 3 are lost then).',
      );
      expect((await account()).unsentWork).toEqual(before.unsentWork);

      // Connected, its first sync does not send it late: it joins the list, to discard.
      await connect();
      const connected = await account();
      expect(connected.refusedCalls).toHaveLength(3);
      expect(connected.refusedCalls.filter((c) => c.passed === true)).toHaveLength(2);
      expect(
        [...server.data.table('Calls').values()].filter(
          (c) => c['Subject'] === 'Booking never tried',
        ),
      ).toEqual([]);
    } finally {
      offset = 0;
    }
  }, 90_000);
});
