import { afterEach, describe, expect, it } from 'vitest';
import type { AlertsEvent, VisitRow } from '../../src/shared/alertsContract';
import { createCore, type Core } from '../../src/main/core/createCore';
import { SyncRunner } from '../../src/main/sync/syncRunner';
import { buildOrganisation, leadFields, Seeded } from '../crm-server/crmFactories';
import { zohoTime, type CrmDataSet, type ZRecord } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { runSync, type SyncSummary } from '../../src/main/sync/syncEngine';
import { createLeadFromVisit } from '../../src/main/people/leadFromVisit';
import { VISITOR_IN_ZOHO_TEXT } from '../../src/shared/visitorInZoho';

const MIN = 60_000;
/** Monday 5 January 2026, 10:30 in Berlin: inside the test organisation's business hours. */
const NOW = Date.UTC(2026, 0, 5, 9, 30);

let core: Core | null = null;
afterEach(() => {
  core?.alerts.dispose();
  core = null;
});

let env: SyncTestEnv | null = null;
eachTestSyncEnv(
  'cw-visitor-zoho-knows-',
  () => buildOrganisation(44, {}, { salesIq: 'module' }),
  (e) => (env = e),
);
const theEnv = (): SyncTestEnv => {
  if (!env) throw new Error('no test environment');
  return env;
};

/** The app over the sync's database, signed in as Ren Rep (u2) with the default rules. */
async function signedIn(clock: () => number = () => NOW) {
  core = createCore(theEnv().db, clock);
  const app = core;
  const events: AlertsEvent[] = [];
  app.on('alerts', (e) => events.push(e));
  const runner = new SyncRunner(app, zohoSourceFor(theEnv().server), {
    recordsMinutes: 5,
    visitsMinutes: 1,
    requestsInFlight: 4,
  });
  await runner.syncNow();
  await app.handlers.setCurrentUser({ userId: 'u2' });
  await runner.stop();
  /** The minute's visits-only run, as the app makes it, and the rules after it. */
  const visitsRun = async (): Promise<SyncSummary> => {
    const summary = await runSync(theEnv().db, zohoSourceFor(theEnv().server), {
      modules: ['Visits'],
      now: clock,
    });
    app.emit('data-changed', { entities: ['visits'] });
    return summary;
  };
  const delivered = () => events.flatMap((e) => e.delivered);
  const card = async (visitId: string): Promise<VisitRow | undefined> => {
    const list = await app.handlers.listVisits({ scope: 'everyone', limit: 100 });
    return [...list.onSite, ...list.today].find((v) => v.id === visitId);
  };
  return { app, runner, visitsRun, delivered, card };
}

/** A visit SalesIQ hands the CRM, linked to `lead` when given: home page, then pricing. */
function visitOf(
  data: CrmDataSet,
  who: { name: string; email: string; lead?: ZRecord },
  start: number,
): string {
  return data.insert('Visits', {
    Name: `Visit of ${who.name}`,
    Visitor_Name: who.name,
    Email: who.email,
    ...(who.lead ? { Lead_Name: { id: who.lead.id, name: who.lead['Last_Name'] } } : {}),
    IP_Address: '203.0.113.44',
    Visited_Time: zohoTime(start),
    Time_Spent: 2,
    Visited_Pages: `${zohoTime(start)} https://example.test/\n${zohoTime(start + MIN)} https://example.test/pricing`,
    Number_Of_Chats: 0,
  }).id;
}

/** A web form made a lead in Zoho, given to Ren, after the last records run read the leads. */
function webFormLead(data: CrmDataSet, seed: number): ZRecord {
  const ren = data.users.find((u) => u.id === 'u2');
  if (!ren) throw new Error('the test organisation has no u2');
  return data.insert('Leads', {
    ...leadFields(seed, ren, new Seeded(seed)),
    Lead_Source: 'Web Form',
  });
}

