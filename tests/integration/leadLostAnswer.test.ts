import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { zohoTime } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { createLeadFromVisit } from '../../src/main/people/leadFromVisit';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { countUnsent, refusedLeadEntries, retryRefusedCall } from '../../src/main/db/repos/outbox';
import { discardRefusedEntry } from '../../src/main/tasks/taskChangeDiscard';
import { notInCrmYet } from '../../src/shared/localLead';

let server: CrmTestServer;
let db: Db;
let visitId = '';

/** Seed 004's visitor, made a lead here; Zoho's answer to its creation may be lost on the way. */
eachTestSyncEnv(
  'cw-lead-lost-answer-',
  () => {
    const data = buildOrganisation(7);
    visitId = data.insert('Visits', {
      Name: 'Visit of Suzuki',
      Visitor_Name: 'Suzuki',
      Email: 'suzuki@example.jp',
      IP_Address: '10.0.9.9',
      Visited_Time: zohoTime(data.clock - 3_600_000),
      Time_Spent: 7,
      Visited_Pages: `${zohoTime(data.clock - 3_600_000)} https://example.test/pricing`,
    }).id;
    return data;
  },
  (env) => ({ server, db } = env),
);

const MINUTE = 60_000;
const now = (): number => server.data.clock;
const sync = () => runSync(db, zohoSourceFor(server), { now });
const owner = (): string =>
  (rawHandle(db).prepare('select id from users order by id limit 1').get() as { id: string }).id;
/** Zoho's leads named Suzuki of Suzuki Trading, whatever their e-mail. */
const zohoSuzukis = (): Record<string, unknown>[] =>
  [...server.data.table('Leads').values()].filter(
    (l) => l['Last_Name'] === 'Suzuki' && l['Company'] === 'Suzuki Trading',
  );
const visitPerson = (): string | null =>
  (
    rawHandle(db).prepare('select person_id from visits where id = ?').get(visitId) as {
      person_id: string | null;
    }
  ).person_id;
const localSuzukis = (): string[] =>
  (
    rawHandle(db).prepare("select id from people where last_name = 'Suzuki'").all() as {
      id: string;
    }[]
  ).map((p) => p.id);

function createSuzuki(email: string): string {
  return createLeadFromVisit(
    db,
    owner(),
    { visitId, firstName: 'Ichiro', lastName: 'Suzuki', email, company: 'Suzuki Trading' },
    now(),
  ).personId;
}
// The create only: a cut listing of Leads is read again, and would not lose the create's answer.
const loseCreateAnswer = (): void =>
  server.inject('cut', { path: /^\/crm\/v8\/Leads$/, method: 'POST' });

