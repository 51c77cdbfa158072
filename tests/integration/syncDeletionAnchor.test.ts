import { describe, expect, it } from 'vitest';
import { buildOrganisation, HEAD_START_ORG } from '../crm-server/crmFactories';
import type { CrmDataSet } from '../crm-server/crmDataSet';
import type { LoggedRequest } from '../crm-server/crmTestServer';
import {
  eachTestSyncEnv,
  localSnapshot,
  serverSnapshot,
  zohoSourceFor,
  type SyncTestEnv,
} from '../crm-server/syncHarness';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { runSync } from '../../src/main/sync/syncEngine';
import { SYNC_MODULES, type SyncModule } from '../../src/main/crm/crmSource';

// A first sync's deletions: Zoho keeps every deleted id (recycle bin and permanently deleted),
// and none deleted before the sync began can be here to remove.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Deleted long before the sync: five pages of leads, three of contacts, three of calls. */
const HISTORY = { Leads: 1_000, Contacts: 500, Calls: 450, Accounts: 30 } as const;

function withDeletionHistory(data: CrmDataSet): CrmDataSet {
  for (const [module, n] of Object.entries(HISTORY))
    for (let i = 0; i < n; i++) {
      const gone = data.insert(module, { Last_Name: `Gone ${i}`, Subject: `Gone ${i}` });
      data.remove(module, gone.id);
    }
  // The organisation has been used for a month since.
  data.clock += 30 * DAY_MS;
  return data;
}

const deletionRequests = (requests: readonly LoggedRequest[], module: string): LoggedRequest[] =>
  requests.filter((r) => r.path.startsWith(`/crm/v8/${module}/deleted`));

const peopleHere = (env: SyncTestEnv, id: string): number =>
  rawHandle(env.db).prepare('select count(*) from people where id = ?').pluck().get(id) as number;

// The test organisation has every module the sync reads.
const LISTED: readonly SyncModule[] = SYNC_MODULES;

class Killed extends Error {}

describe('a first sync of an organisation with a long history of deletions', () => {
  let env: SyncTestEnv;
  eachTestSyncEnv(
    'cw-delanchor-',
    () => withDeletionHistory(buildOrganisation(31, { contacts: 450, leads: 300 })),
    (e) => (env = e),
  );

  /** Deletes a lead the sync stored, two (CRM) hours into it, as its deletions are asked for. */
  const deleteLeadMidSync = (): { id: string } => {
    const lead = env.server.data.sorted('Leads')[0];
    if (!lead) throw new Error('no lead');
    let done = false;
    env.server.beforeApiRequest = (path) => {
      if (done || !path.startsWith('/crm/v8/Leads/deleted')) return;
      done = true;
      env.server.data.clock += 2 * HOUR_MS;
      env.server.data.remove('Leads', lead.id);
    };
    return { id: lead.id };
  };

  it('asks each module for its deletions once, and still removes a record deleted while it ran', async () => {
    const lead = deleteLeadMidSync();
    const summary = await runSync(env.db, zohoSourceFor(env.server), { emails: false });

    for (const module of LISTED)
      expect(deletionRequests(env.server.requests, module), module).toHaveLength(1);
    expect(peopleHere(env, lead.id)).toBe(0);
    expect(summary.modules.Leads?.deleted).toBe(1);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });

  it('gives a first sync through Bulk Read the same start for its deletions', async () => {
    const lead = deleteLeadMidSync();
    const summary = await runSync(env.db, zohoSourceFor(env.server), {
      emails: false,
      bulkRead: { aboveRecords: 250, pollIntervalMs: 1, pageSize: 150 },
    });

    expect(summary.bulk.Contacts?.jobs).toBe(1);
    expect(summary.bulk.Leads?.jobs).toBe(1);
    for (const module of LISTED)
      expect(deletionRequests(env.server.requests, module), module).toHaveLength(1);
    expect(peopleHere(env, lead.id)).toBe(0);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });

  it.each([
    ['no Date header', () => null],
    ['a Date header that is not a date', () => 'tomorrow at noon'],
  ])(
    'lists the whole history of deletions when the CRM’s answers carry %s',
    async (_what, date) => {
      env.server.dateHeader = date;
      const lead = deleteLeadMidSync();
      await runSync(env.db, zohoSourceFor(env.server), { emails: false });

      // 200 a page: the history, and the lead deleted while the sync ran.
      expect(deletionRequests(env.server.requests, 'Leads')).toHaveLength(6);
      expect(deletionRequests(env.server.requests, 'Contacts')).toHaveLength(3);
      expect(deletionRequests(env.server.requests, 'Calls')).toHaveLength(3);
      expect(peopleHere(env, lead.id)).toBe(0);
      expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
    },
  );

  it('keeps the start of its deletions when it is stopped and resumed a day later', async () => {
    let contactsPages = 0;
    await expect(
      runSync(env.db, zohoSourceFor(env.server), {
        emails: false,
        onProgress: (p) => {
          if (p.module === 'Contacts' && p.phase === 'records' && ++contactsPages === 1)
            throw new Killed();
        },
      }),
    ).rejects.toThrow(Killed);
    // A contact the stopped run stored is deleted an hour later; the sync resumes the next day.
    const stored = env.server.data.sorted('Contacts').find((c) => peopleHere(env, c.id) === 1);
    if (!stored) throw new Error('the stopped run stored no contact');
    env.server.data.clock += HOUR_MS;
    env.server.data.remove('Contacts', stored.id);
    env.server.data.clock += DAY_MS;
    env.server.requests.length = 0;

    await runSync(env.db, zohoSourceFor(env.server), { emails: false });

    expect(peopleHere(env, stored.id)).toBe(0);
    for (const module of LISTED)
      expect(deletionRequests(env.server.requests, module), module).toHaveLength(1);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });
});

describe('a large first sync that reads the rep’s own people first', () => {
  let env: SyncTestEnv;
  eachTestSyncEnv(
    'cw-delanchor-head-',
    () => {
      const data = buildOrganisation(11, HEAD_START_ORG);
      data.currentUserId = 'u2'; // a rep, who owns a third of the people
      return withDeletionHistory(data);
    },
    (e) => (env = e),
  );

  it('removes a person it stored ahead and the CRM deleted before the sync was resumed', async () => {
    const stop = new AbortController();
    // Stopped while the rep's people are being stored (a page of them is, by then).
    env.server.apiDelayMs = 30;
    env.server.beforeApiRequest = (path) => {
      if (path.includes('/Contacts/search') && path.includes('page=3')) stop.abort();
    };
    await expect(
      runSync(env.db, zohoSourceFor(env.server), { emails: false, signal: stop.signal }),
    ).rejects.toThrow();
    env.server.beforeApiRequest = null;
    env.server.apiDelayMs = 0;
    const ahead = rawHandle(env.db)
      .prepare("select id from people where module = 'contact' limit 1")
      .pluck()
      .get() as string | undefined;
    if (!ahead) throw new Error('the stopped run stored no contact ahead');
    env.server.data.clock += HOUR_MS;
    env.server.data.remove('Contacts', ahead);
    env.server.data.clock += DAY_MS;
    env.server.requests.length = 0;

    const summary = await runSync(env.db, zohoSourceFor(env.server), { emails: false });

    expect(summary.headStart).not.toBeNull();
    expect(peopleHere(env, ahead)).toBe(0);
    expect(deletionRequests(env.server.requests, 'Contacts')).toHaveLength(1);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });
});
