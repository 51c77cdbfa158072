import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import {
  NEVER_FOR_SURE,
  refreshEveryonesLastTouch,
  refreshStaleLastTouch,
} from '../../src/main/db/repos/lastTouch';
import { transaction } from '../../src/main/db/sqlRun';
import { listPeople } from '../../src/main/people/peopleQueries';
import { LocalStore } from '../../src/main/sync/localStore';
import type { ActivityWrite, LocalWrite } from '../../src/main/crm/crmSource';
import { databaseBefore } from '../fixtures/databaseBefore';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

// People ordered by last activity reads each person's stored last touch (migration 39) rather
// than four index seeks. What the page shows must not change: every writer of activities and
// visits keeps it right, and what depends on the hour or on the rep asking (a meeting not ended,
// a visit by an e-mail two people share) is worked out as before. The reference is the list as
// it was read before: with nobody's stored value trusted (last_touch_from null), every person
// takes the old seeks.

const MIN = 60_000;
const DAY = 86_400_000;
/** Berlin leaves summer time on Sunday 25 October 2026 at 01:00 UTC (03:00 CEST -> 02:00 CET). */
const DST_END = Date.UTC(2026, 9, 25, 1, 0);

type Row = { id: string; lastActivityAt: number | null; lastActivityKind: string | null };

/** The page as a rep sees it at `asOf`, ordered by last activity, both ways. */
function page(db: Db, repId: string, asOf: number): { desc: Row[]; asc: Row[] } {
  const read = (direction: 'asc' | 'desc') =>
    listPeople(
      db,
      'Europe/Berlin',
      { query: '', sort: 'lastActivity', direction, offset: 0, limit: 10_000 },
      asOf,
      repId,
    ).rows.map((r) => ({
      id: r.id,
      lastActivityAt: r.lastActivityAt,
      lastActivityKind: r.lastActivityKind,
      onSiteUntil: r.onSiteUntil,
    }));
  return { desc: read('desc'), asc: read('asc') };
}

/** What the sync does after each page: sets again everyone its records marked stale. */
const settle = (db: Db) => refreshStaleLastTouch(db, () => Promise.resolve());
const staleCount = (db: Db) =>
  rawHandle(db).prepare('select count(*) from people where last_touch_from is null').pluck().get();

/** The same page read as before migration 39: nobody's stored value trusted, then put back. */
function pageAsBefore(db: Db, repId: string, asOf: number): { desc: Row[]; asc: Row[] } {
  const raw = rawHandle(db);
  const kept = raw.prepare('select id, last_touch_from from people').all() as {
    id: string;
    last_touch_from: number | null;
  }[];
  raw.prepare('update people set last_touch_from = null').run();
  try {
    return page(db, repId, asOf);
  } finally {
    const put = raw.prepare('update people set last_touch_from = ? where id = ?');
    raw.transaction(() => {
      for (const k of kept) put.run(k.last_touch_from, k.id);
    })();
  }
}

const activity = (
  over: Partial<ActivityWrite> & { id: string; person_id: string },
): LocalWrite => ({
  table: 'activities',
  row: {
    owner_id: null,
    signal: null,
    kind: 'call',
    channel: 'call',
    direction: 'out',
    started_at: TEST_NOW,
    duration_s: 300,
    subject: null,
    status: 'completed',
    source_module: 'Calls',
    source_id: over.id,
    modified_at: TEST_NOW,
    ...over,
  },
});

const visit = (
  id: string,
  personId: string | null,
  email: string | null,
  at: number,
): LocalWrite => ({
  table: 'visits',
  row: {
    id,
    person_id: personId,
    visitor_name: null,
    visitor_email: email,
    ip: null,
    started_at: at,
    ended_at: at + 2 * MIN,
    time_spent_s: 120,
    referrer: null,
    search_engine: null,
    search_keyword: null,
    actions: null,
  },
  pages: [],
  chats: [],
});

