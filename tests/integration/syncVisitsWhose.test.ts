import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import { SyncRunner } from '../../src/main/sync/syncRunner';
import { buildOrganisation } from '../crm-server/crmFactories';
import { zohoTime, type ZRecord } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';

// The People list reads its page again on a `data-changed` that may change what it shows. A
// sync announces its visits every run: it says whose they were, so a list that shows none of
// them (and is not ordered by last activity) is not read again for visitors nobody knows.

const MIN = 60_000;
/** Monday 5 January 2026, 10:30 in Berlin: inside the test organisation's business hours. */
const NOW = Date.UTC(2026, 0, 5, 9, 30);

let env: SyncTestEnv | null = null;
eachTestSyncEnv(
  'cw-visits-whose-',
  () =>
    buildOrganisation(
      51,
      { leads: 6, contacts: 6, deals: 1, visits: 0, cases: 0 },
      { salesIq: 'module' },
    ),
  (e) => (env = e),
);

let core: Core | null = null;
afterEach(() => {
  core?.alerts.dispose();
  core = null;
});

/** A SalesIQ visit of two pages, of `lead` when given, else of a visitor who typed `email`. */
function visit(lead: ZRecord | null, email: string, start: number): void {
  if (!env) throw new Error('no test environment');
  env.server.data.insert('Visits', {
    Name: 'Visit',
    Visitor_Name: lead ? lead['Last_Name'] : 'Someone',
    Email: email,
    ...(lead ? { Lead_Name: { id: lead.id, name: lead['Last_Name'] } } : {}),
    IP_Address: '203.0.113.51',
    Visited_Time: zohoTime(start),
    Time_Spent: 2,
    Visited_Pages: `${zohoTime(start)} https://example.test/\n${zohoTime(start + MIN)} https://example.test/pricing`,
    Number_Of_Chats: 0,
  });
}

describe("a sync's visits announced with whose they were", () => {
  it('names nobody for a visitor nobody knows, and the person for a linked or e-mailed visit', async () => {
    if (!env) throw new Error('no test environment');
    const { server, db } = env;
    server.data.clock = NOW;
    core = createCore(db, () => NOW);
    const runner = new SyncRunner(core, zohoSourceFor(server), {
      recordsMinutes: 5,
      visitsMinutes: 1,
      requestsInFlight: 4,
    });
    const told: { entities: string[]; people?: string[] }[] = [];
    core.on('data-changed', (e) => told.push(e));
    const visitsAlone = () => told.filter((e) => e.entities.join() === 'visits');
    try {
      await runner.syncNow();
      const [lead, other] = [...server.data.table('Leads').values()];
      if (!lead || !other) throw new Error('the test organisation has too few leads');

      told.length = 0;
      visit(null, 'stranger@nowhere.test', NOW - 10 * MIN);
      await runner.syncNow();
      expect(visitsAlone()).toEqual([{ entities: ['visits'], people: [] }]);
      // Nobody listed changed: nothing else was announced of people.
      expect(told.some((e) => e.entities.includes('people'))).toBe(false);

      told.length = 0;
      visit(lead, String(lead['Email']), NOW - 8 * MIN);
      visit(null, String(other['Email']), NOW - 6 * MIN);
      await runner.syncNow();
      const whose = visitsAlone().flatMap((e) => e.people ?? ['(anyone)']);
      expect(new Set(whose)).toEqual(new Set([lead.id, other.id]));
    } finally {
      await runner.stop();
    }
  });
});
