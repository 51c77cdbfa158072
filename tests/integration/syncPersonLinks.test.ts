import { describe, expect, it } from 'vitest';
import { buildOrganisation, leadFields, Seeded } from '../crm-server/crmFactories';
import { zohoTime, type CrmDataSet, type ZRecord } from '../crm-server/crmDataSet';
import {
  eachTestSyncEnv,
  localSnapshot,
  serverSnapshot,
  zohoSourceFor,
  type SyncTestEnv,
} from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { SyncRunner } from '../../src/main/sync/syncRunner';
import { createCore } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { loadRepPlanInputs } from '../../src/main/planner/repPlanInputs';

// SY-1, VT-1, VT-5, BT-1: a visit (with its chats) or a deal read before the lead or contact it
// names is stored, and linked to that person once they are: the minute's visits run reads visits
// the five-minute records run has not read the people of yet.

/** Monday 5 January 2026, 09:30 UTC: the test CRM's clock starts here. */
const NOW = Date.UTC(2026, 0, 5, 9, 30);

let env: SyncTestEnv;

const row = (sql: string, ...args: unknown[]): unknown =>
  rawHandle(env.db)
    .prepare(sql)
    .get(...args);
const column = (sql: string, ...args: unknown[]): unknown[] =>
  rawHandle(env.db)
    .prepare(sql)
    .pluck()
    .all(...args);

/** The test organisation's record (or user) a test picks: one must be there. */
function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the test organisation has no ${what}`);
  return value;
}

/** A website visitor fills in a form: SalesIQ makes a lead, and their visit (with a chat) names it. */
function newLeadWithVisit(data: CrmDataSet, n: number): { lead: ZRecord; visit: ZRecord } {
  const lead = data.insert('Leads', {
    ...leadFields(n, found(data.users[1], 'rep'), new Seeded(n)),
    Lead_Source: 'Cold Call',
  });
  const at = data.tick();
  const visit = data.insert('Visits', {
    Name: `Visit of lead ${n}`,
    Visitor_Name: lead['Last_Name'],
    Email: lead['Email'],
    Lead_Name: { id: lead.id, name: String(lead['Last_Name']) },
    Visited_Time: zohoTime(at),
    Time_Spent: 3,
    Number_Of_Chats: 1,
    Visited_Pages: `${zohoTime(at)} https://example.test/pricing`,
  });
  return { lead, visit };
}

/**
 * The minute's visits-only runs: one reads the new visit, the next a later visit of a lead stored
 * long ago, so the records run after them lists neither again (it re-reads only the last second).
 */
async function minuteRuns(env: SyncTestEnv): Promise<void> {
  const { server, db } = env;
  // Zoho refuses the visits run's read of the lead by id (sync/visitorsRead.ts): it waits for
  // the records run, as it did before that read.
  server.inject('no-permission', { path: BY_ID, times: 8 });
  await runSync(db, zohoSourceFor(server), { modules: ['Visits'] });
  const known = found([...server.data.table('Leads').values()][0], 'lead');
  const at = server.data.tick();
  server.data.insert('Visits', {
    Name: 'A later visit',
    Visitor_Name: known['Last_Name'],
    Email: known['Email'],
    Lead_Name: { id: known.id, name: String(known['Last_Name']) },
    Visited_Time: zohoTime(at),
    Time_Spent: 1,
  });
  server.data.tick();
  await runSync(db, zohoSourceFor(server), { modules: ['Visits'] });
  server.clearFaults();
}

const BY_ID = /^\/crm\/v8\/(Leads|Contacts)\/\d+$/;

describe('a visit read before the lead it names', () => {
  // Leads enough for several pages: a first sync can be cut short while they are read.
  eachTestSyncEnv(
    'cw-person-links-',
    () => buildOrganisation(5, { leads: 300, visits: 200 }),
    (e) => (env = e),
  );

  it('is linked with its chat once the records run stores the lead, who is relearned from them', async () => {
    const { server, db } = env;
    const source = zohoSourceFor(server);
    await runSync(db, source);
    const { lead, visit } = newLeadWithVisit(server.data, 9001);

    // The minute's runs read visits only: the lead is not here yet.
    await minuteRuns(env);
    expect(row('select person_id from visits where id = ?', visit.id)).toEqual({ person_id: null });

    // The five-minute records run, as the app runs it.
    const core = createCore(db, () => NOW);
    const changed: string[][] = [];
    core.on('data-changed', (e) => changed.push(e.entities));
    const touched: string[] = [];
    const runner = new SyncRunner(
      core,
      source,
      { recordsMinutes: 5, visitsMinutes: 1, requestsInFlight: 4 },
      {
        onTouched: (ids) => touched.push(...ids),
      },
    );
    try {
      await runner.syncNow();
    } finally {
      await runner.stop();
    }

    expect(row('select person_id from visits where id = ?', visit.id)).toEqual({
      person_id: lead.id,
    });
    expect(column('select person_id from chats where visit_id = ?', visit.id)).toEqual([lead.id]);
    expect(touched).toContain(lead.id);
    expect(changed.flat()).toContain('visits');
    // The chat and the page read count as the lead's behaviour (BT-1), as linked ones do.
    const detail = await core.handlers.getPerson({ id: lead.id });
    expect(detail.windows.map((w) => w.reason).join('\n')).toMatch(/chat/);
  });

  it('after a first sync cut short while leads were read, ends linked as Zoho links it', async () => {
    const { server, db } = env;
    const source = zohoSourceFor(server);
    // Zoho fails the leads after their first page: the run ends with them half read.
    server.inject('server-error', { path: /\/crm\/v8\/Leads$/, skip: 1, times: 1000 });
    expect((await runSync(db, source)).notes.join('\n')).toMatch(/Leads could not be read/);
    server.clearFaults();
    // A minute later the visits run reads the whole Visits module; then the records run resumes.
    await runSync(db, source, { modules: ['Visits'] });
    await runSync(db, source);

    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    expect(row('select count(*) as n from chats where person_id is null')).toEqual({ n: 0 });
  });

  it('goes to the contact the lead became when the lead is converted before it is stored', async () => {
    const { server, db } = env;
    const source = zohoSourceFor(server);
    await runSync(db, source);
    const { lead, visit } = newLeadWithVisit(server.data, 9002);
    await minuteRuns(env);
    // Converted before the records run read it: the Leads listing never lists it. Zoho moves the
    // visit to the contact without touching its Modified_Time, so it is not read again.
    const contact = server.data.convertLead(lead.id);

    await runSync(db, source);

    expect(row('select person_id from visits where id = ?', visit.id)).toEqual({
      person_id: contact.id,
    });
    expect(column('select person_id from chats where visit_id = ?', visit.id)).toEqual([
      contact.id,
    ]);
    expect(row('select count(*) as n from people where id = ?', lead.id)).toEqual({ n: 0 });
  });
});