describe('People ordered by a stored last touch', () => {
  let dir: TempDir;
  let db: Db;
  let core: Core;
  let now = TEST_NOW;
  let reps: string[];
  const person = (owner: string, n: number): string =>
    (
      rawHandle(db)
        .prepare('select id from people where owner_id = ? order by id limit 1 offset ?')
        .get(owner, n) as { id: string }
    ).id;
  /** Every rep's page, both ways, at these instants, against the page read as before. */
  const sameAsBefore = (instants: number[]) => {
    for (const rep of reps)
      for (const at of instants) expect(page(db, rep, at)).toEqual(pageAsBefore(db, rep, at));
  };

  beforeAll(async () => {
    dir = makeTempDir('cw-last-touch-');
    // Its history up to an hour before the clock change, the writes below after it.
    db = await demoDb(dir, { people: 120, now: DST_END - 60 * MIN });
    core = createCore(db, () => now);
    reps = (
      rawHandle(db)
        .prepare(`select id from users where role = 'rep' order by id limit 2`)
        .pluck()
        .all() as string[]
    ).slice(0, 2);
  }, 120_000);
  afterAll(async () => {
    core.alerts.dispose();
    await db.close();
    dir.remove();
  });

  it('the demo writes everyone’s, and the page is the one read before', () => {
    const unset = rawHandle(db)
      .prepare('select count(*) from people where last_touch is null and last_touch_from is null')
      .pluck()
      .get();
    expect(unset).toBe(0);
    sameAsBefore([TEST_NOW, TEST_NOW - 3 * DAY]);
  });

  it('keeps the order and the words through what the sync writes and deletes, for two reps, across a clock change', async () => {
    const [repA = '', repB = ''] = reps;
    const a = person(repA, 0);
    const b = person(repB, 0);
    const sharing = person(repA, 1);
    const email = 'shared.visitor@example.test';
    // The same e-mail on a contact of each rep: whose a visit by it is depends on who looks.
    rawHandle(db)
      .prepare(`update people set email = ?, module = 'contact' where id in (?, ?)`)
      .run(email, b, sharing);
    refreshEveryonesLastTouch(db);
    const store = new LocalStore(db);
    now = DST_END + 30 * MIN;
    store.apply([
      // A call the CRM holds as completed, dated tomorrow (counted, as before).
      activity({ id: 'future-done', person_id: a, started_at: now + DAY }),
      // A meeting begun before the clock change that ends after it.
      activity({
        id: 'meeting-across',
        person_id: b,
        kind: 'meeting',
        channel: 'meeting',
        status: 'scheduled',
        started_at: DST_END - 20 * MIN,
        duration_s: 60 * 60,
        source_module: 'Events',
      }),
    ]);
    store.apply([visit('visit-shared', null, ` ${email.toUpperCase()}`, DST_END - 5 * MIN)]);
    store.apply([visit('visit-linked', a, null, DST_END - 2 * MIN)]);
    // Marked stale as written, set again after the page: right both ways.
    expect(staleCount(db)).toBeGreaterThan(0);
    sameAsBefore([DST_END - MIN, DST_END + 30 * MIN]);
    await settle(db);
    expect(staleCount(db)).toBe(0);
    // Before the meeting ends, when it has, and a day later.
    sameAsBefore([DST_END - MIN, DST_END + 30 * MIN, DST_END + 41 * MIN, DST_END + DAY]);
    // The two reps see the shared visit on different people: each on their own.
    const at = (rep: string, id: string) =>
      page(db, rep, DST_END + 30 * MIN).desc.find((r) => r.id === id)?.lastActivityAt;
    expect([at(repA, sharing), at(repB, b)]).toEqual([DST_END - 5 * MIN, DST_END - 5 * MIN]);
    expect(at(repA, b)).not.toBe(DST_END - 5 * MIN);
    expect(at(repB, sharing)).not.toBe(DST_END - 5 * MIN);

    // Deleted in the CRM, moved to another person, and the person deleted: still the same.
    expect(store.delete('Calls', 'future-done')).toBe(true);
    store.apply([
      activity({
        id: 'meeting-across',
        person_id: a,
        kind: 'meeting',
        channel: 'meeting',
        status: 'scheduled',
        started_at: DST_END - 20 * MIN,
        duration_s: 3600,
        source_module: 'Events',
        modified_at: TEST_NOW + 1,
      }),
    ]);
    expect(store.delete('Visits', 'visit-linked')).toBe(true);
    store.delete('Contacts', sharing);
    await settle(db);
    sameAsBefore([DST_END - MIN, DST_END + 41 * MIN, DST_END + DAY]);
    now = TEST_NOW;
  });

  it('a call logged in the app moves its person as before', async () => {
    const [repA = ''] = reps;
    rawHandle(db)
      .prepare(`update settings set value = ? where key = 'current_user_id'`)
      .run(JSON.stringify(repA));
    const personId = person(repA, 3);
    now = TEST_NOW + 10 * MIN;
    await core.handlers.logCall({ personId, outcome: 'answered', durationMin: 4, note: '' });
    expect(page(db, repA, now).desc[0]?.id).toBe(personId);
    sameAsBefore([now]);
    now = TEST_NOW;
  });
});

