import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { createCore } from '../../src/main/core/createCore';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { lastTouchOf } from '../../src/main/db/repos/people';
import { databaseBefore } from '../fixtures/databaseBefore';
import { makeTempDir, oneRepDb, type TempDir } from '../fixtures/tempDb';

// People's last activity is timed as the planner's last touch: a call from its end, a visit from
// its start. Stop 51 changed only the words, and "called just now" sat below "visited 3 min ago"
// (the list was ordered by when the call began): the order and the words now use the same instant.

const MIN = 60_000;
// 25 Oct 2026 in Berlin: at 03:00 CEST the clocks go back to 02:00 CET (01:00 UTC). Now is 02:10
// CET; the call began at 02:49 CEST, before the change, and ended at 02:09 CET, after it.
const NOW = DateTime.fromISO('2026-10-25T02:10:00', { zone: 'Europe/Berlin' }).toMillis();

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir('cw-people-call-end-');
});
afterEach(() => dir.remove());

const addPerson = (db: Db, id: string, lastName: string) =>
  rawHandle(db)
    .prepare(
      `insert into people (id, module, first_name, last_name, email, owner_id, time_zone,
         created_at, modified_at)
       values (?, 'contact', 'Ann', ?, null, 'rep', 'Europe/Berlin', 0, 0)`,
    )
    .run(id, lastName);

const addActivity = (
  db: Db,
  a: { id: string; personId: string; kind: string; startedAt: number; durationMin?: number },
) =>
  rawHandle(db)
    .prepare(
      `insert into activities (id, person_id, owner_id, kind, channel, direction, started_at,
         duration_s, status, source_module)
       values (?, ?, 'rep', ?, ?, 'out', ?, ?, 'completed', ?)`,
    )
    .run(
      a.id,
      a.personId,
      a.kind,
      a.kind,
      a.startedAt,
      a.durationMin === undefined ? null : a.durationMin * 60,
      a.kind === 'call' ? 'Calls' : 'Emails',
    );

const addVisit = (db: Db, id: string, personId: string, startedAt: number) =>
  rawHandle(db)
    .prepare(
      `insert into visits (id, person_id, visitor_email, started_at, ended_at) values (?, ?, null, ?, ?)`,
    )
    .run(id, personId, startedAt, startedAt + MIN);

async function listed(db: Db, now: number, direction: 'asc' | 'desc' = 'desc') {
  const core = createCore(db, () => now);
  try {
    return (
      await core.handlers.listPeople({
        query: '',
        offset: 0,
        limit: 500,
        sort: 'lastActivity',
        direction,
      })
    ).rows;
  } finally {
    core.alerts.dispose();
  }
}

