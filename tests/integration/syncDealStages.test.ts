import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { loadPeople } from '../../src/main/alerts/visitorFacts';
import { mapDeal } from '../../src/main/crm/zoho/zohoPeopleMap';

// An organisation that named its stages its own way, each with the forecast type Zoho keeps for
// it (Setup › Pipelines): only the forecast type says which ones are won.
const STAGES = [
  { name: 'Erstgespräch', forecastType: 'Open' },
  { name: 'Angebot', forecastType: 'Open' },
  { name: '受注', forecastType: 'Closed Won' },
  { name: 'Closed - Won', forecastType: 'Closed Won' },
  { name: 'Signed', forecastType: 'Closed Won' },
  { name: 'Closed - Lost', forecastType: 'Closed Lost' },
  { name: 'Won over by a competitor', forecastType: 'Closed Lost' },
];

let env: SyncTestEnv | null = null;
eachTestSyncEnv(
  'cw-deal-stages-',
  () => {
    const data = buildOrganisation(43, { deals: 0 });
    data.dealStages = STAGES;
    const contacts = [...(data.table('Contacts').values() ?? [])].slice(0, STAGES.length);
    STAGES.forEach((stage, i) => {
      const contact = contacts[i];
      if (!contact) throw new Error('too few contacts');
      data.insert('Deals', {
        Deal_Name: `Deal ${stage.name}`,
        Stage: stage.name,
        Amount: 10_000,
        Closing_Date: '2026-03-31',
        Contact_Name: { id: contact.id, name: 'x' },
        Owner: contact['Owner'],
      });
    });
    return data;
  },
  (e) => (env = e),
);
const current = (): SyncTestEnv => {
  if (!env) throw new Error('no test environment');
  return env;
};
const statusOf = (): Record<string, string> =>
  Object.fromEntries(
    (
      rawHandle(current().db).prepare('select stage, status from deals').all() as {
        stage: string;
        status: string;
      }[]
    ).map((d) => [d.stage, d.status]),
  );
/** What the Visits page and an alert call the person with the deal in that stage. */
const categoryAt = (stage: string): string | undefined => {
  const db = current().db;
  const personId = rawHandle(db)
    .prepare('select person_id from deals where stage = ?')
    .pluck()
    .get(stage) as string;
  return loadPeople(db, [personId], 'Europe/Berlin', false).get(personId)?.category;
};

describe("deal outcomes, as the organisation's own stages define them (VT-2)", () => {
  it("reads won and lost from each stage's forecast type in Zoho's field metadata, whatever the stage is called", async () => {
    const { db, server } = current();
    await runSync(db, zohoSourceFor(server));
    expect(statusOf()).toEqual({
      Erstgespräch: 'open',
      Angebot: 'open',
      受注: 'won',
      'Closed - Won': 'won',
      Signed: 'won',
      'Closed - Lost': 'lost',
      'Won over by a competitor': 'lost',
    });
    // Their contacts are customers: the category a rep sees on a visit and in an alert.
    expect(categoryAt('受注')).toBe('customer');
    expect(categoryAt('Signed')).toBe('customer');
    expect(categoryAt('Angebot')).toBe('customer_open_deal');
    expect(categoryAt('Won over by a competitor')).toBe('lead_contact');
  });

  it("mends deals already stored when a stage's outcome changes in the CRM, though no deal changed", async () => {
    const { db, server } = current();
    const source = zohoSourceFor(server);
    await runSync(db, source);
    expect(statusOf()['Angebot']).toBe('open');
    // The administrator makes "Angebot" a won stage (and "Signed" an open one); no deal is edited,
    // so an incremental sync reads none of them again.
    server.data.dealStages = STAGES.map((s) =>
      s.name === 'Angebot'
        ? { ...s, forecastType: 'Closed Won' }
        : s.name === 'Signed'
          ? { ...s, forecastType: 'Open' }
          : s,
    );
    const changed: string[][] = [];
    const again = await runSync(db, source, {
      refreshMetadata: true,
      onChanged: (entities) => changed.push(entities),
    });
    expect(again.modules.Deals?.upserted ?? 0).toBe(0);
    // The plans' caches are told: a customer's category is read from the deals.
    expect(changed).toEqual([['deals']]);
    expect(statusOf()['Angebot']).toBe('won');
    expect(statusOf()['Signed']).toBe('open');
    expect(categoryAt('Angebot')).toBe('customer');
  });

  it('judges a stage by its name where the metadata says nothing of it (a stage added since)', async () => {
    const { db, server } = current();
    const source = zohoSourceFor(server);
    await runSync(db, source);
    const contact = [...server.data.table('Contacts').values()][0];
    server.data.insert('Deals', {
      Deal_Name: 'New stage',
      Stage: 'Closed (Won)',
      Contact_Name: { id: contact?.id, name: 'x' },
      Owner: contact?.['Owner'],
    });
    await runSync(db, source);
    expect(statusOf()['Closed (Won)']).toBe('won');
  });
});

describe('a stage judged by its name (no metadata)', () => {
  const statusNamed = (Stage: string): unknown =>
    mapDeal({ id: '1', Deal_Name: 'D', Stage, Modified_Time: '2026-01-01T00:00:00Z' })[0]?.row[
      'status' as never
    ];
  it.each([
    ['Closed Won', 'won'],
    ['Closed - Won', 'won'],
    ['Closed-Won', 'won'],
    ['Closed (Won)', 'won'],
    ['Won', 'won'],
    ['Closed Lost', 'lost'],
    ['Closed-Lost to Competition', 'lost'],
    ['Closed', 'lost'],
    ['Qualification', 'open'],
    ['Negotiation/Review', 'open'],
  ])('%s is %s', (stage, status) => {
    expect(statusNamed(stage)).toBe(status);
  });
});