/** The reads of one lead or contact by id among `requests` (sync/visitorsRead.ts). */
const readById = (requests: readonly { path: string }[]): number =>
  requests.filter((r) => /^\/crm\/v8\/(Leads|Contacts)\/\d+$/.test(r.path.split('?')[0] ?? ''))
    .length;

const entryFor = (visitId: string) => ({
  visitId,
  firstName: 'Wanda',
  lastName: 'Webform',
  email: 'wanda@webform.test',
  company: 'Webform AG',
});

describe('a visit of a lead Zoho has and the records run has not read yet', () => {
  it('shows as that lead after one visits run, and its owner is alerted', async () => {
    const { server } = theEnv();
    const { visitsRun, delivered, card } = await signedIn();
    const lead = webFormLead(server.data, 9401);
    const visitId = visitOf(
      server.data,
      { name: String(lead['Last_Name']), email: String(lead['Email']), lead },
      NOW - 3 * MIN,
    );
    const summary = await visitsRun();

    expect(await card(visitId)).toMatchObject({
      personId: lead.id,
      category: 'lead_contact',
      ownerId: 'u2',
      personInCrmOnly: false,
    });
    expect(delivered()).toEqual([
      expect.objectContaining({ personId: lead.id, category: 'lead_contact', delivery: 'now' }),
    ]);
    // The read is counted in the run's credits, and the sync command says nothing new.
    expect(summary.credits?.run).toBeGreaterThan(0);
    expect(summary.notes).toEqual([]);
    // The visitor is his lead: Create lead is refused rather than making a second one.
    expect(() => createLeadFromVisit(theEnv().db, 'u2', entryFor(visitId), NOW)).toThrow(
      /already a lead or contact here/,
    );
    expect(
      [...server.data.table('Leads').values()].filter((l) => l['Email'] === lead['Email']),
    ).toHaveLength(1);
  });

  it('stores a lead Zoho does not show the rep no more than the records run would', async () => {
    const { server } = theEnv();
    const { visitsRun, delivered, card } = await signedIn();
    const lead = webFormLead(server.data, 9402);
    server.data.unshare('Leads', lead.id);
    const visitId = visitOf(
      server.data,
      { name: 'Hidden Prospect', email: String(lead['Email']), lead },
      NOW - 3 * MIN,
    );
    await visitsRun();
    expect(await card(visitId)).toMatchObject({ personId: null, personInCrmOnly: true });
    expect(delivered()).toEqual([]);
  });

  it('asks about a lead Zoho does not show the rep once, not in each minute run that stores the visit again; given to the rep, the records run still brings it', async () => {
    const { server, db } = theEnv();
    let now = NOW;
    const { visitsRun, card } = await signedIn(() => now);
    const lead = webFormLead(server.data, 9404);
    server.data.unshare('Leads', lead.id);
    const visitId = visitOf(
      server.data,
      { name: 'Hidden Prospect', email: String(lead['Email']), lead },
      NOW - 3 * MIN,
    );
    server.requests.length = 0;
    await visitsRun();
    // Zoho answers 204 as a lead and as a contact.
    expect(readById(server.requests)).toBe(2);

    // The visitor reads on: each minute's run stores the visit again, and asks nothing more.
    for (let minute = 1; minute <= 3; minute++) {
      now = NOW + minute * MIN;
      server.data.modify('Visits', visitId, { Time_Spent: 2 + minute });
      const summary = await visitsRun();
      expect(summary.modules.Visits?.upserted).toBe(1);
    }
    expect(readById(server.requests)).toBe(2);
    expect(await card(visitId)).toMatchObject({ personId: null, personInCrmOnly: true });

    // The lead is given to the rep (a change Zoho lists): the records run stores it at once.
    server.data.reshare('Leads', lead.id);
    server.data.modify('Leads', lead.id, { Description: 'Given to Ren' });
    await runSync(db, zohoSourceFor(server), { now: () => now });
    expect(await card(visitId)).toMatchObject({ personId: lead.id, personInCrmOnly: false });
  });

  it('asks again about a lead Zoho did not show the rep once six hours have passed, and stores it when it is shared by then', async () => {
    const { server } = theEnv();
    let now = NOW;
    const { visitsRun, card } = await signedIn(() => now);
    const lead = webFormLead(server.data, 9405);
    server.data.unshare('Leads', lead.id);
    const visitId = visitOf(
      server.data,
      { name: 'Hidden Prospect', email: String(lead['Email']), lead },
      NOW - 3 * MIN,
    );
    await visitsRun();
    // Shared again as it was (a sharing rule widened): no listing of changes names it.
    server.data.reshare('Leads', lead.id);
    server.requests.length = 0;
    now = NOW + 5 * 60 * MIN;
    server.data.modify('Visits', visitId, { Time_Spent: 5 });
    await visitsRun();
    expect(readById(server.requests)).toBe(0);

    now = NOW + 6 * 60 * MIN;
    server.data.modify('Visits', visitId, { Time_Spent: 6 });
    await visitsRun();
    expect(readById(server.requests)).toBe(1);
    expect(await card(visitId)).toMatchObject({ personId: lead.id });
  });

  it('when Zoho fails the read, keeps the visit, says the lead is coming instead of Create lead, and refuses Create lead', async () => {
    const { server } = theEnv();
    const { visitsRun, card } = await signedIn();
    const lead = webFormLead(server.data, 9403);
    const visitId = visitOf(
      server.data,
      { name: 'Wanda Webform', email: 'wanda@webform.test', lead },
      NOW - 3 * MIN,
    );
    server.inject('no-permission', { path: /^\/crm\/v8\/(Leads|Contacts)\/\d+$/, times: 4 });
    const summary = await visitsRun();
    // The sync command's lines are as they were: the note is the app's status's alone.
    expect(summary.notes).toEqual([]);
    expect(summary.modules.Visits?.upserted).toBeGreaterThan(0);

    const row = await card(visitId);
    expect(row).toMatchObject({ personId: null, personInCrmOnly: true });
    expect(() => createLeadFromVisit(theEnv().db, 'u2', entryFor(visitId), NOW)).toThrow(
      VISITOR_IN_ZOHO_TEXT,
    );
    expect(await card(visitId)).toMatchObject({ personId: null });
  });
});