describe('migration 39 on a file from before it', () => {
  it('fills every person’s last touch and loses nothing: the page is the one read before', async () => {
    const dir = makeTempDir('cw-last-touch-upgrade-');
    try {
      const file = dir.file('upgraded.db');
      const { raw, done } = await databaseBefore(file, 'people_last_touch');
      raw
        .prepare(
          `insert into users (id, name, email, role, manager_id, time_zone, shift_id)
           values ('r1', 'Rep One', 'r1@org.test', 'rep', null, 'Europe/Berlin', null),
                  ('r2', 'Rep Two', 'r2@org.test', 'rep', null, 'Europe/Berlin', null)`,
        )
        .run();
      const addPerson = raw.prepare(
        `insert into people (id, module, last_name, email, owner_id, created_at, modified_at)
         values (?, 'contact', ?, ?, ?, 0, 0)`,
      );
      addPerson.run('p-call', 'Call', 'call@x.test', 'r1');
      addPerson.run('p-meeting', 'Meeting', 'meeting@x.test', 'r1');
      addPerson.run('p-visit', 'Visit', 'visit@x.test', 'r2');
      addPerson.run('p-shared-1', 'Shared', 'same@x.test', 'r1');
      addPerson.run('p-shared-2', 'Shared', 'same@x.test', 'r2');
      addPerson.run('p-none', 'None', null, 'r2');
      const addActivity = raw.prepare(
        `insert into activities (id, person_id, kind, channel, started_at, duration_s, status, source_module)
         values (?, ?, ?, ?, ?, ?, ?, 'Calls')`,
      );
      addActivity.run('a1', 'p-call', 'call', 'call', DST_END - DAY, 60, 'completed');
      addActivity.run('a2', 'p-call', 'call', 'call', DST_END + DAY, 60, 'completed');
      addActivity.run(
        'a3',
        'p-meeting',
        'meeting',
        'meeting',
        DST_END - 10 * MIN,
        3600,
        'scheduled',
      );
      addActivity.run('a4', 'p-shared-1', 'call', 'call', DST_END - 2 * DAY, 60, 'completed');
      const addVisit = raw.prepare(
        `insert into visits (id, person_id, visitor_email, started_at, ended_at) values (?, ?, ?, ?, ?)`,
      );
      addVisit.run('v1', 'p-visit', null, DST_END - 3 * MIN, DST_END);
      addVisit.run('v2', 'p-visit', null, DST_END + 3 * DAY, null);
      addVisit.run('v3', null, 'SAME@x.test ', DST_END - 30 * MIN, DST_END - 20 * MIN);
      await done();

      const db = await openDatabase(file);
      try {
        const count = (table: string) =>
          rawHandle(db).prepare(`select count(*) from ${table}`).pluck().get();
        expect([count('people'), count('activities'), count('visits')]).toEqual([6, 4, 3]);
        // Nobody left stale (null) for the sync to set: the e-mail's visit is NEVER_FOR_SURE.
        expect(staleCount(db)).toBe(0);
        const stored = rawHandle(db)
          .prepare('select id, last_touch, last_touch_from from people order by id')
          .all();
        expect(stored).toEqual([
          { id: 'p-call', last_touch: (DST_END + DAY + MIN) * 4, last_touch_from: 0 },
          {
            id: 'p-meeting',
            last_touch: (DST_END - 10 * MIN) * 4,
            last_touch_from: DST_END + 50 * MIN,
          },
          { id: 'p-none', last_touch: null, last_touch_from: 0 },
          {
            id: 'p-shared-1',
            last_touch: (DST_END - 30 * MIN) * 4 + 1,
            last_touch_from: NEVER_FOR_SURE,
          },
          {
            id: 'p-shared-2',
            last_touch: (DST_END - 30 * MIN) * 4 + 1,
            last_touch_from: NEVER_FOR_SURE,
          },
          {
            id: 'p-visit',
            last_touch: (DST_END + 3 * DAY) * 4 + 2,
            last_touch_from: DST_END + 3 * DAY,
          },
        ]);
        for (const rep of ['r1', 'r2'])
          for (const at of [DST_END - MIN, DST_END + 51 * MIN, DST_END + 4 * DAY])
            expect(page(db, rep, at)).toEqual(pageAsBefore(db, rep, at));
      } finally {
        await db.close();
      }
    } finally {
      dir.remove();
    }
  });
});