describe('a lead made here whose creation answer was lost', () => {
  // Zoho's default: Email allows duplicates, so nothing but a look refuses a second lead.
  it('is found in Zoho on the next sync, not created again, and the person here takes its id', async () => {
    await sync();
    createSuzuki('suzuki@example.jp');
    loseCreateAnswer();
    await sync();
    expect(zohoSuzukis()).toHaveLength(1);
    expect(countUnsent(db, 'lead')).toBe(1);
    server.data.clock += 5 * MINUTE;
    const summary = await sync();
    const made = zohoSuzukis();
    expect(made).toHaveLength(1);
    expect(countUnsent(db, 'lead')).toBe(0);
    expect(JSON.stringify(summary)).toContain(
      'The lead Suzuki was taken as the one Zoho holds with the e-mail suzuki@example.jp: an earlier attempt whose answer was lost had created it.',
    );
    expect(localSuzukis()).toEqual([String(made[0]?.id)]);
    expect(visitPerson()).toBe(String(made[0]?.id));
  });

  it('without an e-mail, is found by its last name and company, and not created again', async () => {
    await sync();
    createSuzuki('');
    loseCreateAnswer();
    await sync();
    server.data.clock += 5 * MINUTE;
    await sync();
    const made = zohoSuzukis();
    expect(made).toHaveLength(1);
    expect(made[0]?.['Email'] ?? null).toBeNull();
    expect(localSuzukis()).toEqual([String(made[0]?.id)]);
  });

  it('waits while Zoho’s search fails, and is taken, still once, when it answers', async () => {
    await sync();
    const localId = createSuzuki('suzuki@example.jp');
    loseCreateAnswer();
    await sync();
    // The search is all there is to ask: Zoho's Leads cannot be listed meanwhile.
    server.inject('no-permission', { path: /^\/crm\/v8\/Leads$/, method: 'GET', times: 1000 });
    server.inject('server-error', { path: /^\/crm\/v8\/Leads\/search$/, times: 50 });
    server.data.clock += 5 * MINUTE;
    await sync();
    // Neither sent again nor given up: still here, still waiting, and Zoho holds one.
    expect(zohoSuzukis()).toHaveLength(1);
    expect(countUnsent(db, 'lead')).toBe(1);
    expect(refusedLeadEntries(db)).toHaveLength(0);
    expect(visitPerson()).toBe(localId);

    server.clearFaults();
    server.data.clock += 5 * MINUTE;
    const summary = await sync();
    const made = zohoSuzukis();
    expect(made).toHaveLength(1);
    expect(countUnsent(db, 'lead')).toBe(0);
    expect(JSON.stringify(summary)).toContain(
      'The lead Suzuki was taken as the one Zoho holds with the e-mail suzuki@example.jp: an earlier attempt whose answer was lost had created it.',
    );
    expect(visitPerson()).toBe(String(made[0]?.id));
  });

  it('whose first attempt never reached Zoho, is created once when the search has had time to show it', async () => {
    await sync();
    createSuzuki('suzuki@example.jp');
    server.inject('server-error', { path: /^\/crm\/v8\/Leads$/, method: 'POST' });
    await sync();
    expect(zohoSuzukis()).toHaveLength(0);
    server.data.clock += 5 * MINUTE;
    await sync();
    // Zoho's search may lag a create: nothing found so soon proves nothing.
    expect(zohoSuzukis()).toHaveLength(0);
    expect(countUnsent(db, 'lead')).toBe(1);
    server.data.clock += 30 * MINUTE;
    await sync();
    await sync();
    const made = zohoSuzukis();
    expect(made).toHaveLength(1);
    expect(visitPerson()).toBe(String(made[0]?.id));
  });

  it('is not taken as another rep’s lead that holds its e-mail: it is refused, naming them', async () => {
    server.data.uniqueFields.set('Leads', new Set(['Email']));
    const colleague = server.data.users[1];
    if (!colleague) throw new Error('the organisation needs a second rep');
    await sync();
    const localId = createSuzuki('suzuki@example.jp');
    server.inject('server-error', { path: /^\/crm\/v8\/Leads$/, method: 'POST' });
    await sync();
    // Meanwhile a colleague registered Suzuki in Zoho, as their lead, with the same address.
    const theirs = server.data.insert('Leads', {
      Last_Name: 'Suzuki',
      Company: 'Suzuki Trading',
      Email: 'suzuki@example.jp',
      Owner: { id: colleague.id, name: colleague.full_name },
    }).id;
    server.data.clock += 31 * MINUTE;
    await sync();
    const [refused, ...more] = refusedLeadEntries(db);
    expect(more).toHaveLength(0);
    expect(refused?.last_error).toContain(
      `the e-mail suzuki@example.jp belongs to a lead of another rep, ${colleague.full_name} (record ${theirs})`,
    );
    expect(visitPerson()).toBe(localId);
    expect(localSuzukis().sort()).toEqual([localId, theirs].sort());
    expect(server.data.table('Leads').get(theirs)?.['Owner']).toMatchObject({ id: colleague.id });
    expect(zohoSuzukis()).toHaveLength(1);
  });

  it('is taken when Zoho’s search misses it and Zoho refuses its e-mail as a duplicate of the rep’s own lead', async () => {
    server.data.uniqueFields.set('Leads', new Set(['Email']));
    // Zoho's search index lags the create by more than the app waits for it.
    server.data.searchLagMs = 3 * 60 * MINUTE;
    await sync();
    createSuzuki('suzuki@example.jp');
    loseCreateAnswer();
    await sync();
    expect(zohoSuzukis()).toHaveLength(1);
    server.data.clock += 31 * MINUTE;
    const summary = await sync();
    const made = zohoSuzukis();
    expect(made).toHaveLength(1);
    expect(refusedLeadEntries(db)).toHaveLength(0);
    expect(countUnsent(db, 'lead')).toBe(0);
    expect(JSON.stringify(summary)).toContain(
      'The lead Suzuki was taken as the one Zoho holds with the e-mail suzuki@example.jp: an earlier attempt whose answer was lost had created it.',
    );
    // One person, not two: the one made here took Zoho's id, with its visit.
    await sync();
    expect(localSuzukis()).toEqual([String(made[0]?.id)]);
    expect(visitPerson()).toBe(String(made[0]?.id));
  });

  it('waits while Zoho refuses its search, then is set aside for Retry or Discard, saying why', async () => {
    await sync();
    const localId = createSuzuki('suzuki@example.jp');
    loseCreateAnswer();
    await sync();
    // The search is all there is to ask: Zoho's Leads cannot be listed meanwhile.
    server.inject('no-permission', { path: /^\/crm\/v8\/Leads$/, method: 'GET', times: 1000 });
    // Refused as asked (a 4xx): asking again the same way meets the same answer.
    server.inject('bad-request', {
      path: /^\/crm\/v8\/Leads\/search$/,
      times: 50,
      body: {
        code: 'INVALID_QUERY',
        details: { api_name: 'Email', reason: 'the field is not available for search' },
        message: 'invalid query formed',
        status: 'error',
      },
    });
    server.data.clock += 5 * MINUTE;
    await sync();
    expect(countUnsent(db, 'lead')).toBe(1);
    expect(refusedLeadEntries(db)).toHaveLength(0);

    server.data.clock += 30 * MINUTE;
    await sync();
    const [refused, ...more] = refusedLeadEntries(db);
    expect(more).toHaveLength(0);
    expect(refused?.last_error).toMatch(
      /^Zoho refused the search that tells whether the attempt of \d{4}-\d\d-\d\d \d\d:\d\d UTC created the lead Suzuki \(its answer was lost\), so it was not sent again: .*invalid query formed.*\. Look for Suzuki \(suzuki@example\.jp\) among your leads in Zoho: if it is there, Discard this one; if not, Retry creates it$/,
    );
    // Nothing sent again, nothing lost here.
    expect(zohoSuzukis()).toHaveLength(1);
    expect(visitPerson()).toBe(localId);
  });
});

