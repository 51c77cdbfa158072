import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { ZRecord } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { createCore } from '../../src/main/core/createCore';
import { runSync } from '../../src/main/sync/syncEngine';

/**
 * People search reads name, email and company kept folded with each person (migration 14): a
 * person the sync writes, and one it renames on a later run, are found as a rep types them.
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
  });
});
