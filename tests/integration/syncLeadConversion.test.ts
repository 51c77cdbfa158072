import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import {
  eachTestSyncEnv,
  localSnapshot,
  type SyncTestEnv,
  serverSnapshot,
  zohoSourceFor,
} from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { logCall } from '../../src/main/planner/planActions';
import { readState, writeState } from '../../src/main/sync/syncState';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { SyncModule } from '../../src/main/crm/crmSource';

// Zoho keeps a converted lead, hidden from the Leads listing and absent from /Leads/deleted
// (CrmDataSet.convertLead): the sync must still end with one person holding the lead's history.

let server: CrmTestServer;
let db: Db;

eachTestSyncEnv(
  'cw-leadconv-',
  () => buildOrganisation(23),
  (env) => ({ server, db } = env),
);

const count = (sql: string, ...args: unknown[]): number =>
  (
    rawHandle(db)
      .prepare(sql)
      .get(...args) as { n: number }
  ).n;
const history = (personId: string): { calls: number; visits: number } => ({
  calls: count(
    `select count(*) as n from activities where person_id = ? and source_module = 'Calls'`,
    personId,
  ),
  visits: count('select count(*) as n from visits where person_id = ?', personId),
});
const people = (id: string): number => count('select count(*) as n from people where id = ?', id);

/** A lead stored with calls and visits of its own, as the rep sees it before the conversion. */
function leadWithHistory(): { id: string; calls: number; visits: number } {
  const row = rawHandle(db)
    .prepare(
      `select p.id from people p where p.module = 'lead'
         and exists (select 1 from activities a where a.person_id = p.id and a.source_module = 'Calls')
         and exists (select 1 from visits v where v.person_id = p.id)
       order by p.id limit 1`,
    )
    .get() as { id: string } | undefined;
  if (!row) throw new Error('the organisation has no lead with calls and visits');
  return { id: row.id, ...history(row.id) };
}

