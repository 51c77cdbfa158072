import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { personWrite } from '../fixtures/personWrite';
import { syncDb } from '../crm-server/syncHarness';
import { LocalStore } from '../../src/main/sync/localStore';
import type { CrmUser, LocalWrite, PersonWrite, PulledRecord } from '../../src/main/crm/crmSource';
import { TouchedPeople } from '../../src/main/sync/touchedPeople';
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
  shiftId: null,
});
const org = { name: 'Org', timeZone: 'Europe/Berlin', businessHours: { days: [] } };

const person = (id: string, lastName: string): PersonWrite =>
  personWrite(id, lastName, { account_id: 'no-such-account', owner_id: 'u1' });

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

  it('keeps a person’s newer copy over an older one, and the older one changes nobody', () => {
    const store = new LocalStore(db);
    rawHandle(db).transaction(() => store.writeOrganisation(org, [user('u1', null)], 'zoho'))();
    const copy = (lastName: string, at: number): PulledRecord => ({
      id: 'p1',
      modifiedAt: at,
      writes: [{ table: 'people', row: { ...person('p1', lastName), modified_at: at } }],
      raw: {},
    });
    store.store('Leads', copy('Newer', 5_000), 1);
    const touched = new TouchedPeople(db);
    touched.attach();
    try {
      expect(store.store('Leads', copy('Older', 4_000), 1)).toBe(true);
      expect(touched.take()).toEqual([]);
      expect(rawHandle(db).prepare(`select last_name, modified_at from people`).all()).toEqual([
        { last_name: 'Newer', modified_at: 5_000 },
      ]);
      // The same modification again (a re-read second) is written as it is.
      store.store('Leads', copy('Again', 5_000), 1);
      expect(touched.take()).toEqual(['p1']);
    } finally {
      touched.detach();
    }
  });

  it('keeps the database’s newer person over an older copy a later store meets', () => {
    // A store that met neither copy (another run, a head start's): the row's own time decides.
    rawHandle(db).transaction(() =>
      new LocalStore(db).writeOrganisation(org, [user('u1', null)], 'zoho'),
    )();
    const stored = (lastName: string, at: number): PulledRecord => ({
      id: 'p1',
      modifiedAt: at,
      writes: [{ table: 'people', row: { ...person('p1', lastName), modified_at: at } }],
      raw: {},
    });
    new LocalStore(db).store('Leads', stored('Newer', 5_000), 1);
    expect(new LocalStore(db).store('Leads', stored('Older', 4_000), 1)).toBe(true);
    expect(rawHandle(db).prepare(`select last_name, modified_at from people`).all()).toEqual([
      { last_name: 'Newer', modified_at: 5_000 },
    ]);
  });

  it('keeps a visit’s newer copy, with its pages, over an older one read after it', () => {
    const store = new LocalStore(db);
    const visit = (at: number, urls: string[]): PulledRecord => {
      const write: LocalWrite = {
        table: 'visits',
        row: {
          id: 'v1',
          person_id: null,
          visitor_name: null,
          visitor_email: null,
          ip: null,
          started_at: 1_000,
          ended_at: null,
          time_spent_s: urls.length * 30,
          referrer: null,
          search_engine: null,
          search_keyword: null,
          actions: null,
        },
        pages: urls.map((url, i) => ({ url, title: null, viewed_at: 1_000 + i, time_spent_s: 30 })),
        chats: [],
      };
      return { id: 'v1', modifiedAt: at, writes: [write], raw: {} };
    };
    store.store('Visits', visit(5_000, ['/a', '/b']), 1);
    store.store('Visits', visit(4_000, ['/a']), 1);
    expect(rawHandle(db).prepare(`select url from visit_pages order by url`).pluck().all()).toEqual(
      ['/a', '/b'],
    );
    expect(rawHandle(db).prepare(`select time_spent_s from visits`).pluck().all()).toEqual([60]);
  });

  it('removes a call moved off its person, but not for an older copy read after the move back', () => {
    rawHandle(db).transaction(() =>
      new LocalStore(db).writeOrganisation(org, [user('u1', null)], 'zoho'),
    )();
    const store = new LocalStore(db);
    store.apply([{ table: 'people', row: person('p1', 'Lund') }]);
    const onPerson = (at: number): PulledRecord => ({
      id: 'c1',
      modifiedAt: at,
      writes: [
        {
          table: 'activities',
          row: {
            id: 'c1',
            person_id: 'p1',
            owner_id: 'u1',
            signal: 'call_answered',
            kind: 'call',
            channel: 'call',
            direction: 'out',
            started_at: 1_000,
            duration_s: 120,
            subject: null,
            status: 'completed',
            source_module: 'Calls',
            source_id: 'c1',
            modified_at: at,
          },
        },
      ],
      raw: {},
    });
    const offPerson = (at: number): PulledRecord => ({
      id: 'c1',
      modifiedAt: at,
      writes: [{ table: 'removed', row: { table: 'activities', id: 'c1', modified_at: at } }],
      raw: {},
    });
    const calls = (): unknown[] =>
      rawHandle(db).prepare('select person_id from activities').pluck().all();
    // Moved back onto the person in the CRM: a later store meets the older copy without them.
    new LocalStore(db).store('Calls', onPerson(5_000), 1);
    expect(new LocalStore(db).store('Calls', offPerson(4_000), 1)).toBe(true);
    expect(calls()).toEqual(['p1']);
    new LocalStore(db).store('Calls', offPerson(6_000), 1);
    expect(calls()).toEqual([]);
  });
});
