import { describe, expect, it } from 'vitest';
import type { TempDir } from '../fixtures/tempDb';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { listHeldBack, retryHeldBackFromCrm } from '../../src/main/core/heldBackRecords';
import { countQuarantined } from '../../src/main/db/repos/quarantine';
import { transaction } from '../../src/main/db/sqlRun';
import { LocalStore } from '../../src/main/sync/localStore';

// A lead Retry let go of because Zoho answered 204 may only be no longer shared with the rep:
// the calls that waited for her are kept out of sight (not listed, not counted), and so is one a
// sync reads later naming her, and they are all stored once Zoho shares her again. (Zoho would
// not list those calls again: their Modified_Time did not change.)

let server: CrmTestServer;
let db: Db;
// eslint-disable-next-line @typescript-eslint/no-unused-vars
let dir: TempDir;

eachTestSyncEnv(
  'cw-held-back-let-go-',
  () => buildOrganisation(75, { leads: 3, contacts: 3, callsPerPerson: 1, visits: 1 }),
  (env) => {
    ({ server, db, dir } = env);
  },
);

const clock = () => server.data.clock;
const sync = () => runSync(db, zohoSourceFor(server), { now: clock });
const heldIds = () => listHeldBack(db, 50).map((h) => `${h.module} ${h.recordId}`);
const callsOf = (personId: string): string[] =>
  rawHandle(db)
    .prepare(
      "select id from activities where person_id = ? and source_module = 'Calls' order by id",
    )
    .pluck()
    .all(personId) as string[];
const owner = () => server.data.users[1]?.id;

/** A lead Zoho sends without its Last_Name, with `calls` calls that wait for her, synced. */
async function heldLeadWithCalls(calls: number): Promise<{ leadId: string; callIds: string[] }> {
  const lead = server.data.insert('Leads', {
    First_Name: 'Nora',
    Email: 'nora@gone.test',
    Owner: { id: owner() },
  });
  const callIds = Array.from(
    { length: calls },
    (_, i) =>
      server.data.insert('Calls', {
        Subject: `Call ${i + 1} with Nora`,
        Call_Type: 'Outbound',
        Call_Start_Time: new Date(clock() - (i + 1) * 86_400_000).toISOString(),
        Call_Duration: '04:00',
        Owner: { id: owner() },
        Who_Id: { id: lead.id, name: 'Nora' },
      }).id,
  );
  await sync();
  expect(heldIds().sort()).toEqual(
    [`Leads ${lead.id}`, ...callIds.map((id) => `Calls ${id}`)].sort(),
  );
  return { leadId: lead.id, callIds };
}

/** Zoho shares her again, mended (with her Last_Name), and a sync runs. */
async function shareAgain(leadId: string): Promise<void> {
  server.data.insert('Leads', {
    id: leadId,
    First_Name: 'Nora',
    Last_Name: 'Quist',
    Owner: { id: owner() },
  });
  await sync();
}

