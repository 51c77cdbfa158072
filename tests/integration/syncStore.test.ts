import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { syncDb } from '../crm-server/syncHarness';
import { LocalStore } from '../../src/main/sync/localStore';
import type { CrmUser, PersonWrite } from '../../src/main/crm/crmSource';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';

let dir: TempDir;
let db: Db;
beforeEach(async () => {
  dir = makeTempDir('cw-store-');
  db = await syncDb(dir.file('store.db'));
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

const user = (id: string, managerId: string | null): CrmUser => ({
  id,
  name: `User ${id}`,
  email: `${id}@example.test`,
  role: 'rep',
  managerId,
  team: null,
  timeZone: 'Europe/Berlin',
  active: true,
});
const org = { name: 'Org', timeZone: 'Europe/Berlin', businessHours: { days: [] } };

function person(id: string, lastName: string): PersonWrite {
  return {
    id,
    module: 'lead',
    first_name: null,
    last_name: lastName,
    email: null,
    phone: null,
    title: null,
    company: null,
    account_id: 'no-such-account',
    owner_id: 'u1',
    country: null,
    time_zone: null,
    lead_status: null,
    lead_source: null,
    days_visited: null,
    chats_count: null,
    avg_time_spent_min: null,
    first_visit_at: null,
    last_visit_at: null,
    first_visited_url: null,
    visit_referrer: null,
    visitor_score: null,
    created_at: 1,
    modified_at: 2,
  };
}

describe('the sync store', () => {
  it('stores a user who reports to a manager listed after them, and updates users in place', () => {
    const store = new LocalStore(db);
    rawHandle(db).transaction(() =>
      store.writeOrganisation(org, [user('u1', 'u9'), user('u9', null)], 'zoho'),
    )();
    expect(rawHandle(db).prepare(`select id, manager_id from users order by id`).all()).toEqual([
      { id: 'u1', manager_id: 'u9' },
      { id: 'u9', manager_id: null },
    ]);
    rawHandle(db).transaction(() => store.writeOrganisation(org, [user('u1', null)], 'zoho'))();
    expect(
      rawHandle(db).prepare(`select id, manager_id, active from users order by id`).all(),
    ).toEqual([
      { id: 'u1', manager_id: null, active: 1 },
      { id: 'u9', manager_id: null, active: 0 },
    ]);
  });

  it('updates a person in place: what points at them stays, references to unknown rows become null', () => {
    const store = new LocalStore(db);
    rawHandle(db).transaction(() => store.writeOrganisation(org, [user('u1', null)], 'zoho'))();
    store.apply([{ table: 'people', row: person('p1', 'Before') }]);
    rawHandle(db)
      .prepare(
        `insert into plan_actions (user_id, person_id, day, action, at) values ('u1', 'p1', '2026-01-05', 'done', 0)`,
      )
      .run();
    store.apply([{ table: 'people', row: { ...person('p1', 'After'), owner_id: 'u-gone' } }]);
    expect(
      rawHandle(db).prepare(`select last_name, owner_id, account_id from people`).all(),
    ).toEqual([{ last_name: 'After', owner_id: null, account_id: null }]);
    expect(rawHandle(db).prepare(`select count(*) as n from plan_actions`).get()).toEqual({ n: 1 });
  });
});
