import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { ZRecord } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { pullRecord } from '../../src/main/crm/zoho/zohoModules';
import { listedVisit } from '../../src/main/crm/zoho/zohoVisitMap';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { transaction } from '../../src/main/db/sqlRun';
import { LocalStore } from '../../src/main/sync/localStore';
import { runSync } from '../../src/main/sync/syncEngine';

// An older copy of a call or a visit can reach a later run than its newer one: a person's visits
// read from their related list, a search index or an export that lags behind the listing. The run
// that meets it remembers nothing of the one before, so only the stored time can tell it is older.

let env: SyncTestEnv | null = null;
eachTestSyncEnv(
  'cw-older-later-',
  () => buildOrganisation(23),
  (e) => (env = e),
);

describe('an older copy of an activity or a visit read in a later run', () => {
  it('leaves the newer call and visit stored by an earlier run as they are', async () => {
    if (!env) throw new Error('no test environment');
    const { db, server } = env;
    const raw = rawHandle(db);
    const sync = () => runSync(db, zohoSourceFor(server), { now: () => server.data.clock });
    await sync();
    const call = server.data.sorted('Calls')[0] as ZRecord;
    const visit = server.data.sorted('Visits')[0] as ZRecord;
    const oldCall = { ...call };
    const oldVisit = { ...visit };
    server.data.modify('Calls', call.id, { Subject: 'Rescheduled' });
    server.data.modify('Visits', visit.id, { Time_Spent: 42, Search_Keyword: 'pricing' });
    await sync();
    const subject = (): unknown =>
      raw.prepare('select subject from activities where id = ?').pluck().get(call.id);
    const spent = (): unknown =>
      raw.prepare('select time_spent_s from visits where id = ?').pluck().get(visit.id);
    expect([subject(), spent()]).toEqual(['Rescheduled', 42 * 60]);

    // The next run, as the engine makes it: a store of its own, the CRM's copies as mapped.
    const now = server.data.clock;
    const store = new LocalStore(db, now);
    const person = (visit['Lead_Name'] as { id: string }).id;
    transaction(db, () => {
      store.store('Calls', pullRecord('Calls', oldCall, now, { timeZone: 'UTC' }), now);
      store.store('Visits', pullRecord('Visits', oldVisit, now, { timeZone: 'UTC' }), now);
      store.store('Visits', listedVisit(oldVisit, person), now);
    });
    expect([subject(), spent()]).toEqual(['Rescheduled', 42 * 60]);
    expect(
      raw.prepare('select search_keyword from visits where id = ?').pluck().get(visit.id),
    ).toBe('pricing');

    // A row stored without a time (before the update) is replaced by whatever copy comes.
    raw.prepare('update activities set modified_at = null where id = ?').run(call.id);
    transaction(db, () => {
      store.store('Calls', pullRecord('Calls', oldCall, now, { timeZone: 'UTC' }), now);
    });
    expect(subject()).toBe(oldCall['Subject']);
  });

  it('keeps the stored time when a copy without one replaces the row: an older copy after it still loses', async () => {
    if (!env) throw new Error('no test environment');
    const { db, server } = env;
    const raw = rawHandle(db);
    await runSync(db, zohoSourceFor(server), { now: () => server.data.clock });
    const visit = server.data.sorted('Visits')[0] as ZRecord;
    const oldVisit = { ...visit };
    server.data.modify('Visits', visit.id, { Time_Spent: 42 });
    await runSync(db, zohoSourceFor(server), { now: () => server.data.clock });
    const now = server.data.clock;
    const store = new LocalStore(db, now);
    const person = (visit['Lead_Name'] as { id: string }).id;
    const timeless = { ...server.data.table('Visits').get(visit.id), Modified_Time: undefined };
    transaction(db, () => {
      store.store('Visits', listedVisit(timeless as unknown as ZRecord, person), now);
      store.store('Visits', pullRecord('Visits', oldVisit, now, { timeZone: 'UTC' }), now);
    });
    expect(raw.prepare('select time_spent_s from visits where id = ?').pluck().get(visit.id)).toBe(
      42 * 60,
    );
  });
});
