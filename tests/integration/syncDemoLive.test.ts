import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { createDemoLiveSource } from '../../src/main/crm/demo/demoLiveSource';
import { activitiesOnDay, ZoneCalendar, type LivePerson } from '../../src/main/demo/demoLiveEvents';
import { runSync } from '../../src/main/sync/syncEngine';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';

let dir: TempDir;
let db: Db;
const HOUR = 3_600_000;
const PEOPLE = 150;

beforeEach(async () => {
  dir = makeTempDir('cw-demo-live-');
  db = await demoDb(dir, { people: PEOPLE });
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

const count = (sql: string, ...args: unknown[]): number =>
  (
    rawHandle(db)
      .prepare(sql)
      .get(...args) as { n: number }
  ).n;
const rows = (sql: string): unknown[] => rawHandle(db).prepare(sql).raw().all();

/** Everything the live demo added, one line a row, in a fixed order. */
function liveRows(target: Db = db): string[] {
  const q = (sql: string): string[] =>
    (rawHandle(target).prepare(sql).raw().all() as unknown[][]).map((r) => r.join(' '));
  return [
    ...q(
      `select 'visit', id, person_id, started_at, ended_at from visits where id like 'lv-%' order by id`,
    ),
    ...q(
      `select 'page', visit_id, url, viewed_at from visit_pages where visit_id like 'lv-%' order by visit_id, viewed_at, url`,
    ),
    ...q(`select 'chat', id, person_id, started_at from chats where id like 'lc-%' order by id`),
    ...q(
      `select 'line', chat_id, sent_at, text from chat_messages where chat_id like 'lc-%' order by chat_id, sent_at`,
    ),
    ...q(
      `select 'activity', id, person_id, signal, started_at, status from activities where id like 'l_-%' order by id`,
    ),
  ];
}

async function syncAt(at: number, target: Db = db): Promise<Awaited<ReturnType<typeof runSync>>> {
  const clock = (): number => at;
  return runSync(target, createDemoLiveSource(target, { clock }), { now: clock });
}

describe('the demo organisation as a live CRM (SY-4)', () => {
  it('brings visits with pages and chats, and engagement, for the time since it was generated', async () => {
    const t1 = TEST_NOW + 3 * HOUR;
    const summary = await syncAt(t1);
    const visits = count(`select count(*) as n from visits where id like 'lv-%'`);
    // A few a minute across the organisation (150 people: about one), fewer at night.
    expect(visits).toBeGreaterThan(60);
    expect(visits).toBeLessThan(400);
    expect(summary.modules.Visits?.upserted).toBe(visits);
    expect(
      count(
        `select count(*) as n from visits v where id like 'lv-%' and not exists (select 1 from visit_pages p where p.visit_id = v.id)`,
      ),
    ).toBe(0);
    expect(
      count(
        `select count(*) as n from visits where id like 'lv-%' and (started_at <= ? or started_at > ?)`,
        TEST_NOW,
        t1,
      ),
    ).toBe(0);
    expect(count(`select count(*) as n from chats where id like 'lc-%'`)).toBeGreaterThan(0);
    expect(
      count(`select count(*) as n from chat_messages where chat_id like 'lc-%'`),
    ).toBeGreaterThan(0);
    // A live chat reads as a conversation too: the visitor, by name, and the operator take turns.
    const turns = new Map<string, string[]>();
    for (const [chat, sender, author] of rows(
      `select chat_id, sender, author from chat_messages where chat_id like 'lc-%' order by chat_id, sent_at`,
    ) as string[][])
      turns.set(String(chat), [...(turns.get(String(chat)) ?? []), `${sender}:${author}`]);
    for (const lines of turns.values()) {
      lines.forEach((line, i) => expect(line.split(':')[0]).toBe(i % 2 ? 'operator' : 'visitor'));
      expect(lines[0]).not.toBe('visitor:Visitor');
    }
    const signals = count(
      `select count(*) as n from activities where id like 'la-%' and signal is not null`,
    );
    expect(signals).toBeGreaterThan(0);
    expect(
      count(
        `select count(*) as n from activities where id like 'la-%' and (started_at <= ? or started_at > ?)`,
        TEST_NOW,
        t1,
      ),
    ).toBe(0);
    // Everything belongs to people the demo has; the organisation is still the demo's.
    expect(
      count(
        `select count(*) as n from activities a where id like 'l_-%' and not exists (select 1 from people p where p.id = a.person_id)`,
      ),
    ).toBe(0);
    expect(rows(`select source from organisation`)).toEqual([['demo']]);
  });

  it('adds nothing twice when asked again at the same instant, and moves on later', async () => {
    const t1 = TEST_NOW + 2 * HOUR;
    await syncAt(t1);
    const first = liveRows();
    await syncAt(t1);
    expect(liveRows()).toEqual(first);
    const t2 = t1 + 4 * HOUR;
    await syncAt(t2);
    const second = liveRows();
    expect(count(`select count(*) as n from visits where id like 'lv-%'`)).toBeGreaterThan(
      first.filter((l) => l.startsWith('visit ')).length,
    );
    expect(
      count(`select count(*) as n from visits where id like 'lv-%' and started_at > ?`, t1),
    ).toBeGreaterThan(0);
    // A visit still going on at t1 has grown since; every other row of t1 is there unchanged.
    const open = new Set(
      first.filter((l) => l.startsWith('visit ') && l.endsWith(' ')).map((l) => l.split(' ')[1]),
    );
    const settled = first.filter((l) => ![...open].some((id) => id && l.includes(` ${id} `)));
    for (const line of settled) expect(second).toContain(line);
  });

  it('is the same for the same seed and clock, whatever the steps it was synced in', async () => {
    const t = TEST_NOW + 5 * HOUR;
    for (const step of [1, 2, 3, 4, 5]) await syncAt(TEST_NOW + step * HOUR);
    const other = await demoDb(dir, { people: PEOPLE }, 'other.db');
    try {
      await syncAt(t, other);
      expect(liveRows(other)).toEqual(liveRows());
    } finally {
      await other.close();
    }
  });

  it('pushes calls logged in the app, each key to one stable id', async () => {
    const person = rawHandle(db).prepare(`select id, owner_id from people limit 1`).get() as {
      id: string;
      owner_id: string;
    };
    rawHandle(db)
      .prepare(
        `insert into activities (id, person_id, kind, channel, direction, started_at, duration_s, status, source_module, signal)
         values ('local-1', ?, 'call', 'call', 'out', ?, 90, 'completed', 'app', 'call_answered')`,
      )
      .run(person.id, TEST_NOW + HOUR);
    rawHandle(db)
      .prepare(
        `insert into outbox (idempotency_key, kind, payload, created_at) values ('k-1', 'call', ?, 0)`,
      )
      .run(
        JSON.stringify({
          personId: person.id,
          personModule: 'contact',
          ownerId: person.owner_id,
          subject: 'Logged in the demo',
          startedAt: TEST_NOW + HOUR,
          durationS: 90,
          direction: 'out',
          localActivityId: 'local-1',
        }),
      );
    const summary = await syncAt(TEST_NOW + 2 * HOUR);
    expect(summary.outbox).toEqual({ pushed: 1, failed: 0 });
    expect(rawHandle(db).prepare(`select pushed_at from outbox`).pluck().get()).not.toBeNull();
    // The same key again gets the same CRM id: the one the local call now carries.
    const again = await createDemoLiveSource(db, { clock: () => TEST_NOW }).pushCall(
      {
        idempotencyKey: 'k-1',
        personId: person.id,
        personModule: 'contact',
        ownerId: null,
        subject: 'x',
        startedAt: 0,
        durationS: 0,
        direction: 'out',
      },
      () => undefined,
    );
    expect(again.crmId).toMatch(/^demo-call-/);
    expect(count(`select count(*) as n from activities where id = ?`, again.crmId)).toBe(1);
    expect(count(`select count(*) as n from activities where id = 'local-1'`)).toBe(0);
  });

  it("follows each person's habits: most of their calls at their call hour on their call day", () => {
    const person: LivePerson = {
      id: 'p1',
      module: 'contact',
      name: 'Test Person',
      email: null,
      ownerId: null,
      zone: 'Asia/Tokyo',
      habit: {
        callWeekday: 2,
        callHour: 10,
        emailWeekdays: [4],
        emailHour: 21,
        focus: 0.8,
        eventCount: 200,
      },
    };
    const population = {
      seed: 3,
      people: [person],
      ownerZones: new Map(),
      reps: [],
      orgZone: 'Europe/Berlin',
    };
    const calendar = new ZoneCalendar();
    const at = new Map<string, number>();
    let calls = 0;
    const first = Math.floor(TEST_NOW / 86_400_000);
    for (let d = first; d < first + 182; d++)
      for (const r of activitiesOnDay(
        population,
        calendar,
        person,
        calendar.day('Asia/Tokyo', d),
      )) {
        const row = r.writes[0]?.row as { started_at: number; channel: string };
        if (row.channel !== 'call') continue;
        calls++;
        const local = DateTime.fromMillis(row.started_at, { zone: 'Asia/Tokyo' });
        const key = `${local.weekday} ${local.hour}`;
        at.set(key, (at.get(key) ?? 0) + 1);
      }
    expect(calls).toBeGreaterThan(30);
    expect((at.get('2 10') ?? 0) / calls).toBeGreaterThan(0.6);
  });
});
