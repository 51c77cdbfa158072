import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, DemoRefusedError } from '../../src/main/demo/generateDemo';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { SIGNAL_TYPES } from '../../src/shared/signals';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { CHAT_CONVERSATIONS } from '../../src/main/demo/demoVocabulary';

const TABLES = [
  'users',
  'accounts',
  'people',
  'deals',
  'activities',
  'visits',
  'visit_pages',
  'chats',
  'chat_messages',
];

function fingerprint(db: Db): string {
  const hash = createHash('sha256');
  for (const t of TABLES) {
    for (const row of rawHandle(db).prepare(`select * from ${t} order by 1`).iterate())
      hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

let dir: TempDir;
let db: Db;
beforeAll(async () => {
  dir = makeTempDir();
  db = await demoDb(dir);
});
afterAll(async () => {
  await db.close();
  dir.remove();
});

const count = (q: string): number => rawHandle(db).prepare(q).pluck().get() as number;

describe('the demo organisation', () => {
  it('writes e-mail addresses in plain letters: Müller as muller, not mller', () => {
    const people = rawHandle(db)
      .prepare("select last_name, email from people where last_name = 'Müller'")
      .all() as { last_name: string; email: string }[];
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) expect(p.email).toMatch(/^[a-z]+\.muller\d+@[a-z-]+\.example$/);
  });

  it('is the same for the same seed, and different for another seed', async () => {
    const again = await demoDb(dir, {}, 'again.db');
    const other = await demoDb(dir, { seed: 8 }, 'other.db');
    expect(fingerprint(again)).toBe(fingerprint(db));
    expect(fingerprint(other)).not.toBe(fingerprint(db));
    await again.close();
    await other.close();
  });

  it('has at least 8 reps in 2 teams, each team with a manager', () => {
    expect(count("select count(*) from users where role = 'rep'")).toBeGreaterThanOrEqual(8);
    const teams = rawHandle(db)
      .prepare("select team, count(*) as reps from users where role = 'rep' group by team")
      .all();
    expect(teams).toHaveLength(2);
    expect(
      count(
        "select count(*) from users where role = 'rep' and manager_id not in (select id from users where role = 'manager')",
      ),
    ).toBe(0);
  });

  it('spreads at least 400 people over at least 5 zones, with the named ones among them', () => {
    expect(count('select count(*) from people')).toBeGreaterThanOrEqual(400);
    const zones = rawHandle(db)
      .prepare('select distinct time_zone from people where time_zone is not null')
      .pluck()
      .all();
    for (const z of [
      'Asia/Tokyo',
      'Europe/Berlin',
      'America/New_York',
      'America/Los_Angeles',
      'Australia/Sydney',
    ]) {
      expect(zones).toContain(z);
    }
    expect(count("select count(*) from people where module = 'lead'")).toBeGreaterThan(0);
    expect(count("select count(*) from people where module = 'contact'")).toBeGreaterThan(0);
  });

  it('holds six months of every BT-1 signal type, all before now', () => {
    const signals = rawHandle(db)
      .prepare('select distinct signal from activities where signal is not null')
      .pluck()
      .all();
    // Chats and page views live in their own tables; an unanswered call is no BT-1 signal.
    const notActivities = ['chat_started', 'page_visit', 'call_no_answer'];
    for (const s of SIGNAL_TYPES.filter((t) => !notActivities.includes(t)))
      expect(signals).toContain(s);
    const oldest = count("select min(started_at) from activities where status = 'completed'");
    const newest = count("select max(started_at) from activities where status = 'completed'");
    expect(newest).toBeLessThan(TEST_NOW);
    expect((TEST_NOW - oldest) / 86_400_000).toBeGreaterThan(170);
  });

  it('gives people habits: a typical person answers calls mostly on one weekday and hour', () => {
    const rows = rawHandle(db)
      .prepare(
        "select a.started_at as at, p.time_zone as tz from activities a join people p on p.id = a.person_id where a.person_id = (select person_id from activities where signal = 'call_answered' group by person_id order by count(*) desc limit 1) and a.signal like 'call%'",
      )
      .all() as { at: number; tz: string }[];
    const buckets = new Map<string, number>();
    for (const r of rows) {
      const t = DateTime.fromMillis(r.at, { zone: r.tz ?? 'Europe/Berlin' });
      const key = `${t.weekday}-${t.hour}`;
      buckets.set(key, (buckets.get(key) ?? 0) + 1);
    }
    const top = Math.max(...buckets.values());
    expect(top / rows.length).toBeGreaterThan(0.3);
  });

  it('has deals in every state, visits with pages, referrers and search engines, and chats with transcripts', () => {
    for (const s of ['open', 'won', 'lost'])
      expect(count(`select count(*) from deals where status = '${s}'`)).toBeGreaterThan(0);
    expect(
      count('select count(*) from visits where id not in (select visit_id from visit_pages)'),
    ).toBe(0);
    expect(count('select count(*) from visits where search_engine is not null')).toBeGreaterThan(0);
    expect(count('select count(*) from visits where referrer is not null')).toBeGreaterThan(0);
    expect(
      count('select count(*) from chats where id not in (select chat_id from chat_messages)'),
    ).toBe(0);
    expect(
      count(
        'select count(*) from people where days_visited > 0 and first_visit_at <= last_visit_at',
      ),
    ).toBeGreaterThan(0);
  });

  it('keeps office hours: Monday to Friday 08:00-18:00 in Berlin, weekends closed', () => {
    const org = rawHandle(db)
      .prepare('select time_zone, business_hours from organisation')
      .get() as { time_zone: string; business_hours: string };
    expect(org.time_zone).toBe('Europe/Berlin');
    const office: [number, number][] = [[8 * 60, 18 * 60]];
    expect(JSON.parse(org.business_hours)).toEqual({
      days: [office, office, office, office, office, [], []],
    });
  });

  it('has chats that read as conversations: the visitor asks, the operator answers, by name', () => {
    const messages = rawHandle(db)
      .prepare(
        `select m.chat_id, m.sender, m.author, m.text, p.first_name || ' ' || p.last_name as visitor,
           u.name as operator
         from chat_messages m join chats c on c.id = m.chat_id join people p on p.id = c.person_id
           join users u on u.id = c.operator_id
         order by m.chat_id, m.sent_at`,
      )
      .all() as {
      chat_id: string;
      sender: string;
      author: string;
      text: string;
      visitor: string;
      operator: string;
    }[];
    const chats = new Map<string, typeof messages>();
    for (const m of messages) chats.set(m.chat_id, [...(chats.get(m.chat_id) ?? []), m]);
    expect(chats.size).toBeGreaterThan(10);
    for (const lines of chats.values()) {
      expect(lines.length).toBeGreaterThanOrEqual(4);
      lines.forEach((m, i) => {
        expect(m.sender).toBe(i % 2 === 0 ? 'visitor' : 'operator');
        expect(m.author).toBe(i % 2 === 0 ? m.visitor : m.operator);
      });
      // Every chat is one of the written conversations, in its order, never a random mix.
      const conversation = CHAT_CONVERSATIONS.find((c) => c[0] === lines[0]?.text);
      expect(conversation).toBeDefined();
      expect(lines.map((m) => m.text)).toEqual(
        conversation?.map((t) => t.replace('{operator}', lines[1]?.operator.split(' ')[0] ?? '')),
      );
    }
  });

  it("records the reps' own calls as logged calls are: an unanswered one is evidence against its hour", () => {
    const worked = rawHandle(db)
      .prepare(
        `select outcome, signal, count(*) as n, max(duration_s) as longest from activities
          where id like 'lw-%' group by outcome, signal order by outcome`,
      )
      .all();
    expect(worked).toEqual([
      {
        outcome: 'answered',
        signal: 'call_answered',
        n: expect.any(Number),
        longest: expect.any(Number),
      },
      {
        outcome: 'no_answer',
        signal: 'call_no_answer',
        n: expect.any(Number),
        longest: expect.any(Number),
      },
    ]);
    const [answered, unanswered] = worked as { n: number }[];
    // Seven in ten are answered (WORKED_ANSWERED); both kinds are there for the model to weigh.
    expect(unanswered?.n).toBeGreaterThan(20);
    expect(answered?.n).toBeGreaterThan(unanswered?.n ?? 0);
  });

  it('gives a lead a status their calls bear out: answered calls are at least Contacted, tried ones at least Attempted', () => {
    const statusOf = (reached: string) =>
      rawHandle(db)
        .prepare(
          `select distinct p.lead_status from people p
            where p.module = 'lead' and exists (select 1 from activities a
              where a.person_id = p.id and a.kind = 'call' and a.status = 'completed' and ${reached})
            order by 1`,
        )
        .pluck()
        .all();
    // Chloe Weber's "Not Contacted" beside 8 answered calls (audit49 9).
    expect(statusOf("(a.outcome = 'answered' or a.direction = 'in')")).toEqual([
      'Contacted',
      'Pre-Qualified',
    ]);
    expect(statusOf('1')).not.toContain('Not Contacted');
  });

  it('plans work for today so the planner is never empty', () => {
    const rep = rawHandle(db)
      .prepare("select id, time_zone from users where id = 'u-r1'")
      .get() as {
      id: string;
      time_zone: string;
    };
    const day = DateTime.fromMillis(TEST_NOW, { zone: rep.time_zone }).startOf('day');
    const today = rawHandle(db)
      .prepare(
        "select count(*) from activities where owner_id = ? and status = 'scheduled' and started_at >= ? and started_at < ?",
      )
      .pluck()
      .get(rep.id, day.toMillis(), day.plus({ days: 1 }).toMillis()) as number;
    expect(today).toBeGreaterThanOrEqual(5);
  });

  it('gives most open tasks a Due_Date (due today, overdue from earlier days, later), placed at 09:00 Berlin as a sync places them, and keeps some with a time only', () => {
    const tasks = rawHandle(db)
      .prepare(
        `select a.due_date, a.started_at, u.time_zone from activities a join users u on u.id = a.owner_id
         where a.kind = 'task' and a.status = 'scheduled' and a.source_module = 'Tasks'`,
      )
      .all() as { due_date: string | null; started_at: number; time_zone: string }[];
    const dated = tasks.filter((t) => t.due_date !== null);
    const timeOnly = tasks.filter((t) => t.due_date === null);
    expect(dated.length).toBeGreaterThan(tasks.length / 3);
    expect(timeOnly.length).toBeGreaterThan(tasks.length / 5);
    const when = (t: (typeof tasks)[number]) => {
      const today = DateTime.fromMillis(TEST_NOW, { zone: t.time_zone }).toISODate() ?? '';
      const due = t.due_date ?? '';
      return due === today ? 'today' : due < today ? 'overdue' : 'later';
    };
    expect(new Set(dated.map(when))).toEqual(new Set(['today', 'overdue', 'later']));
    for (const t of dated)
      expect(DateTime.fromMillis(t.started_at, { zone: 'Europe/Berlin' }).toISO()).toMatch(
        new RegExp(`^${t.due_date}T09:00:00\\.000`),
      );
  });

  it('replaces an earlier demo organisation but never a connected CRM', async () => {
    const other = await openDatabase(dir.file('crm.db'));
    generateDemo(other, { seed: 1, people: 20, now: TEST_NOW });
    generateDemo(other, { seed: 2, people: 30, now: TEST_NOW });
    expect(rawHandle(other).prepare('select count(*) from people').pluck().get()).toBe(30);
    rawHandle(other).prepare("update organisation set source = 'zoho'").run();
    expect(() => generateDemo(other, { seed: 3, people: 10, now: TEST_NOW })).toThrow(
      DemoRefusedError,
    );
    expect(rawHandle(other).prepare('select count(*) from people').pluck().get()).toBe(30);
    await other.close();
  });
});
