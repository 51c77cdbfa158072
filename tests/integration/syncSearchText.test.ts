import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { ZRecord } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { createCore } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { runSync } from '../../src/main/sync/syncEngine';
import { countSearchFolds } from '../fixtures/searchFoldCalls';

/**
 * People search reads name, email and company kept folded with each person (migration 14): a
 * person the sync writes, and one it renames on a later run, are found as a rep types them. A
 * person written again with the same name, email and company is not folded again (migration 33).
 */
describe('people search after a sync from the CRM', () => {
  let env: SyncTestEnv;
  eachTestSyncEnv(
    'cw-sync-search-',
    () =>
      buildOrganisation(
        3,
        {
          contacts: 20,
          leads: 5,
          deals: 2,
          callsPerPerson: 0,
          events: 1,
          tasks: 1,
          cases: 1,
          visits: 1,
        },
        { start: Date.now() - 3_600_000 },
      ),
    (e) => (env = e),
  );

  it('finds a contact by the name the CRM sent, and by the new one after it is renamed there', async () => {
    const contact = env.server.data.sorted('Contacts')[0] as ZRecord;
    await runSync(env.db, zohoSourceFor(env.server));
    const core = createCore(env.db);
    const found = async (query: string) =>
      (await core.handlers.listPeople({ query, offset: 0, limit: 50 })).rows.map((r) => r.id);
    expect(await found(String(contact['Last_Name']))).toContain(contact.id);

    env.server.data.modify('Contacts', contact.id, { First_Name: 'Zoë', Last_Name: 'Østergård' });
    await runSync(env.db, zohoSourceFor(env.server));
    expect(await found('zoe ostergard')).toEqual([contact.id]);
    expect(await found('ZOË ØSTERGÅRD')).toEqual([contact.id]);
    expect(
      await found(`${String(contact['First_Name'])} ${String(contact['Last_Name'])}`),
    ).not.toContain(contact.id);
  });

  it('finds a person by the e-mail the CRM changed to, and no longer by the old one', async () => {
    const lead = env.server.data.sorted('Leads')[0] as ZRecord;
    await runSync(env.db, zohoSourceFor(env.server));
    const core = createCore(env.db);
    const found = async (query: string) =>
      (await core.handlers.listPeople({ query, offset: 0, limit: 50 })).rows.map((r) => r.id);
    expect(await found(String(lead['Email']))).toEqual([lead.id]);

    env.server.data.modify('Leads', lead.id, { Email: 'zoë.new@elsewhere.test' });
    await runSync(env.db, zohoSourceFor(env.server));
    expect(await found('zoe.new@elsewhere')).toEqual([lead.id]);
    expect(await found(String(lead['Email']))).toEqual([]);
  });

  it('does not fold again the people the CRM sends again with the same name, e-mail and company', async () => {
    await runSync(env.db, zohoSourceFor(env.server));
    const folds = countSearchFolds(rawHandle(env.db));
    // A mass update of a field that is stored but not searched: every person comes again.
    const everyone = [
      ...env.server.data.sorted('Contacts').map((r) => ['Contacts', r.id] as const),
      ...env.server.data.sorted('Leads').map((r) => ['Leads', r.id] as const),
    ];
    for (const [module, id] of everyone)
      env.server.data.modify(module, id, {
        [module === 'Leads' ? 'Designation' : 'Title']: 'Chief Listener',
      });
    await runSync(env.db, zohoSourceFor(env.server));

    const titles = rawHandle(env.db).prepare(`select distinct title from people`).pluck().all();
    expect(titles).toEqual(['Chief Listener']);
    expect(folds()).toBe(0);
    const core = createCore(env.db);
    for (const [module, id] of everyone) {
      const rec = env.server.data.table(module).get(id) as ZRecord;
      const rows = (
        await core.handlers.listPeople({ query: String(rec['Email']), offset: 0, limit: 50 })
      ).rows;
      expect(rows.map((r) => r.id)).toEqual([id]);
    }
  });
});