describe('People times a call from its end, as the planner does, in words and in order', () => {
  it('a 20-minute call that ended a minute ago comes above a visit 3 minutes ago, across the 25 Oct 2026 clock change', async () => {
    const db = await oneRepDb(dir, 'dst.db');
    try {
      addPerson(db, 'caller', 'Called');
      addPerson(db, 'visitor', 'Visited');
      addActivity(db, {
        id: 'call-20',
        personId: 'caller',
        kind: 'call',
        startedAt: NOW - 21 * MIN,
        durationMin: 20,
      });
      addVisit(db, 'visit-3', 'visitor', NOW - 3 * MIN);
      // By the wall clock the call began at 02:49, after the visit's 02:07: only instants order.
      expect(
        DateTime.fromMillis(NOW - 21 * MIN, { zone: 'Europe/Berlin' }).toFormat('HH:mm Z'),
      ).toBe('02:49 +2');

      const rows = await listed(db, NOW);
      expect(rows.map((r) => r.id)).toEqual(['caller', 'visitor']);
      expect(rows[0]).toMatchObject({ lastActivityAt: NOW - MIN, lastActivityKind: 'call_out' });
      expect(rows[1]).toMatchObject({ lastActivityAt: NOW - 3 * MIN, lastActivityKind: 'visit' });
      // The planner's last touch of the same person, the same instant.
      const [touch] = [...lastTouchOf(db, ['caller'], NOW)];
      expect(touch?.last_touch).toBe(rows[0]?.lastActivityAt);
      // Earliest first, the other way round.
      expect((await listed(db, NOW, 'asc')).map((r) => r.id)).toEqual(['visitor', 'caller']);
      // A call the CRM holds as completed that would end after now is "just now", as the
      // planner clamps its last touch, and still the latest.
      addActivity(db, {
        id: 'call-on',
        personId: 'visitor',
        kind: 'call',
        startedAt: NOW - 2 * MIN,
        durationMin: 10,
      });
      expect((await listed(db, NOW))[0]).toMatchObject({ id: 'visitor', lastActivityAt: NOW });
      const [onCall] = [...lastTouchOf(db, ['visitor'], NOW)];
      expect(onCall?.last_touch).toBe(NOW);
    } finally {
      await db.close();
    }
  });

  it('the one that ended last is the last activity: a long call begun before an e-mail', async () => {
    const db = await oneRepDb(dir, 'long.db');
    try {
      addPerson(db, 'long', 'Long');
      addPerson(db, 'visitor', 'Visited');
      // An hour on the phone that ended 2 minutes ago; an e-mail sent half an hour into it.
      addActivity(db, {
        id: 'call-58',
        personId: 'long',
        kind: 'call',
        startedAt: NOW - 60 * MIN,
        durationMin: 58,
      });
      addActivity(db, { id: 'mail', personId: 'long', kind: 'email', startedAt: NOW - 30 * MIN });
      addVisit(db, 'visit-10', 'visitor', NOW - 10 * MIN);
      const rows = await listed(db, NOW);
      expect(rows.map((r) => r.id)).toEqual(['long', 'visitor']);
      expect(rows[0]).toMatchObject({
        lastActivityAt: NOW - 2 * MIN,
        lastActivityKind: 'call_out',
      });
    } finally {
      await db.close();
    }
  });

  it('an upgraded file keeps every activity and orders by a call’s end from its new index', async () => {
    const file = dir.file('upgraded.db');
    const { raw, done } = await databaseBefore(file, 'people_last_touch');
    raw
      .prepare(
        "insert into organisation values (1, 'Test org', 'Europe/Berlin', '{\"days\":[[],[],[],[],[],[],[]]}', 'demo')",
      )
      .run();
    raw
      .prepare(
        "insert into users (id, name, email, role, time_zone) values ('rep', 'Rita Rep', 'rita@example.com', 'rep', 'Europe/Berlin')",
      )
      .run();
    const person = raw.prepare(
      `insert into people (id, module, first_name, last_name, owner_id, time_zone, created_at, modified_at)
       values (?, 'contact', 'Ann', ?, 'rep', 'Europe/Berlin', 0, 0)`,
    );
    person.run('caller', 'Called');
    person.run('visitor', 'Visited');
    const activity = raw.prepare(
      `insert into activities (id, person_id, owner_id, kind, channel, direction, started_at,
         duration_s, status, source_module)
       values (?, 'caller', 'rep', 'call', 'call', 'out', ?, ?, ?, 'Calls')`,
    );
    raw.transaction(() => {
      for (let i = 0; i < 500; i++)
        activity.run(`old-${i}`, NOW - (i + 2) * 60 * MIN, 300, i % 7 ? 'completed' : 'scheduled');
      activity.run('call-20', NOW - 21 * MIN, 20 * 60, 'completed');
    })();
    raw
      .prepare(
        `insert into visits (id, person_id, visitor_email, started_at, ended_at) values ('v', 'visitor', null, ?, ?)`,
      )
      .run(NOW - 3 * MIN, NOW - 2 * MIN);
    await done();
    raw.close();

    const db = await openDatabase(file);
    try {
      const h = rawHandle(db);
      expect(h.prepare('select count(*) from activities').pluck().get()).toBe(501);
      const indexes = h
        .prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'activities'`)
        .pluck()
        .all();
      expect(indexes).toContain('activities_person_done_end');
      expect(indexes).not.toContain('activities_person_done');
      expect(indexes).toContain('activities_person_meetings');
      const rows = await listed(db, NOW);
      expect(rows.map((r) => [r.id, r.lastActivityAt])).toEqual([
        ['caller', NOW - MIN],
        ['visitor', NOW - 3 * MIN],
      ]);
    } finally {
      await db.close();
    }
  });
});