describe('a lead converted in Zoho', () => {
  it('is one person, the contact, holding the lead’s calls and visits after the next sync', async () => {
    await runSync(db, zohoSourceFor(server));
    const lead = leadWithHistory();
    // The rep marked the lead done on their plan before it was converted.
    rawHandle(db)
      .prepare(
        `insert into plan_actions (user_id, person_id, day, channel, action, at) values ('u2', ?, '2026-01-05', 'call', 'done', ?)`,
      )
      .run(lead.id, Date.UTC(2026, 0, 5, 9));
    const contact = server.data.convertLead(lead.id);
    const asked = server.requests.length;

    const summary = await runSync(db, zohoSourceFor(server));

    expect(people(lead.id)).toBe(0);
    expect(people(contact.id)).toBe(1);
    expect(history(contact.id)).toEqual({ calls: lead.calls, visits: lead.visits });
    expect(count('select count(*) as n from plan_actions where person_id = ?', contact.id)).toBe(1);
    expect(
      count('select count(*) as n from people where email = ?', String(contact['Email'])),
    ).toBe(1);
    expect(summary.modules.Leads?.deleted).toBe(1);
    expect(summary.notes).toEqual([]);
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    // Found incrementally, among the leads converted since the last look.
    const looks = server.requests
      .slice(asked)
      .filter((r) => r.path.startsWith('/crm/v8/Leads?') && r.path.includes('converted=true'));
    expect(looks.length).toBe(1);
    expect(typeof looks[0]?.headers['if-modified-since']).toBe('string');
  });

  it('becomes its contact when the contact was made after this sync read Contacts', async () => {
    await runSync(db, zohoSourceFor(server));
    const lead = leadWithHistory();
    let contactId = '';
    // Converted once the next sync has read Contacts (Leads look for deletions only after).
    server.beforeApiRequest = (path) => {
      if (!contactId && path.startsWith('/crm/v8/Leads/deleted'))
        contactId = server.data.convertLead(lead.id).id;
    };
    await runSync(db, zohoSourceFor(server));
    server.beforeApiRequest = null;

    expect(contactId).not.toBe('');
    expect(people(lead.id)).toBe(0);
    expect(people(contactId)).toBe(1);
    expect(history(contactId)).toEqual({ calls: lead.calls, visits: lead.visits });
    expect(server.requests.some((r) => r.path.startsWith(`/crm/v8/Contacts/${contactId}?`))).toBe(
      true,
    );
  });

  it('merges into the existing contact it was converted to, whatever its email', async () => {
    await runSync(db, zohoSourceFor(server));
    const lead = leadWithHistory();
    const existing = [...server.data.table('Contacts').values()].find(
      (c) => c['Email'] !== server.data.table('Leads').get(lead.id)?.['Email'],
    );
    if (!existing) throw new Error('no contact to convert into');
    const before = history(existing.id);
    server.data.convertLead(lead.id, { into: existing.id });

    await runSync(db, zohoSourceFor(server));

    expect(people(lead.id)).toBe(0);
    expect(history(existing.id)).toEqual({
      calls: before.calls + lead.calls,
      visits: before.visits + lead.visits,
    });
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });

  it('leaves leads converted before a first sync out, and merges one converted during it', async () => {
    const leads = [...server.data.table('Leads').keys()];
    const before = [leads[1] ?? '', leads[4] ?? ''];
    for (const id of before) server.data.convertLead(id);
    const during = leads[7] ?? '';
    let contactId = '';
    // Converted once the first sync has stored the lead, before it looks for deletions.
    server.beforeApiRequest = (path) => {
      if (!contactId && path.startsWith('/crm/v8/Leads/deleted'))
        contactId = server.data.convertLead(during).id;
    };
    await runSync(db, zohoSourceFor(server));
    server.beforeApiRequest = null;

    for (const id of [...before, during]) expect(people(id)).toBe(0);
    expect(people(contactId)).toBe(1);
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });

  it('merges the other conversions of a page when Zoho will not answer for one lead', async () => {
    await runSync(db, zohoSourceFor(server));
    const leads = rawHandle(db)
      .prepare(`select id from people where module = 'lead' order by id limit 2`)
      .pluck()
      .all() as string[];
    const [refused, answered] = leads;
    if (!refused || !answered) throw new Error('the organisation has fewer than two leads');
    server.data.convertLead(refused);
    const contact = server.data.convertLead(answered);
    // The read of one converted lead is refused on every try (a sharing rule).
    server.inject('no-permission', {
      path: new RegExp(`^/crm/v8/Leads/${refused}$`),
      times: 100,
    });

    const summary = await runSync(db, zohoSourceFor(server));

    expect(people(answered)).toBe(0);
    expect(people(contact.id)).toBe(1);
    expect(people(refused)).toBe(1);
    expect(summary.notes).toEqual([]);
  });

  it('lists again from where the look began when its page token expired between two runs', async () => {
    await runSync(db, zohoSourceFor(server));
    const lead = leadWithHistory();
    const contact = server.data.convertLead(lead.id);
    // A look stopped past Zoho's tenth page, resumed more than a day later: its token is gone.
    const state = readState(db, 'Leads:converted');
    writeState(
      db,
      'Leads:converted',
      {
        ...state,
        cursor: { anchor: null, position: JSON.stringify({ token: 'expired' }), maxSeen: null },
      },
      server.data.clock,
    );

    const summary = await runSync(db, zohoSourceFor(server));

    expect(summary.notes).toEqual([]);
    expect(people(lead.id)).toBe(0);
    expect(history(contact.id)).toEqual({ calls: lead.calls, visits: lead.visits });
  });

  it('takes a call logged with the lead and not yet sent to the contact it became', async () => {
    await runSync(db, zohoSourceFor(server));
    const lead = leadWithHistory();
    const owner = (
      rawHandle(db).prepare('select owner_id from people where id = ?').get(lead.id) as {
        owner_id: string;
      }
    ).owner_id;
    logCall(
      db,
      owner,
      {
        personId: lead.id,
        outcome: 'answered',
        durationMin: 3,
        note: 'Qualified',
        date: '2026-01-05',
      },
      server.data.clock - 60_000,
    );
    // Qualified on the call, converted in Zoho before the next sync.
    const contact = server.data.convertLead(lead.id);

    const summary = await runSync(db, zohoSourceFor(server));

    expect(summary.outbox).toEqual({ pushed: 1, failed: 0 });
    const pushed = [...server.data.table('Calls').values()].filter(
      (c) => c['Description'] === 'Qualified',
    );
    expect(pushed.map((c) => (c['Who_Id'] as { id?: string } | null)?.id)).toEqual([contact.id]);
  });

  it('is found by the weekly look at every conversion when the conversion left its Modified_Time', async () => {
    await runSync(db, zohoSourceFor(server));
    const lead = leadWithHistory();
    const contact = server.data.convertLead(lead.id, { keepModifiedTime: true });
    await runSync(db, zohoSourceFor(server));
    // Asked only for conversions modified since the last look: this one is older.
    expect(people(lead.id)).toBe(1);

    const inAWeek = Date.now() + 7 * 86_400_000;
    await runSync(db, zohoSourceFor(server), { now: () => inAWeek });
    expect(people(lead.id)).toBe(0);
    expect(history(contact.id)).toEqual({ calls: lead.calls, visits: lead.visits });
  });

  it('takes the contact from the listing when the listing names it ({ name, id })', async () => {
    server.data.convertedDetail = { contactAs: 'object', inListing: true };
    await runSync(db, zohoSourceFor(server));
    const lead = leadWithHistory();
    const contact = server.data.convertLead(lead.id);
    const asked = server.requests.length;

    await runSync(db, zohoSourceFor(server));

    expect(people(lead.id)).toBe(0);
    expect(history(contact.id)).toEqual({ calls: lead.calls, visits: lead.visits });
    // Nothing read lead by lead.
    expect(server.requests.slice(asked).some((r) => /^\/crm\/v8\/Leads\/\d+/.test(r.path))).toBe(
      false,
    );
  });

  it('leaves the lead list, its history with it, when the contact it became was deleted in Zoho', async () => {
    await runSync(db, zohoSourceFor(server));
    const lead = leadWithHistory();
    const contact = server.data.convertLead(lead.id);
    // Zoho's recycle bin takes the contact's calls and visits with it: the lead's, moved there.
    server.data.remove('Contacts', contact.id);

    const summary = await runSync(db, zohoSourceFor(server));

    expect(people(lead.id)).toBe(0);
    expect(history(lead.id)).toEqual({ calls: 0, visits: 0 });
    expect(summary.modules.Leads?.deleted).toBe(1);
    expect(summary.notes).toEqual([]);
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    // Nothing left to ask about it at the weekly look at every conversion.
    server.data.clock += 8 * 86_400_000;
    const asked = server.requests.length;
    await runSync(db, zohoSourceFor(server));
    expect(server.requests.slice(asked).some((r) => r.path.includes(contact.id))).toBe(false);
  });

  it.each([
    ['will not let this user read the contact it became', 'no-permission'],
    // 200 with no record: no documented shape, so not "deleted" (only a 204 says that).
    ['answers the contact it became without its record', 'empty-200'],
  ] as const)('stays a lead, its history with it, while Zoho %s', async (_, fault) => {
    await runSync(db, zohoSourceFor(server));
    const lead = leadWithHistory();
    let contactId = '';
    // Converted once the next sync has read Contacts: only a read of the contact finds it.
    server.beforeApiRequest = (path) => {
      if (contactId || !path.startsWith('/crm/v8/Leads/deleted')) return;
      contactId = server.data.convertLead(lead.id).id;
      server.inject(fault, { path: new RegExp(`^/crm/v8/Contacts/${contactId}$`), times: 100 });
    };

    await runSync(db, zohoSourceFor(server));
    server.beforeApiRequest = null;

    expect(contactId).not.toBe('');
    expect(server.requests.some((r) => r.path.startsWith(`/crm/v8/Contacts/${contactId}?`))).toBe(
      true,
    );
    expect(people(lead.id)).toBe(1);
    expect(history(lead.id)).toEqual({ calls: lead.calls, visits: lead.visits });
  });

  it('waits for a later sync when Zoho will not say whom it became, and the sync goes on', async () => {
    await runSync(db, zohoSourceFor(server));
    const lead = leadWithHistory();
    const contact = server.data.convertLead(lead.id);
    // The read of the converted lead itself is refused this time.
    server.inject('no-permission', { path: new RegExp(`^/crm/v8/Leads/${lead.id}$`) });

    const failed = await runSync(db, zohoSourceFor(server));
    expect(failed.notes).toEqual([
      expect.stringContaining('Leads: converted leads are not merged into their contacts'),
    ]);
    expect(failed.modules.Calls).toBeDefined();
    expect(people(lead.id)).toBe(1);

    const next = await runSync(db, zohoSourceFor(server));
    expect(next.notes).toEqual([]);
    expect(people(lead.id)).toBe(0);
    expect(history(contact.id)).toEqual({ calls: lead.calls, visits: lead.visits });
  });
});

