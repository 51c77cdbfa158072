import { describe, expect, it } from 'vitest';
import type { TempDir } from '../fixtures/tempDb';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { listHeldBack, retryHeldBackFromCrm } from '../../src/main/core/heldBackRecords';
import { transaction } from '../../src/main/db/sqlRun';
import { LocalStore } from '../../src/main/sync/localStore';
import { peopleLetGo } from '../../src/main/sync/peopleLetGo';

// The calls that wait for a lead held back (read before it, which the sync cannot store) do not
// wait for ever once Zoho holds the lead no more: they leave with a lead deleted or no longer
// shared, said in Retry's note, and are stored with the contact a converted lead became, whether
// Retry finds the conversion or a sync does.

let server: CrmTestServer;
let db: Db;
// eslint-disable-next-line @typescript-eslint/no-unused-vars
let dir: TempDir;

eachTestSyncEnv(
  'cw-held-back-gone-',
  () => buildOrganisation(74, { leads: 3, contacts: 3, callsPerPerson: 1, visits: 1 }),
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

/** A lead Zoho sends without its Last_Name, with `calls` calls that wait for her, synced. */
async function heldLeadWithCalls(calls: number): Promise<{ leadId: string; callIds: string[] }> {
  const owner = server.data.users[1]?.id;
  const lead = server.data.insert('Leads', {
    First_Name: 'Nora',
    Email: 'nora@gone.test',
    Owner: { id: owner },
  });
  const callIds = Array.from(
    { length: calls },
    (_, i) =>
      server.data.insert('Calls', {
        Subject: `Call ${i + 1} with Nora`,
        Call_Type: 'Outbound',
        Call_Start_Time: new Date(clock() - (i + 1) * 86_400_000).toISOString(),
        Call_Duration: '04:00',
        Owner: { id: owner },
        Who_Id: { id: lead.id, name: 'Nora' },
      }).id,
  );
  await sync();
  expect(heldIds().sort()).toEqual(
    [`Leads ${lead.id}`, ...callIds.map((id) => `Calls ${id}`)].sort(),
  );
  return { leadId: lead.id, callIds };
}

describe('calls that waited for a lead Zoho holds no more', () => {
  it('leave the list with a lead no longer shared with the sign-in, Retry’s note counting them, and no sync lists them again', async () => {
    const { leadId } = await heldLeadWithCalls(3);
    // Her calls are the rep's own: Zoho still shows them, naming a lead it hides.
    server.data.unshare('Leads', leadId);
    const retried = await retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', leadId, clock);
    expect(retried.gone).toBe(
      `Zoho holds no “Nora” (Leads ${leadId}) any more (deleted there, or not shared with your sign-in), so it is held back no longer. The 3 calls that waited for it are kept on this computer, out of this list, and are stored should Zoho show it to you again.`,
    );
    expect(heldIds()).toEqual([]);
    await sync();
    expect(heldIds()).toEqual([]);
  });

  it('wait for her again once Zoho shares her again and a sync brings her', async () => {
    const { leadId } = await heldLeadWithCalls(1);
    server.data.unshare('Leads', leadId);
    await retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', leadId, clock);
    expect(peopleLetGo(db)).toEqual([leadId]);
    server.data.insert('Leads', { id: leadId, First_Name: 'Nora', Last_Name: 'Quist' });
    await sync();
    expect(peopleLetGo(db)).toEqual([]);
  });

  it('leave with a person a sync’s deletions remove, even when Zoho’s deletions name the person alone', async () => {
    const { leadId } = await heldLeadWithCalls(2);
    const store = new LocalStore(db);
    transaction(db, () => store.delete('Leads', leadId));
    expect(heldIds()).toEqual([]);
  });

  it('leave with a lead deleted in Zoho, once a sync finds her among the deleted records', async () => {
    const { leadId } = await heldLeadWithCalls(1);
    server.data.remove('Leads', leadId);
    const retried = await retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', leadId, clock);
    // Zoho answers alike for a lead only no longer shared: the call waits, unlisted...
    expect(retried.gone).toMatch(
      / The call that waited for it is kept on this computer, out of this list, and is stored should Zoho show it to you again\.$/,
    );
    expect(heldIds()).toEqual([]);
    // ...until a sync finds her among Zoho's deleted records: then it goes with her.
    await sync();
    expect(rawHandle(db).prepare('select count(*) from quarantine').pluck().get()).toBe(0);
  });

  it('are stored with the contact a converted lead became, stored here already, on Retry', async () => {
    const { leadId, callIds } = await heldLeadWithCalls(2);
    const contact = [...server.data.table('Contacts').values()][0];
    if (!contact) throw new Error('the organisation has contacts');
    expect(callsOf(contact.id)).not.toEqual(expect.arrayContaining(callIds));
    server.data.convertLead(leadId, { into: contact.id });
    const retried = await retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', leadId, clock);
    expect(retried).toMatchObject({ stored: false, changed: true });
    expect(retried.gone).toMatch(
      new RegExp(
        `^Zoho converted “Nora” \\(Leads ${leadId}\\) into the contact “[^”]+” \\(Contacts ${contact.id}\\), so the lead is held back no longer\\. The 2 calls that waited for it are stored with the contact\\.$`,
      ),
    );
    expect(heldIds()).toEqual([]);
    expect(callsOf(contact.id)).toEqual(expect.arrayContaining(callIds));
  });

  it('are stored with a contact made by the conversion, read from Zoho on Retry', async () => {
    const { leadId, callIds } = await heldLeadWithCalls(2);
    const contact = server.data.convertLead(leadId);
    // The lead lacked a last name; whoever converted it gave the contact one.
    server.data.modify('Contacts', contact.id, { Last_Name: 'Quist' });
    const retried = await retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', leadId, clock);
    expect(retried.gone).toBe(
      `Zoho converted “Nora” (Leads ${leadId}) into the contact “Nora Quist” (Contacts ${contact.id}), so the lead is held back no longer. The 2 calls that waited for it are stored with the contact.`,
    );
    expect(heldIds()).toEqual([]);
    expect(callsOf(contact.id).sort()).toEqual([...callIds].sort());
  });

  it('are stored with the contact by the sync that finds the lead converted, with no Retry', async () => {
    const { leadId, callIds } = await heldLeadWithCalls(2);
    const contact = [...server.data.table('Contacts').values()][1];
    if (!contact) throw new Error('the organisation has contacts');
    server.data.convertLead(leadId, { into: contact.id });
    await sync();
    expect(heldIds()).toEqual([]);
    expect(callsOf(contact.id)).toEqual(expect.arrayContaining(callIds));
  });
});
