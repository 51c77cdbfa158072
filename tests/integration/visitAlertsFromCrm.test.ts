import { afterEach, describe, expect, it } from 'vitest';
import type { AlertsEvent } from '../../src/shared/alertsContract';
import { createCore, type Core } from '../../src/main/core/createCore';
import { SyncRunner } from '../../src/main/sync/syncRunner';
import { buildOrganisation } from '../crm-server/crmFactories';
import { zohoTime, type CrmDataSet, type ZRecord } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';

const MIN = 60_000;
/** Monday 5 January 2026, 10:30 in Berlin: inside the test organisation's business hours. */
const NOW = Date.UTC(2026, 0, 5, 9, 30);

let core: Core | null = null;
afterEach(() => {
  core?.alerts.dispose();
  core = null;
});

/** The app over the sync's database, signed in as Ren Rep (u2), with the alerts it pushes. */
function appFor(env: SyncTestEnv): { core: Core; events: AlertsEvent[]; runner: SyncRunner } {
  core = createCore(env.db, () => NOW);
  const events: AlertsEvent[] = [];
  core.on('alerts', (e) => events.push(e));
  const runner = new SyncRunner(core, zohoSourceFor(env.server), {
    recordsMinutes: 5,
    visitsMinutes: 1,
    requestsInFlight: 4,
  });
  return { core, events, runner };
}

/** A visit SalesIQ hands the CRM: the lead read the home page, then pricing. */
function visitOf(data: CrmDataSet, lead: ZRecord, start: number): void {
  data.insert('Visits', {
    Name: `Visit of ${String(lead['Last_Name'])}`,
    Visitor_Name: lead['Last_Name'],
    Email: lead['Email'],
    Lead_Name: { id: lead.id, name: lead['Last_Name'] },
    IP_Address: '203.0.113.40',
    Visited_Time: zohoTime(start),
    Time_Spent: 2,
    Referrer: 'https://www.google.com/',
    Search_Engine: 'Google',
    Search_Keyword: 'crm',
    Visited_Pages: `${zohoTime(start)} https://example.test/\n${zohoTime(start + MIN)} https://example.test/pricing`,
    Number_Of_Chats: 0,
  });
}

function envOf(kind: 'module' | 'none'): () => SyncTestEnv {
  let env: SyncTestEnv | null = null;
  eachTestSyncEnv(
    'cw-visit-alerts-crm-',
    () => buildOrganisation(43, {}, { salesIq: kind }),
    (e) => (env = e),
  );
  return () => {
    if (!env) throw new Error('no test environment');
    return env;
  };
}

describe('an organisation with SalesIQ: visits synced from the CRM', () => {
  const env = envOf('module');

  it("alert the rep for their own person's new visit, and only for theirs", async () => {
    const { server } = env();
    const app = appFor(env());
    await app.runner.syncNow();
    await app.core.handlers.setCurrentUser({ userId: 'u2' });
    // The organisation's old visits (weeks ago) are history, not news.
    expect(app.events.flatMap((e) => e.delivered)).toEqual([]);

    const leads = [...server.data.table('Leads').values()];
    const own = leads.find((l) => (l['Owner'] as { id: string }).id === 'u2') as ZRecord;
    const others = leads.find((l) => (l['Owner'] as { id: string }).id === 'u3') as ZRecord;
    visitOf(server.data, own, NOW - 3 * MIN);
    visitOf(server.data, others, NOW - 2 * MIN);
    await app.runner.syncNow();
    await app.runner.stop();

    expect(app.runner.current()).toMatchObject({ state: 'idle', lastError: null });
    const delivered = app.events.flatMap((e) => e.delivered);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      personId: own.id,
      name: `${String(own['First_Name'])} ${String(own['Last_Name'])}`,
      category: 'lead_contact',
      delivery: 'now',
    });
    expect(delivered[0]?.pages).toContain('https://example.test/pricing');
    // The Visits page lists both visits (everyone's), neither explained away.
    const list = await app.core.handlers.listVisits({ scope: 'everyone', limit: 50 });
    const recent = [...list.onSite, ...list.today].map((v) => v.personId);
    expect(recent).toEqual(expect.arrayContaining([own.id, others.id]));
    expect(list.visitsUnavailable).toBeNull();
  });
});

describe('an organisation without SalesIQ', () => {
  const env = envOf('none');

  it('answers the Visits page with no visits and says why, raising no alert', async () => {
    const app = appFor(env());
    await app.runner.syncNow();
    await app.core.handlers.setCurrentUser({ userId: 'u2' });
    await app.runner.syncNow();
    await app.runner.stop();

    expect(app.runner.current()).toMatchObject({ state: 'idle', lastError: null });
    const answer = await app.core.dispatch('listVisits', { scope: 'everyone', limit: 50 });
    expect(answer).toMatchObject({
      ok: true,
      value: {
        onSite: [],
        today: [],
        earlier: [],
        visitsUnavailable: expect.stringMatching(/no website visits.*SalesIQ/),
      },
    });
    expect(app.events.flatMap((e) => e.delivered)).toEqual([]);
    expect((await app.core.handlers.listAlerts({ limit: 10 })).recent).toEqual([]);
  });
});