describe('a lead deleted in Zoho, in a run that does not list Contacts, when the contacts search is not there', () => {
  // A run that lists Contacts reads the contacts made since instead of searching
  // (syncLeadDeletions.test.ts); `sync --modules Leads,Calls,Visits` searches.
  const withoutContacts = { modules: ['Leads', 'Calls', 'Visits'] as SyncModule[] };
  /** A stored lead with an email no contact has: only Zoho's search could say it became one. */
  function deletedLeadNoContactHas(): string {
    const lead = leadWithHistory();
    const email = String(server.data.table('Leads').get(lead.id)?.['Email'] ?? '');
    expect(email).not.toBe('');
    expect(
      count('select count(*) as n from people where module = ? and email = ?', 'contact', email),
    ).toBe(0);
    server.data.remove('Leads', lead.id);
    return lead.id;
  }
  const searched = (from: number): boolean =>
    server.requests.slice(from).some((r) => r.path.startsWith('/crm/v8/Contacts/search?'));

  it.each([
    ['lacks the search scope', () => (server.data.searchScope = false)],
    [
      'may not search (403)',
      () => server.inject('no-permission', { path: /^\/crm\/v8\/Contacts\/search$/, times: 100 }),
    ],
  ])('is deleted, and the sync goes on, when the sign-in %s', async (_, refuse) => {
    await runSync(db, zohoSourceFor(server));
    const leadId = deletedLeadNoContactHas();
    refuse();
    const asked = server.requests.length;

    const summary = await runSync(db, zohoSourceFor(server), withoutContacts);

    expect(searched(asked)).toBe(true);
    expect(people(leadId)).toBe(0);
    expect(summary.modules.Leads?.deleted).toBe(1);
    expect(summary.modules.Calls).toBeDefined();
    const said = summary.notes.filter((n) => n.includes('not checked for a conversion'));
    expect(said).toHaveLength(1);
    if (!server.data.searchScope) expect(said[0]).toContain('ZohoSearch.securesearch.READ');
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    // The deletions' cursor moved on: the next run neither fails nor asks about it again.
    const again = server.requests.length;
    const next = await runSync(db, zohoSourceFor(server));
    expect(next.notes).toEqual([]);
    expect(searched(again)).toBe(false);
  });

  it('waits for a later sync when the search fails, and the sync goes on', async () => {
    await runSync(db, zohoSourceFor(server));
    const leadId = deletedLeadNoContactHas();
    server.inject('server-error', { path: /^\/crm\/v8\/Contacts\/search$/, times: 1_000 });

    const failed = await runSync(db, zohoSourceFor(server), withoutContacts);

    expect(failed.notes).toEqual([
      expect.stringMatching(
        /^Leads: records deleted in Zoho are not removed here: Zoho's contacts search failed .*later sync/,
      ),
    ]);
    expect(failed.modules.Calls).toBeDefined();
    expect(people(leadId)).toBe(1);

    server.clearFaults();
    const next = await runSync(db, zohoSourceFor(server), withoutContacts);
    expect(next.notes).toEqual([]);
    expect(people(leadId)).toBe(0);
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });
});