describe('a crash between a page written and its people set again', () => {
  it('leaves them marked stale in the file, read by the old seeks: the page is right, before and after the next sync sets them', async () => {
    const dir = makeTempDir('cw-last-touch-crash-');
    try {
      let db = await demoDb(dir, { people: 60, now: DST_END - 60 * MIN }, 'crash.db');
      const [repA = '', repB = ''] = rawHandle(db)
        .prepare(`select id from users where role = 'rep' order by id limit 2`)
        .pluck()
        .all() as string[];
      const [caller = '', visitor = '', meeter = ''] = rawHandle(db)
        .prepare('select id from people order by id limit 3')
        .pluck()
        .all() as string[];
      // One page, as the sync stores it (one transaction), across the clock change: a 20-minute
      // call begun before it, a visit after it, a meeting that ends after it; then the app dies
      // before the page's people are set again.
      const store = new LocalStore(db);
      transaction(
        db,
        () =>
          store.apply([
            activity({
              id: 'crash-call',
              person_id: caller,
              started_at: DST_END - 15 * MIN,
              duration_s: 20 * 60,
            }),
            activity({
              id: 'crash-meeting',
              person_id: meeter,
              kind: 'meeting',
              channel: 'meeting',
              status: 'scheduled',
              started_at: DST_END - 5 * MIN,
              duration_s: 30 * 60,
              source_module: 'Events',
            }),
          ]) && store.apply([visit('crash-visit', visitor, null, DST_END + 10 * MIN)]),
      );
      await db.close();

      db = await openDatabase(dir.file('crash.db'));
      try {
        expect(staleCount(db)).toBe(3);
        const shown = (rep: string, at: number, id: string) =>
          page(db, rep, at).desc.find((r) => r.id === id);
        const afterChange = DST_END + 20 * MIN;
        // 03:20 summer time would be 02:20 winter time: each at its instant, the call by its end.
        expect(shown(repA, afterChange, caller)).toMatchObject({
          lastActivityAt: DST_END + 5 * MIN,
          lastActivityKind: 'call_out',
        });
        expect(shown(repB, afterChange, visitor)).toMatchObject({
          lastActivityAt: DST_END + 10 * MIN,
          lastActivityKind: 'visit',
        });
        // The meeting counts once it has ended, not before.
        expect(shown(repA, afterChange, meeter)?.lastActivityAt).not.toBe(DST_END - 5 * MIN);
        expect(shown(repA, DST_END + 25 * MIN, meeter)?.lastActivityAt).toBe(DST_END - 5 * MIN);
        const instants = [DST_END - MIN, afterChange, DST_END + 25 * MIN, DST_END + DAY];
        const pages = () => [repA, repB].flatMap((rep) => instants.map((at) => page(db, rep, at)));
        const whileStale = pages();
        expect(whileStale).toEqual(
          [repA, repB].flatMap((rep) => instants.map((at) => pageAsBefore(db, rep, at))),
        );
        // The next sync sets them after its first page: the same pages, from the stored values.
        await settle(db);
        expect(staleCount(db)).toBe(0);
        expect(pages()).toEqual(whileStale);
      } finally {
        await db.close();
      }
    } finally {
      dir.remove();
    }
  });
});