describe('calls waiting for a lead Zoho no longer shows', () => {
  it('are kept unlisted, and stored with her once Zoho shares her again', async () => {
    const { leadId, callIds } = await heldLeadWithCalls(2);
    server.data.unshare('Leads', leadId);
    const retried = await retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', leadId, clock);
    expect(retried.gone).toContain(
      'The 2 calls that waited for it are kept on this computer, out of this list, and are stored should Zoho show it to you again.',
    );
    expect(heldIds()).toEqual([]);
    expect(countQuarantined(db)).toBe(0);
    // Logged in Zoho with her while she is not shared: the sync holds it back the same way.
    const later = server.data.insert('Calls', {
      Subject: 'Call while unshared',
      Call_Type: 'Outbound',
      Call_Start_Time: new Date(clock() - 3_600_000).toISOString(),
      Call_Duration: '03:00',
      Owner: { id: owner() },
      Who_Id: { id: leadId, name: 'Nora' },
    }).id;
    await sync();
    expect(heldIds()).toEqual([]);
    expect(countQuarantined(db)).toBe(0);

    await shareAgain(leadId);
    expect(callsOf(leadId)).toEqual([...callIds, later].sort());
    expect(heldIds()).toEqual([]);
  });

  it('a sync already running when Retry let her go holds her call the same unlisted way', async () => {
    const { leadId, callIds } = await heldLeadWithCalls(2);
    server.data.unshare('Leads', leadId);
    const running = new LocalStore(db, clock()); // the running sync's, made before Retry
    await retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', leadId, clock);
    const call = await zohoSourceFor(server).pullOne('Calls', callIds[0] ?? '');
    if (!call) throw new Error('Zoho should still show the call');
    transaction(db, () => running.store('Calls', call, clock()));
    await sync();
    expect(heldIds()).toEqual([]);
    expect(countQuarantined(db)).toBe(0);

    await shareAgain(leadId);
    expect(callsOf(leadId)).toEqual([...callIds].sort());
  });

  it('Retry on her call, mended, does not say it was stored: it leaves the list with a note', async () => {
    const { leadId } = await heldLeadWithCalls(1);
    const bad = server.data.insert('Calls', {
      Subject: 'Broken call',
      Call_Type: 'Outbound',
      Call_Start_Time: 'not a time',
      Call_Duration: '03:00',
      Owner: { id: owner() },
      Who_Id: { id: leadId, name: 'Nora' },
    }).id;
    await sync();
    server.data.unshare('Leads', leadId);
    await retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', leadId, clock);
    // Unreadable, it does not wait for her: the rep still sees it, and can mend it.
    expect(heldIds()).toEqual([`Calls ${bad}`]);
    server.data.modify('Calls', bad, {
      Call_Start_Time: new Date(clock() - 7_200_000).toISOString(),
    });
    const retried = await retryHeldBackFromCrm(db, zohoSourceFor(server), 'Calls', bad, clock);
    expect(retried).toEqual({
      stored: false,
      changed: false,
      gone: `Zoho no longer shows you the lead or contact of “Broken call” (Calls ${bad}), so it is held back no longer: it is kept on this computer, out of this list, and stored should Zoho show them to you again.`,
    });
    expect(heldIds()).toEqual([]);

    await shareAgain(leadId);
    expect(callsOf(leadId)).toContain(bad);
  });
});

describe('a lead Retry finds converted', () => {
  it('counts in its note only the calls that waited for the lead, not others stored with the contact', async () => {
    const { leadId } = await heldLeadWithCalls(1);
    const contact = server.data.convertLead(leadId);
    server.data.modify('Contacts', contact.id, { Last_Name: 'Quist' });
    // A sync read a call of the contact's before the contact: it waits for the contact itself.
    const own = server.data.insert('Calls', {
      Subject: 'Call with the contact',
      Call_Type: 'Outbound',
      Call_Start_Time: new Date(clock() - 2 * 3_600_000).toISOString(),
      Call_Duration: '02:00',
      Owner: { id: owner() },
      Who_Id: { id: contact.id, name: 'Nora Quist' },
    }).id;
    const ownCall = await zohoSourceFor(server).pullOne('Calls', own);
    if (!ownCall) throw new Error('Zoho should show the call');
    transaction(db, () => new LocalStore(db, clock()).store('Calls', ownCall, clock()));

    const retried = await retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', leadId, clock);
    expect(retried.gone).toContain('The call that waited for it is stored with the contact.');
    expect(retried.gone).not.toContain('the rest held back');
    expect(callsOf(contact.id)).toContain(own);
  });
});

describe('a database fault while Retry asks Zoho about a converted lead', () => {
  it('is not said to be Zoho’s', async () => {
    const { leadId } = await heldLeadWithCalls(1);
    server.data.convertLead(leadId);
    // Damaged on this computer: the people table cannot be read.
    rawHandle(db).exec('alter table people rename to people_damaged');
    const retried = retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', leadId, clock);
    await expect(retried).rejects.toThrow(/no such table: people/);
    await expect(
      retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', leadId, clock),
    ).rejects.not.toThrow(/Zoho could not be asked/);
  });
});