describe('a lead made here whose creation answer was lost, once the records run has stored Zoho’s copy', () => {
  const refuseSearch = (): void =>
    server.inject('bad-request', {
      path: /^\/crm\/v8\/Leads\/search$/,
      times: 100,
      body: { code: 'INVALID_QUERY', message: 'invalid query formed', status: 'error' },
    });

  it('is one person after each sync while Zoho’s search lags the lead, and its visit is in Zoho', async () => {
    // Zoho's search shows a new lead 20 minutes late; a sync comes every 5.
    server.data.searchLagMs = 20 * MINUTE;
    await sync();
    const localId = createSuzuki('suzuki@example.jp');
    loseCreateAnswer();
    await sync();
    expect(localSuzukis()).toEqual([localId]);
    expect(notInCrmYet(visitPerson())).toBe(true);

    server.data.clock += 5 * MINUTE;
    const summary = await sync();
    const made = zohoSuzukis();
    expect(made).toHaveLength(1);
    // The copy the records run stored is the lead: not a second person beside the one made here.
    expect(localSuzukis()).toEqual([String(made[0]?.id)]);
    expect(visitPerson()).toBe(String(made[0]?.id));
    expect(notInCrmYet(visitPerson())).toBe(false);
    expect(countUnsent(db, 'lead')).toBe(0);
    expect(JSON.stringify(summary.leads)).toContain(
      'The lead Suzuki was taken as the one Zoho holds with the e-mail suzuki@example.jp: an earlier attempt whose answer was lost had created it.',
    );

    server.data.clock += 5 * MINUTE;
    await sync();
    expect(localSuzukis()).toEqual([String(made[0]?.id)]);
    expect(zohoSuzukis()).toHaveLength(1);
  });

  it('is taken as the stored copy though Zoho refuses the search, without being set aside', async () => {
    await sync();
    createSuzuki('suzuki@example.jp');
    loseCreateAnswer();
    await sync();
    refuseSearch();
    server.data.clock += 5 * MINUTE;
    await sync();
    const made = zohoSuzukis();
    expect(localSuzukis()).toEqual([String(made[0]?.id)]);
    expect(visitPerson()).toBe(String(made[0]?.id));
    server.data.clock += 35 * MINUTE;
    await sync();
    expect(refusedLeadEntries(db)).toHaveLength(0);
    expect(countUnsent(db, 'lead')).toBe(0);
    expect(localSuzukis()).toEqual([String(made[0]?.id)]);
    expect(zohoSuzukis()).toHaveLength(1);
  });

  it('discarded after Zoho refused the search, folds into Zoho’s lead when a sync stores it', async () => {
    await sync();
    const localId = createSuzuki('suzuki@example.jp');
    loseCreateAnswer();
    await sync();
    // Zoho's Leads cannot be listed meanwhile, so no sync stores the copy before the rep decides.
    server.inject('no-permission', { path: /^\/crm\/v8\/Leads$/, method: 'GET', times: 1000 });
    refuseSearch();
    server.data.clock += 5 * MINUTE;
    await sync();
    server.data.clock += 30 * MINUTE;
    await sync();
    const [refused] = refusedLeadEntries(db);
    if (!refused) throw new Error('the lead should be set aside for the rep');
    expect(localSuzukis()).toEqual([localId]);
    // The rep finds Suzuki among their leads in Zoho, as the words say, and discards this one.
    expect(discardRefusedEntry(db, refused.id, now())).toBe(true);

    server.clearFaults();
    refuseSearch();
    server.data.clock += 5 * MINUTE;
    await sync();
    const made = zohoSuzukis();
    expect(made).toHaveLength(1);
    expect(localSuzukis()).toEqual([String(made[0]?.id)]);
    expect(visitPerson()).toBe(String(made[0]?.id));
    expect(notInCrmYet(visitPerson())).toBe(false);
    expect(countUnsent(db, 'lead')).toBe(0);
  });

  it('discarded after Zoho refused the search, folds at once into Zoho’s lead stored meanwhile', async () => {
    await sync();
    const localId = createSuzuki('suzuki@example.jp');
    loseCreateAnswer();
    await sync();
    server.inject('no-permission', { path: /^\/crm\/v8\/Leads$/, method: 'GET', times: 1000 });
    refuseSearch();
    server.data.clock += 35 * MINUTE;
    await sync();
    const [refused] = refusedLeadEntries(db);
    if (!refused) throw new Error('the lead should be set aside for the rep');
    // A run that sends nothing (the outbox's step did not come) stores Zoho's copy meanwhile.
    server.clearFaults();
    refuseSearch();
    server.data.clock += 5 * MINUTE;
    await runSync(db, zohoSourceFor(server), { now, push: false });
    const made = zohoSuzukis();
    expect(localSuzukis().sort()).toEqual([localId, String(made[0]?.id)].sort());

    expect(discardRefusedEntry(db, refused.id, now())).toBe(true);
    expect(localSuzukis()).toEqual([String(made[0]?.id)]);
    expect(visitPerson()).toBe(String(made[0]?.id));
    expect(countUnsent(db, 'lead')).toBe(0);
    expect(zohoSuzukis()).toHaveLength(1);
  });

  it('set aside after Zoho refused the search, is created once when the rep retries it', async () => {
    await sync();
    createSuzuki('suzuki@example.jp');
    // The create never reaches Zoho; its attempt is unconfirmed all the same.
    server.inject('server-error', { path: /^\/crm\/v8\/Leads$/, method: 'POST' });
    await sync();
    refuseSearch();
    server.data.clock += 35 * MINUTE;
    await sync();
    const [refused] = refusedLeadEntries(db);
    if (!refused) throw new Error('the lead should be set aside for the rep');
    expect(zohoSuzukis()).toHaveLength(0);
    // The rep finds no Suzuki among their leads in Zoho: Retry creates it, without asking again.
    expect(retryRefusedCall(db, refused.id)).toBe(true);
    await sync();
    const made = zohoSuzukis();
    expect(made).toHaveLength(1);
    expect(refusedLeadEntries(db)).toHaveLength(0);
    expect(localSuzukis()).toEqual([String(made[0]?.id)]);
  });

  it('is not taken as another rep’s lead, nor as the rep’s own made before the attempt', async () => {
    const colleague = server.data.users[1];
    if (!colleague) throw new Error('the organisation needs a second rep');
    await sync();
    const me = owner();
    // The rep's own Suzuki lead of two hours before, and a colleague's made just now.
    const olderLead = server.data.insert(
      'Leads',
      {
        Last_Name: 'Suzuki',
        Company: 'Suzuki Trading',
        Email: 'suzuki@example.jp',
        Owner: { id: me },
      },
      now() - 120 * MINUTE,
    );
    // Edited since, so the records run lists it.
    olderLead['Modified_Time'] = zohoTime(now());
    const older = olderLead.id;
    const localId = createSuzuki('suzuki@example.jp');
    // The create never reaches Zoho; its attempt is unconfirmed all the same.
    server.inject('server-error', { path: /^\/crm\/v8\/Leads$/, method: 'POST' });
    await sync();
    const theirs = server.data.insert('Leads', {
      Last_Name: 'Suzuki',
      Company: 'Suzuki Trading',
      Email: 'suzuki@example.jp',
      Owner: { id: colleague.id, name: colleague.full_name },
    }).id;
    server.data.searchLagMs = 20 * MINUTE;
    server.data.clock += 5 * MINUTE;
    await sync();
    expect(localSuzukis().sort()).toEqual([localId, older, theirs].sort());
    expect(visitPerson()).toBe(localId);
    expect(countUnsent(db, 'lead')).toBe(1);
  });
});
