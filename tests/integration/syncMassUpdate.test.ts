import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmDataSet, ZRecord } from '../crm-server/crmDataSet';
import {
  eachTestSyncEnv,
  localSnapshot,
  serverSnapshot,
  zohoSourceFor,
  type SyncTestEnv,
} from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';

const MASS = 450;

/** 600 contacts, of which MASS were then changed by one mass update, all in one second. */
function massUpdated(): CrmDataSet {
  // The CRM's clock near this computer's, as Zoho's is (the pull's tally relies on it).
  const data = buildOrganisation(
    5,
    {
      contacts: 600,
      leads: 5,
      deals: 2,
      callsPerPerson: 0,
      events: 1,
      tasks: 1,
      cases: 1,
      visits: 1,
    },
    { start: Date.now() - 3_600_000 },
  );
  const at = data.tick();
  for (const rec of data.sorted('Contacts').slice(0, MASS))
    data.insert('Contacts', { ...rec, Title: 'Head of Purchasing' }, at);
  return data;
}

const people = (lines: string[]): string[] => lines.filter((l) => l.startsWith('people '));

/** The Contacts listings the sync asked for. */
const contactListings = (env: SyncTestEnv): string[] =>
  env.server.requests
    .map((r) => r.path)
    .filter((p) => p.startsWith('/crm/v8/Contacts?') && p.includes('sort_order=asc'));

/**
 * SY-2: a second with more records than a page is read page by page within it; a record of a
 * page already read that is edited before the next page is read leaves the second, and the
 * record that would have opened the next page moves onto the page read before.
 */
describe('a mass update of more than a page of records in one second', () => {
  let env: SyncTestEnv;
  eachTestSyncEnv('cw-mass-update-', massUpdated, (e) => (env = e));

  it('loses no record when one it already read is edited between two of its pages', async () => {
    const second = env.server.data.sorted('Contacts').slice(-MASS);
    const edited = second[0] as ZRecord;
    // Opened the second page of the second until the edit moved it up onto the first.
    const moved = second[200] as ZRecord;
    let edits = 0;
    env.server.beforeApiRequest = (path) => {
      if (edits > 0 || !path.startsWith('/crm/v8/Contacts?') || !/[?&]page=2(&|$)/.test(path))
        return;
      edits++;
      env.server.data.modify('Contacts', edited.id, { Last_Name: 'Edited' });
    };

    const summary = await runSync(env.db, zohoSourceFor(env.server));

    expect(edits).toBe(1);
    expect(people(localSnapshot(env.db))).toEqual(people(serverSnapshot(env.server.data)));
    expect(localSnapshot(env.db)).toContain(
      `people ${moved.id} contact ${String(moved['Last_Name'])} ${Date.parse(moved.Modified_Time)}`,
    );
    expect(summary.modules.Contacts?.upserted).toBe(600);
    // The first listing, then the second read three times (three pages each): the re-read found
    // the edited record gone, so one more read had to find the second unchanged.
    expect(contactListings(env)).toHaveLength(1 + 3 * 3);
  });

  it('reads an unchanged second once more, and no more', async () => {
    const summary = await runSync(env.db, zohoSourceFor(env.server));

    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
    expect(summary.modules.Contacts?.upserted).toBe(600);
    expect(contactListings(env)).toHaveLength(1 + 3 * 2);
  });
});
