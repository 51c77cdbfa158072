import { describe, expect, it } from 'vitest';
import type { Statement } from 'better-sqlite3';
import type { Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { LocalStore } from '../../src/main/sync/localStore';
import { refreshEveryonesLastTouch } from '../../src/main/db/repos/lastTouch';
import { TEST_NOW } from '../fixtures/tempDb';
import { allTestsDemoCore } from '../fixtures/demoCore';

// The People list ordered by last activity: everyone's last activity that happened, a visit to
// the website included, is looked up for the order. It is looked up through indexes that hold all it asks (migration 24), so it
// stays within its budget over 2 million activities, and every writer moves a person's place:
// the sync, a logged call, a deletion, and a meeting that ends.

const MIN = 60_000;

/** Rows written raw here stand for a writer: each sets the last touch again (repos/lastTouch.ts). */
const settled = () => refreshEveryonesLastTouch(db);

let db: Db;
let core: Core;
let now = TEST_NOW;
allTestsDemoCore((env) => ({ db, core } = env), { clock: () => now });

const ordered = async (direction: 'asc' | 'desc' = 'desc', limit = 500) =>
  (
    await core.handlers.listPeople({
      query: '',
      offset: 0,
      limit,
      sort: 'lastActivity',
      direction,
    })
  ).rows;

/** Where a person stands in the list, latest first. */
const place = async (id: string): Promise<number> => {
  const rows = await ordered('desc');
  return rows.findIndex((r) => r.id === id);
};

/** The rep signed in (the demo's first) and the last of their people in the latest-first list. */
async function repsQuietPerson(): Promise<{ repId: string; personId: string }> {
  const repId = (
    rawHandle(db).prepare(`select value from settings where key = 'current_user_id'`).get() as {
      value: string;
    }
  ).value;
  const rep = JSON.parse(repId) as string;
  const theirs = new Set(
    rawHandle(db).prepare('select id from people where owner_id = ?').pluck().all(rep) as string[],
  );
  const rows = await ordered('desc');
  const quiet = rows.filter((r) => theirs.has(r.id) && r.lastActivityAt !== null).at(-1);
  if (!quiet) throw new Error('the rep has nobody with an activity in the first 500');
  return { repId: rep, personId: quiet.id };
}

describe('the People list ordered by last activity', () => {
  it('looks each person up in indexes alone: no activity row is read to order 50,000 people', async () => {
    // Every statement the list runs, with its parameters, as the app prepares it.
    const raw = rawHandle(db);
    const seen: { sql: string; params: unknown[] }[] = [];
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((source: string) => {
      const statement = prepare(source) as Statement;
      const runAll = statement.all.bind(statement);
      statement.all = ((...params: unknown[]) => {
        seen.push({ sql: source, params });
        return runAll(...params);
      }) as Statement['all'];
      return statement;
    }) as typeof raw.prepare;
    try {
      await ordered('desc', 137);
    } finally {
      raw.prepare = prepare;
    }
    const listed = seen.find((s) => /order by/i.test(s.sql) && /activities/.test(s.sql));
    expect(listed).toBeDefined();
    const plan = (
      raw.prepare(`explain query plan ${listed?.sql ?? ''}`).all(...(listed?.params ?? [])) as {
        detail: string;
      }[]
    ).map((r) => r.detail);
    const lookups = plan.filter((d) => /\bactivities\b|\b(a|d|m)\b USING/.test(d));
    expect(lookups.length).toBeGreaterThan(0);
    // Before: SEARCH a USING INDEX activities_person_signals, reading the row at every step.
    for (const d of lookups)
      expect(d).toMatch(/USING COVERING INDEX activities_person_(done_end|meetings)/);
    // A visit, linked or by e-mail: one seek each. The linked one in an index holding all it
    // asks; the e-mail's (an expression index) reads a row only for a visit it finds, which few
    // people have.
    const visits = plan.filter((d) => /\b(v|e)\b USING/.test(d)).join('\n');
    expect(visits).toMatch(/SEARCH v USING COVERING INDEX visits_person_time/);
    expect(visits).toMatch(/SEARCH e USING INDEX visits_email_key/);
  });

  it('counts a visit after their last call: the list says it is a visit, on the website now, and orders by it', async () => {
    const { personId } = await repsQuietPerson();
    const was = await place(personId);
    expect(was).toBeGreaterThan(0);
    const visit = rawHandle(db).prepare(
      `insert into visits (id, person_id, visitor_email, started_at, ended_at) values (?, ?, ?, ?, ?)`,
    );
    // Begun 2 minutes ago (after the demo's latest), no end yet, its last page a minute ago: on
    // the website now.
    visit.run('visit-now', personId, null, now - 2 * MIN, null);
    rawHandle(db)
      .prepare(`insert into visit_pages (visit_id, url, viewed_at) values (?, '/pricing', ?)`)
      .run('visit-now', now - MIN);
    // One the clock has not reached yet counts for nothing.
    visit.run('visit-later', personId, null, now + 30 * MIN, null);
    settled();
    const top = (await ordered('desc', 3))[0];
    expect(top).toMatchObject({
      id: personId,
      lastActivityAt: now - 2 * MIN,
      lastActivityKind: 'visit',
    });
    expect(top?.onSiteUntil).toBeGreaterThan(now);
    // Earliest first, they are the last of those with an activity.
    const asc = await ordered('asc', 5000);
    expect(asc.filter((r) => r.lastActivityAt !== null).at(-1)?.id).toBe(personId);
    rawHandle(db).prepare(`delete from visits where id in ('visit-now', 'visit-later')`).run();
    settled();
    expect(await place(personId)).toBe(was);
  });

  it('counts a visit the CRM linked to nobody for the person whose e-mail the visitor gave', async () => {
    const { personId } = await repsQuietPerson();
    const email = (
      rawHandle(db).prepare('select email from people where id = ?').get(personId) as {
        email: string;
      }
    ).email;
    rawHandle(db)
      .prepare(
        `insert into visits (id, person_id, visitor_email, started_at, ended_at) values (?, null, ?, ?, ?)`,
      )
      .run('visit-by-email', ` ${email.toUpperCase()} `, now - 2 * MIN, now - MIN);
    settled();
    const top = (await ordered('desc', 3))[0];
    expect(top).toMatchObject({
      id: personId,
      lastActivityAt: now - 2 * MIN,
      lastActivityKind: 'visit',
      // Seen within the last quarter of an hour, as the Visits page counts it.
      onSiteUntil: now - MIN + 15 * MIN + 1,
    });
    rawHandle(db).prepare(`delete from visits where id = 'visit-by-email'`).run();
    settled();
    expect((await ordered('desc', 3))[0]?.id).not.toBe(personId);
  });

  it('says "visited" for a visit by an e-mail with a non-ASCII capital, the one that ordered them (review 50, 7)', async () => {
    const { personId } = await repsQuietPerson();
    const raw = rawHandle(db);
    const email = (
      raw.prepare('select email from people where id = ?').get(personId) as { email: string }
    ).email;
    // The CRM's address with a capital SQLite does not fold, the visitor's in other capitals.
    raw.prepare('update people set email = ? where id = ?').run(`ÉL${email}`, personId);
    raw
      .prepare(
        `insert into visits (id, person_id, visitor_email, started_at, ended_at) values (?, null, ?, ?, ?)`,
      )
      .run('visit-accented', `Él${email.toUpperCase()}`, now - 2 * MIN, now - MIN);
    settled();
    try {
      const top = (await ordered('desc', 3))[0];
      // Before: ordered by the visit (SQLite's fold) but not worded by it (JavaScript's).
      expect(top).toMatchObject({
        id: personId,
        lastActivityAt: now - 2 * MIN,
        lastActivityKind: 'visit',
        onSiteUntil: now - MIN + 15 * MIN + 1,
      });
    } finally {
      raw.prepare(`delete from visits where id = 'visit-accented'`).run();
      raw.prepare('update people set email = ? where id = ?').run(email, personId);
      settled();
    }
  });

  it('says what the last activity was: a call is a call', async () => {
    const top = (await ordered('desc', 50)).filter((r) => r.lastActivityKind !== 'visit');
    expect(top.length).toBeGreaterThan(0);
    for (const r of top) expect(r.lastActivityKind).toMatch(/^[a-z]+(_[a-z]+)?$/);
  });

  it('moves a person to the top for an activity the sync stores, and back when it is deleted', async () => {
    const before = await ordered('desc');
    const last = before.filter((r) => r.lastActivityAt !== null).at(-1);
    if (!last) throw new Error('nobody with an activity');
    expect(await place(last.id)).toBeGreaterThan(0);
    new LocalStore(db).apply([
      {
        table: 'activities',
        row: {
          id: 'synced-1',
          person_id: last.id,
          owner_id: null,
          signal: 'email_replied',
          kind: 'email',
          channel: 'email',
          direction: 'in',
          started_at: now - MIN,
          duration_s: null,
          subject: 'Re: pricing',
          status: 'completed',
          source_module: 'Emails',
          source_id: 'synced-1',
          modified_at: now - MIN,
        },
      },
    ]);
    const after = await ordered('desc', 5);
    expect(after[0]).toMatchObject({ id: last.id, lastActivityAt: now - MIN });
    // Latest last: the same person is now the last of the earliest-first list's filled part.
    const asc = await ordered('asc', 5000);
    expect(asc.filter((r) => r.lastActivityAt !== null).at(-1)?.id).toBe(last.id);

    // Deleted in the CRM: the sync deletes it, and their place is the one they had.
    expect(new LocalStore(db).delete('Calls', 'synced-1')).toBe(true);
    expect((await ordered('desc')).map((r) => r.id)).toEqual(before.map((r) => r.id));
  });

  it('moves the person a rep logs a call to to the top, when the call ended', async () => {
    const { personId } = await repsQuietPerson();
    expect(await place(personId)).toBeGreaterThan(0);
    now = TEST_NOW + 5 * MIN;
    const { activityId } = await core.handlers.logCall({
      personId,
      outcome: 'answered',
      durationMin: 3,
      note: '',
    });
    const top = (await ordered('desc', 3))[0];
    // Timed from its end (logged now, 3 minutes long), as the planner times its last touch:
    // "called just now" on both pages, not "3 min ago" on People.
    expect(top).toMatchObject({ id: personId, lastActivityAt: now, lastActivityKind: 'call_out' });
    const row = (await core.handlers.getPlanner({})).rows.find((r) => r.personId === personId);
    if (row) expect(row.lastTouchAt).toBe(top?.lastActivityAt);
    rawHandle(db).prepare('delete from activities where id = ?').run(activityId);
    settled();
    expect(await place(personId)).toBeGreaterThan(0);
    now = TEST_NOW;
  });

  it('counts a meeting from when it ends, and a call still to make not at all', async () => {
    const { personId } = await repsQuietPerson();
    const write = rawHandle(db).prepare(
      `insert into activities (id, person_id, kind, channel, started_at, duration_s, status, source_module)
       values (?, ?, ?, ?, ?, ?, ?, 'Events')`,
    );
    // A meeting from 2 minutes ago (after the demo's latest visit) for 22 minutes, stored as
    // planned (its state is its time).
    write.run('meet-1', personId, 'meeting', 'meeting', now - 2 * MIN, 22 * 60, 'scheduled');
    // A call planned for later, and one completed before their last.
    write.run('plan-1', personId, 'call', 'call', now + 60 * MIN, null, 'scheduled');
    settled();
    const was = await place(personId);
    expect(was).toBeGreaterThan(0);
    now = TEST_NOW + 19 * MIN;
    expect(await place(personId)).toBe(was);
    now = TEST_NOW + 20 * MIN;
    expect((await ordered('desc', 3))[0]).toMatchObject({
      id: personId,
      lastActivityAt: TEST_NOW - 2 * MIN,
      lastActivityKind: 'meeting',
    });
    // The planned call, now past, was never made: still the meeting.
    now = TEST_NOW + 2 * 60 * MIN;
    expect((await ordered('desc', 3))[0]).toMatchObject({
      id: personId,
      lastActivityAt: TEST_NOW - 2 * MIN,
    });
    rawHandle(db).prepare(`delete from activities where id in ('meet-1', 'plan-1')`).run();
    settled();
    now = TEST_NOW;
  });
});