describe('many leads converted between two syncs', () => {
  let env: SyncTestEnv;
  eachTestSyncEnv(
    'cw-leadconv-many-',
    () => buildOrganisation(29, { leads: 420, callsPerPerson: 1, visits: 0 }),
    (e) => (env = e),
  );

  it('merges them over pages, and a sync killed after the first page resumes without counting twice', async () => {
    await runSync(env.db, zohoSourceFor(env.server));
    const leads = [...env.server.data.table('Leads').keys()];
    const contactOf = new Map(leads.map((id) => [id, env.server.data.convertLead(id).id]));
    const calls = (personId: string): number =>
      (
        rawHandle(env.db)
          .prepare(
            `select count(*) as n from activities where person_id = ? and source_module = 'Calls'`,
          )
          .get(personId) as { n: number }
      ).n;
    const before = new Map(leads.map((id) => [id, calls(id)]));

    class Killed extends Error {}
    await expect(
      runSync(env.db, zohoSourceFor(env.server), {
        onProgress: (p) => {
          if (p.module === 'Leads' && p.phase === 'deletions' && p.counts.deleted > 0)
            throw new Killed();
        },
      }),
    ).rejects.toThrow(Killed);
    const left = (): number =>
      (
        rawHandle(env.db)
          .prepare(`select count(*) as n from people where module = 'lead'`)
          .get() as {
          n: number;
        }
      ).n;
    expect(left()).toBe(leads.length - 200);

    const summary = await runSync(env.db, zohoSourceFor(env.server));
    expect(summary.modules.Leads?.deleted).toBe(leads.length);
    expect(left()).toBe(0);
    for (const [lead, contact] of contactOf) expect(calls(contact)).toBe(before.get(lead));
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });
});