describe('a deal read before the contact it names', () => {
  eachTestSyncEnv(
    'cw-person-links-',
    () => buildOrganisation(5),
    (e) => (env = e),
  );

  it('is linked once the contact is stored, and shows on the contact’s page', async () => {
    const { server, db } = env;
    const source = zohoSourceFor(server);
    await runSync(db, source);
    // A lead converted with a deal between the Contacts and Deals listings: the deal is read
    // first. A Deals-only run reads it the same way.
    const account = found([...server.data.table('Accounts').values()][0], 'account');
    const contact = server.data.insert('Contacts', {
      First_Name: 'Nia',
      Last_Name: 'New',
      Email: 'nia@customer.test',
      Account_Name: { id: account.id, name: String(account['Account_Name']) },
      Owner: { id: 'u2', name: 'Ren Rep' },
    });
    const deal = server.data.insert('Deals', {
      Deal_Name: 'Converted deal',
      Stage: 'Qualification',
      Amount: 5000,
      Closing_Date: '2026-03-31',
      Contact_Name: { id: contact.id, name: 'New' },
      Account_Name: { id: account.id, name: String(account['Account_Name']) },
      Owner: { id: 'u2', name: 'Ren Rep' },
    });
    await runSync(db, source, { modules: ['Deals'] });
    expect(row('select person_id from deals where id = ?', deal.id)).toEqual({ person_id: null });
    // Another deal edited since: the records run lists only what is newer than the new one.
    const other = found([...server.data.table('Deals').values()][0], 'deal');
    server.data.modify('Deals', other.id, { Amount: 1234 });
    await runSync(db, source, { modules: ['Deals'] });

    await runSync(db, source);

    expect(row('select person_id from deals where id = ?', deal.id)).toEqual({
      person_id: contact.id,
    });
    const detail = await createCore(db, () => NOW).handlers.getPerson({ id: contact.id });
    expect(detail.deals.map((d) => d.id)).toEqual([deal.id]);
  });
});

describe('a contact read before its account', () => {
  eachTestSyncEnv(
    'cw-account-links-',
    () => buildOrganisation(5),
    (e) => (env = e),
  );

  it('gets its account once the account is stored, on its page and its planner row', async () => {
    const { server, db } = env;
    const source = zohoSourceFor(server);
    await runSync(db, source);
    // A new customer: the account is made after the Contacts listing read its page, and the
    // contact names it. A Contacts-only run (a first sync cut short after Contacts began reads
    // the same way) stores the contact first.
    const account = server.data.insert('Accounts', {
      Account_Name: 'Late Arrival GmbH',
      Owner: { id: 'u2', name: 'Ren Rep' },
    });
    const contact = server.data.insert('Contacts', {
      First_Name: 'Lena',
      Last_Name: 'Later',
      Email: 'lena@late.test',
      Account_Name: { id: account.id, name: 'Late Arrival GmbH' },
      Owner: { id: 'u2', name: 'Ren Rep' },
    });
    await runSync(db, source, { modules: ['Contacts'] });
    expect(row('select account_id from people where id = ?', contact.id)).toEqual({
      account_id: null,
    });
    // Another contact edited since: the records run lists only what is newer than that one.
    const other = found(
      [...server.data.table('Contacts').values()].find((c) => c.id !== contact.id),
      'contact',
    );
    server.data.modify('Contacts', other.id, { Title: 'Buyer' });
    await runSync(db, source, { modules: ['Contacts'] });

    await runSync(db, source);

    expect(row('select account_id from people where id = ?', contact.id)).toEqual({
      account_id: account.id,
    });
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    const detail = await createCore(db, () => NOW).handlers.getPerson({ id: contact.id });
    expect(detail.account?.name).toBe('Late Arrival GmbH');
    const planned = loadRepPlanInputs(db, 'u2', 'Europe/Berlin', NOW).find(
      (p) => p.id === contact.id,
    );
    expect(planned?.company).toBe('Late Arrival GmbH');
  });
});
