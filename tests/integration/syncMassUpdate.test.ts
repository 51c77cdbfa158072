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
/** The second of the mass update. */
let massAt = 0;

/** 700 contacts and little else, the CRM's clock starting at `start`. */
function sevenHundredContacts(seed: number, start: number): CrmDataSet {
  return buildOrganisation(
    seed,
    {
      contacts: 700,
      leads: 5,
      deals: 2,
      callsPerPerson: 0,
      events: 1,
      tasks: 1,
      cases: 1,
      visits: 1,
    },
    { start },
  );
}

/** 700 contacts, of which MASS were then changed by one mass update, all in one second. */
function massUpdated(): CrmDataSet {
  // The CRM's clock near this computer's, as Zoho's is (the pull's tally relies on it).
  const data = sevenHundredContacts(5, Date.now() - 3_600_000);
  const at = data.tick();
  massAt = at;
  for (const rec of data.sorted('Contacts').slice(0, MASS))
    data.insert('Contacts', { ...rec, Title: 'Head of Purchasing' }, at);
  return data;
}

const people = (lines: string[]): string[] => lines.filter((l) => l.startsWith('people '));

/** The pages of Contacts listed from the mass update's second on (its If-Modified-Since). */
function pagesOfTheSecond(env: SyncTestEnv): number {
  const since = new Date(massAt - 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  return env.server.requests.filter(
    (r) =>
      r.path.startsWith('/crm/v8/Contacts?') &&
      r.path.includes('sort_order=asc') &&
      r.headers['if-modified-since'] === since,
  ).length;
}

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
    expect(summary.modules.Contacts?.upserted).toBe(700);
    // Read three times (three pages each): the CRM named the edited record as changed since, the
    // second read found it gone, so a third had to find the second unchanged.
    expect(pagesOfTheSecond(env)).toBe(3 * 3);
  });

  it('loses no record when one it already read is deleted between two of its pages', async () => {
    const second = env.server.data.sorted('Contacts').slice(-MASS);
    const gone = second[0] as ZRecord;
    let deletions = 0;
    env.server.beforeApiRequest = (path) => {
      if (deletions > 0 || !path.startsWith('/crm/v8/Contacts?') || !/[?&]page=2(&|$)/.test(path))
        return;
      deletions++;
      env.server.data.remove('Contacts', gone.id);
    };

    await runSync(env.db, zohoSourceFor(env.server));

    expect(deletions).toBe(1);
    expect(people(localSnapshot(env.db))).toEqual(people(serverSnapshot(env.server.data)));
  });

  it('reads an unchanged second once, when one page of changes and one of deletions vouch for it', async () => {
    const summary = await runSync(env.db, zohoSourceFor(env.server));

    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
    expect(summary.modules.Contacts?.upserted).toBe(700);
    expect(pagesOfTheSecond(env)).toBe(3);
    // What vouched for it: the Contacts changed after the second, and those deleted since.
    const since = new Date(massAt).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    const asked = env.server.requests.filter((r) => r.headers['if-modified-since'] === since);
    expect(asked.map((r) => r.path.replace(/fields=[^&]*&/, ''))).toEqual([
      '/crm/v8/Contacts?per_page=200&sort_by=Modified_Time&sort_order=desc',
      '/crm/v8/Contacts/deleted?type=all&per_page=200&page=1',
    ]);
  });

  it('reads it once more when more records changed after it than one page shows', async () => {
    const data = env.server.data;
    for (const rec of data.sorted('Contacts').slice(0, 210))
      data.modify('Contacts', rec.id, { Title: 'Buyer' });

    await runSync(env.db, zohoSourceFor(env.server));

    expect(localSnapshot(env.db)).toEqual(serverSnapshot(data));
    // The CRM's answer did not name every record changed after the second: read twice.
    expect(pagesOfTheSecond(env)).toBe(3 * 2);
  });
});

/**
 * An import of a week ago, and more records edited since than a page holds, the last of them
 * hours before the sync: only a record edited while the second was read can have left it, so the
 * question is asked from then by the CRM's clock (its answers' Date, less ten minutes), and the
 * imported second is read once.
 */
describe('a mass update of a week ago, in an organisation edited since', () => {
  let env: SyncTestEnv;
  let importedAt = 0;
  eachTestSyncEnv(
    'cw-mass-import-',
    () => {
      const data = sevenHundredContacts(6, Date.now() - 7 * 86_400_000);
      importedAt = data.tick();
      const contacts = data.sorted('Contacts');
      for (const rec of contacts.slice(0, MASS))
        data.insert('Contacts', { ...rec, Title: 'Imported' }, importedAt);
      // This morning: 240 other contacts edited, one a minute, five hours ago.
      contacts
        .slice(MASS, MASS + 240)
        .forEach((rec, i) =>
          data.insert(
            'Contacts',
            { ...rec, Title: 'Edited' },
            Date.now() - 5 * 3_600_000 + i * 60_000,
          ),
        );
      // The CRM's clock is today's, as Zoho's is.
      data.clock = Date.now();
      return data;
    },
    (e) => (env = e),
  );

  it('reads the imported second once', async () => {
    await runSync(env.db, zohoSourceFor(env.server));

    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
    const since = new Date(importedAt - 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    const pages = env.server.requests.filter(
      (r) =>
        r.path.startsWith('/crm/v8/Contacts?') &&
        r.path.includes('sort_order=asc') &&
        r.headers['if-modified-since'] === since,
    ).length;
    expect(pages).toBe(3);
  });
});