describe('a lead created from a visitor’s card', () => {
  it('raises no alert for that visit, and a new visit later alerts as usual', async () => {
    const { server } = theEnv();
    let now = NOW;
    const { app, runner, visitsRun, delivered } = await signedIn(() => now);
    const first = visitOf(
      server.data,
      { name: 'Wanda Webform', email: 'wanda@webform.test' },
      NOW - 3 * MIN,
    );
    // Unknown: Ren's rules are about her people, so nothing is raised.
    await visitsRun();
    expect(delivered()).toEqual([]);
    await app.handlers.createLead(entryFor(first));
    app.emit('data-changed', { entities: ['visits'] });
    // Her later page views in the same visit; then the records run sends the lead to Zoho.
    server.data.modify('Visits', first, {
      Visited_Pages: `${zohoTime(NOW - 3 * MIN)} https://example.test/\n${zohoTime(NOW + MIN)} https://example.test/pricing/teams`,
    });
    now = NOW + 2 * MIN;
    await visitsRun();
    await runner.syncNow();
    await runner.stop();
    now = NOW + 3 * MIN;
    await visitsRun();
    expect(delivered()).toEqual([]);

    // Two hours later Wanda is back, and Zoho names the lead the rep made.
    const made = [...server.data.table('Leads').values()].find(
      (l) => l['Email'] === 'wanda@webform.test',
    );
    expect(made).toBeDefined();
    now = NOW + 120 * MIN;
    visitOf(
      server.data,
      { name: 'Wanda Webform', email: 'wanda@webform.test', lead: made as ZRecord },
      now - 2 * MIN,
    );
    await visitsRun();
    expect(delivered()).toEqual([
      expect.objectContaining({ personId: made?.id, category: 'lead_contact' }),
    ]);
  });
});
