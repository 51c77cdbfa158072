import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import {
  eachTestSyncEnv,
  localSnapshot,
  serverSnapshot,
  zohoSourceFor,
  type SyncTestEnv,
} from '../crm-server/syncHarness';
import type { SyncModule } from '../../src/main/crm/crmSource';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { runSync } from '../../src/main/sync/syncEngine';

// An administrator purges junk leads: each deleted lead stored here with an email no contact here
// has might have been converted (in an organisation whose converted leads show as deleted) into a
// contact made after this run read Contacts. Finding out must not cost a request per lead.

let env: SyncTestEnv;
eachTestSyncEnv(
  'cw-lead-purge-',
  () => buildOrganisation(5, { leads: 600 }),
  (e) => (env = e),
);

const NO_EMAILS = { emails: false } as const;
const count = (sql: string, ...args: unknown[]): number =>
  (
    rawHandle(env.db)
      .prepare(sql)
      .get(...args) as { n: number }
  ).n;
const people = (id: string): number => count('select count(*) as n from people where id = ?', id);
const calls = (personId: string): number =>
  count(
    `select count(*) as n from activities where person_id = ? and source_module = 'Calls'`,
    personId,
  );

/** Deletes 500 leads in Zoho; returns a lead with calls that is not among them. */
function purge(): string {
  const leads = [...env.server.data.table('Leads').values()];
  for (const lead of leads.slice(0, 500)) env.server.data.remove('Leads', lead.id);
  const kept = leads.slice(500).find((l) => calls(l.id) > 0 && l['Email']);
  if (!kept) throw new Error('no lead with calls outside the purge');
  return kept.id;
}

/** Converts the lead, deleting it as such an organisation does, once the run lists deletions. */
function convertDuringRun(leadId: string): () => string {
  let contactId = '';
  env.server.beforeApiRequest = (path) => {
    if (!contactId && path.startsWith('/crm/v8/Leads/deleted'))
      contactId = env.server.data.convertLead(leadId, { deleted: true }).id;
  };
  return () => contactId;
}

/** The run's requests to Zoho's API, and of them the contacts searches. */
function requestsSince(from: number): { all: number; searches: number } {
  const paths = env.server.requests
    .slice(from)
    .map((r) => r.path)
    .filter((p) => p.startsWith('/crm/'));
  return {
    all: paths.length,
    searches: paths.filter((p) => p.startsWith('/crm/v8/Contacts/search')).length,
  };
}

describe('a purge of 500 leads', () => {
  it('costs a few requests, not a contacts search per lead, and leaves none of them here', async () => {
    await runSync(env.db, zohoSourceFor(env.server), NO_EMAILS);
    purge();
    const from = env.server.requests.length;

    const summary = await runSync(env.db, zohoSourceFor(env.server), NO_EMAILS);

    // Before: 533 requests, 500 of them searches. Now the organisation (8), a listing of each of
    // the 9 modules and of its deletions (Leads' 3 pages, their calls' 5), the converted leads,
    // for each page of deleted leads a look at the contacts made since Contacts were read (3),
    // and the notes changed since (chat transcripts, VT-5).
    expect(requestsSince(from)).toEqual({ all: 37, searches: 0 });
    expect(summary.credits?.run).toBe(37);
    expect(summary.modules.Leads?.deleted).toBe(500);
    expect(summary.notes).toEqual([]);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });

  it('still makes a lead converted meanwhile into its contact, made after this run read Contacts', async () => {
    await runSync(env.db, zohoSourceFor(env.server), NO_EMAILS);
    const leadId = purge();
    const history = calls(leadId);
    const contactId = convertDuringRun(leadId);
    const from = env.server.requests.length;

    await runSync(env.db, zohoSourceFor(env.server), NO_EMAILS);
    env.server.beforeApiRequest = null;

    expect(contactId()).not.toBe('');
    expect(people(leadId)).toBe(0);
    expect(people(contactId())).toBe(1);
    expect(calls(contactId())).toBe(history);
    expect(requestsSince(from).searches).toBe(0);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });

  it('waits for a later sync when Zoho fails to list the contacts made since, and the sync goes on', async () => {
    await runSync(env.db, zohoSourceFor(env.server), NO_EMAILS);
    purge();
    env.server.beforeApiRequest = (path) => {
      if (path.startsWith('/crm/v8/Leads/deleted'))
        env.server.inject('server-error', { path: /^\/crm\/v8\/Contacts$/, times: 1_000 });
    };

    const failed = await runSync(env.db, zohoSourceFor(env.server), NO_EMAILS);
    env.server.beforeApiRequest = null;
    env.server.clearFaults();

    expect(failed.notes).toEqual([
      expect.stringMatching(
        /^Leads: records deleted in Zoho are not removed here: Zoho's listing of the contacts made since failed .*later sync/,
      ),
    ]);
    expect(failed.modules.Calls).toBeDefined();
    expect(count(`select count(*) as n from people where module = 'lead'`)).toBe(600);

    const next = await runSync(env.db, zohoSourceFor(env.server), NO_EMAILS);
    expect(next.notes).toEqual([]);
    expect(next.modules.Leads?.deleted).toBe(500);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });
});

describe('a purge of 500 leads in a run that does not list Contacts', () => {
  // `sync --modules Leads,Calls,Visits`: no listing of Contacts to read again, so Zoho is searched.
  const withoutContacts = { ...NO_EMAILS, modules: ['Leads', 'Calls', 'Visits'] as SyncModule[] };

  it('searches ten emails a request, and finds the contact of a lead converted meanwhile', async () => {
    await runSync(env.db, zohoSourceFor(env.server), NO_EMAILS);
    const leadId = purge();
    const history = calls(leadId);
    const contactId = convertDuringRun(leadId);
    const from = env.server.requests.length;

    const summary = await runSync(env.db, zohoSourceFor(env.server), withoutContacts);
    env.server.beforeApiRequest = null;

    // 501 leads with an email no contact here has, 200 a page of deletions: 20 + 20 + 11
    // searches (before: 501).
    expect(requestsSince(from).searches).toBe(51);
    expect(summary.modules.Leads?.deleted).toBe(501);
    expect(people(leadId)).toBe(0);
    expect(people(contactId())).toBe(1);
    expect(calls(contactId())).toBe(history);
  });

  it('searches the same way when Zoho fails to list Contacts in a run that reads them', async () => {
    await runSync(env.db, zohoSourceFor(env.server), NO_EMAILS);
    const leadId = purge();
    const history = calls(leadId);
    const contactId = convertDuringRun(leadId);
    // Contacts are not listed whole this run: the contacts made since cannot be read from there.
    env.server.inject('server-error', { path: /^\/crm\/v8\/Contacts$/, times: 100_000 });
    const from = env.server.requests.length;

    const summary = await runSync(env.db, zohoSourceFor(env.server), NO_EMAILS);
    env.server.beforeApiRequest = null;

    expect(summary.notes).toContainEqual(expect.stringMatching(/^Contacts could not be read/));
    expect(requestsSince(from).searches).toBe(51);
    expect(summary.modules.Leads?.deleted).toBe(501);
    expect(people(leadId)).toBe(0);
    expect(people(contactId())).toBe(1);
    expect(calls(contactId())).toBe(history);
  });
});
