import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { migrate, openDatabase, type Db } from '../../src/main/db/openDatabase';
import { migrations } from '../../src/main/db/migrations/index';
import { loadSignalEvents } from '../../src/main/besttime/store/signalEvents';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { rawHandle } from '../../src/main/db/bulkHandle';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const HOUR = 3_600_000;

function storedWindows(db: Db, personId: string): Record<string, string> {
  const rows = rawHandle(db)
    .prepare('select channel, time_zone, windows from best_time_windows where person_id = ?')
    .all(personId) as { channel: string; time_zone: string; windows: string }[];
  return Object.fromEntries(rows.map((r) => [r.channel, `${r.time_zone} ${r.windows}`]));
}

/** A 60-person demo organisation with everyone's windows learned as of TEST_NOW. */
async function learnedDemo(): Promise<{ db: Db; core: ReturnType<typeof createCore> }> {
  const db = await demoDb(dir, { people: 60 });
  const core = createCore(db, () => TEST_NOW);
  await core.recomputeSuggestions();
  return { db, core };
}

/** Someone with a few of their own signals, so a new one changes what their reasons say. */
function activePerson(db: Db): string {
  return rawHandle(db)
    .prepare(
      `select person_id from activities where signal = 'call_answered' and status = 'completed'
       group by person_id order by count(*) desc, person_id limit 1`,
    )
    .pluck()
    .get() as string;
}

describe('a damaged stored row of windows', () => {
  it('hides only that person’s windows, and their next relearn mends it', async () => {
    const { db, core } = await learnedDemo();
    const id = activePerson(db);
    const before = storedWindows(db, id);
    rawHandle(db)
      .prepare('update best_time_windows set windows = \'{"w": [[2, 600\' where person_id = ?')
      .run(id);
    const plan = await core.dispatch('getPlanner', {});
    expect(plan.ok).toBe(true);
    const person = await core.handlers.getPerson({ id });
    expect(person.windows).toEqual([]);
    await core.recomputeSuggestionsFor([id]);
    expect(storedWindows(db, id)).toEqual(before);
    expect((await core.handlers.getPerson({ id })).windows.length).toBeGreaterThan(0);
    await db.close();
  });
});

describe('a full relearn', () => {
  const everyone = (raw: BetterSqlite3.Database): unknown[] =>
    raw
      .prepare('select person_id, channel, time_zone, windows from best_time_windows order by 1, 2')
      .all();

  /** Notes every write to best_time_windows, and runs `look` at each (inside the relearn). */
  function watchWrites(db: Db, look: () => void = () => undefined): string[] {
    const written: string[] = [];
    rawHandle(db).function('wrote', (kind: unknown, person: unknown) => {
      written.push(`${String(kind)} ${String(person)}`);
      look();
      return 0;
    });
    rawHandle(db).exec(`
      create temp trigger w_ins after insert on main.best_time_windows begin select wrote('insert', new.person_id); end;
      create temp trigger w_upd after update on main.best_time_windows begin select wrote('update', new.person_id); end;
      create temp trigger w_del after delete on main.best_time_windows begin select wrote('delete', old.person_id); end;
    `);
    return written;
  }

  it('writes no row when nothing changed since the last one', async () => {
    const { db, core } = await learnedDemo();
    const written = watchWrites(db);
    await core.recomputeSuggestions();
    expect(written).toEqual([]);
    await db.close();
  });

  it('replaces windows in place: another connection reads the old ones until it commits, then the new', async () => {
    const { db, core } = await learnedDemo();
    const before = everyone(rawHandle(db));
    const id = activePerson(db);
    const insert = rawHandle(db).prepare(
      `insert into activities (id, person_id, signal, kind, channel, direction, started_at, duration_s, status, source_module)
       values (?, ?, 'call_answered', 'call', 'phone', 'out', ?, 240, 'completed', 'Calls')`,
    );
    for (const week of [1, 2, 3])
      insert.run(`new-${week}`, id, TEST_NOW - HOUR - week * 7 * 24 * HOUR);
    // Another connection (another process, a reader thread) looks each time a row is written.
    const reader = new BetterSqlite3(db.path, { readonly: true });
    const readerSaw: unknown[][] = [];
    const written = watchWrites(db, () => readerSaw.push(everyone(reader)));
    await core.recomputeSuggestions();
    expect(written).toContain(`update ${id}`);
    expect(written.filter((w) => w.startsWith('delete'))).toEqual([]);
    expect(readerSaw.length).toBe(written.length);
    for (const seen of readerSaw) expect(seen).toEqual(before);
    const after = everyone(reader);
    reader.close();
    expect(after).not.toEqual(before);
    expect(after).toEqual(everyone(rawHandle(db)));
    await db.close();
  });

  it('keeps every stored window, the date and the priors when it fails half-way', async () => {
    const { db, core } = await learnedDemo();
    const raw = rawHandle(db);
    const before = everyone(raw);
    const priors = raw.prepare('select * from learned_priors').get();
    const learned = raw
      .prepare("select value from settings where key = 'windows_learned_at'")
      .pluck()
      .get();
    // Everyone's windows move (a shorter slot); the disk fills up after the first hundred rows.
    raw.exec("insert or replace into settings (key, value) values ('slotMinutes', '30')");
    raw.exec(`
      create temp table written (n integer);
      create temp trigger full_disk before update on main.best_time_windows
        when (select count(*) from written) >= 100
        begin select raise(abort, 'database or disk is full'); end;
      create temp trigger count_writes after update on main.best_time_windows
        begin insert into written values (1); end;
    `);
    await expect(core.recomputeSuggestions()).rejects.toThrow(/database or disk is full/);
    expect(everyone(raw)).toEqual(before);
    expect(raw.prepare('select * from learned_priors').get()).toEqual(priors);
    expect(
      raw.prepare("select value from settings where key = 'windows_learned_at'").pluck().get(),
    ).toBe(learned);
    await db.close();
  });
});

describe('recomputing the windows of the people a sync touched', () => {
  it('shows the new reason of a person whose signals changed, and leaves the others alone', async () => {
    const { db, core } = await learnedDemo();
    const id = activePerson(db);
    const others = rawHandle(db)
      .prepare('select id from people where id != ? order by id limit 10')
      .pluck()
      .all(id) as string[];
    const othersBefore = others.map((o) => storedWindows(db, o));
    const before = await core.handlers.getPerson({ id });
    // Answered calls an hour before now on the last three Mondays: that hour's reason must say so.
    const insert = rawHandle(db).prepare(
      `insert into activities (id, person_id, signal, kind, channel, direction, started_at, duration_s, status, source_module)
       values (?, ?, 'call_answered', 'call', 'phone', 'out', ?, 240, 'completed', 'Calls')`,
    );
    for (const week of [1, 2, 3])
      insert.run(`new-${week}`, id, TEST_NOW - HOUR - week * 7 * 24 * HOUR);

    await core.recomputeSuggestionsFor([id, ...others]);
    const after = await core.handlers.getPerson({ id });
    const monday = (w: { channel: string; weekday: number; reason: string }) =>
      w.channel === 'call' && w.weekday === 1 && w.reason.includes('last 7 days ago');
    expect(before.windows.some(monday)).toBe(false);
    expect(after.windows.some(monday)).toBe(true);
    expect(others.map((o) => storedWindows(db, o))).toEqual(othersBefore);
    await db.close();
  });

  it('rewrites no row when nothing they did changed', async () => {
    const { db, core } = await learnedDemo();
    const ids = rawHandle(db)
      .prepare('select id from people order by id limit 20')
      .pluck()
      .all() as string[];
    const changes = () => rawHandle(db).prepare('select total_changes()').pluck().get() as number;
    const before = changes();
    await core.recomputeSuggestionsFor(ids);
    expect(changes()).toBe(before);
    await db.close();
  });
});

describe('the signals a recompute reads', () => {
  it('reads completed signals, unanswered calls, chats and page views, each person in their own zone', async () => {
    const db = await openDatabase(dir.file('signals.db'));
    rawHandle(db).exec(`
      insert into people (id, module, last_name, time_zone, created_at, modified_at) values
        ('p1', 'contact', 'One', 'Asia/Tokyo', 0, 0), ('p2', 'contact', 'Two', null, 0, 0);
      insert into activities (id, person_id, signal, kind, channel, started_at, duration_s, status, source_module) values
        ('a1', 'p1', 'call_answered', 'call', 'phone', 3000, 95, 'completed', 'Calls'),
        ('a2', 'p1', 'email_opened', 'email', 'email', 1000, null, 'completed', 'Emails'),
        ('a3', 'p1', 'call_answered', 'call', 'phone', 5000, 60, 'scheduled', 'Calls'),
        ('a4', 'p1', 'not_a_signal', 'note', 'other', 6000, null, 'completed', 'Notes'),
        ('a5', 'p1', null, 'task', 'other', 7000, null, 'completed', 'Tasks'),
        ('a6', 'p1', 'call_no_answer', 'call', 'phone', 3500, 25, 'completed', 'Calls');
      insert into chats (id, person_id, started_at) values ('c1', 'p1', 4000);
      insert into visits (id, person_id, started_at) values ('v1', 'p1', 2000);
      insert into visit_pages (visit_id, url, viewed_at) values ('v1', 'https://example.com/', 2500);
    `);
    const events = loadSignalEvents(db, 'Europe/Berlin', null, ['p1', 'p2', 'gone']);
    expect([...events.keys()]).toEqual(['p1', 'p2']);
    expect(events.get('p2')).toEqual([]);
    expect(events.get('p1')).toEqual([
      {
        personId: 'p1',
        at: 1000,
        type: 'email_opened',
        durationS: undefined,
        personTz: 'Asia/Tokyo',
      },
      { personId: 'p1', at: 3000, type: 'call_answered', durationS: 95, personTz: 'Asia/Tokyo' },
      { personId: 'p1', at: 3500, type: 'call_no_answer', durationS: 25, personTz: 'Asia/Tokyo' },
      {
        personId: 'p1',
        at: 4000,
        type: 'chat_started',
        durationS: undefined,
        personTz: 'Asia/Tokyo',
      },
      {
        personId: 'p1',
        at: 2500,
        type: 'page_visit',
        durationS: undefined,
        personTz: 'Asia/Tokyo',
      },
    ]);
    expect(loadSignalEvents(db, 'Europe/Berlin', null)).toEqual(events);
    await db.close();
  });
});

describe('the signal index migration', () => {
  it('keeps a database’s activities and windows, and the planner shows the same windows', async () => {
    const path = dir.file('v2.db');
    const raw = new BetterSqlite3(path);
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    const kysely = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
    const old: Db = { raw, kysely, path, close: () => kysely.destroy() } as unknown as Db;
    await migrate(old, migrations.slice(0, 2));
    const windows = JSON.stringify([[1, 540, 600, 4.5, 'answered 3 calls on Mondays 09:00-10:00']]);
    raw.exec(`
      insert into people (id, module, last_name, time_zone, created_at, modified_at)
        values ('p1', 'contact', 'One', 'Europe/Berlin', 0, 0);
      insert into activities (id, person_id, signal, kind, channel, started_at, duration_s, status, source_module)
        values ('a1', 'p1', 'call_answered', 'call', 'phone', 3000, 95, 'completed', 'Calls');
    `);
    raw
      .prepare(
        `insert into best_time_windows (person_id, channel, time_zone, windows, computed_at)
         values ('p1', 'call', 'Europe/Berlin', ?, 42)`,
      )
      .run(windows);
    await old.close();

    const db = await openDatabase(path);
    expect(rawHandle(db).prepare('select max(version) from schema_migrations').pluck().get()).toBe(
      migrations.length,
    );
    expect(rawHandle(db).prepare('select * from best_time_windows').all()).toEqual([
      { person_id: 'p1', channel: 'call', time_zone: 'Europe/Berlin', windows },
    ]);
    expect(rawHandle(db).prepare('select count(*) from activities').pluck().get()).toBe(1);
    const plan = rawHandle(db)
      .prepare(
        `explain query plan select started_at, signal, duration_s from activities
         where signal is not null and status = 'completed' and person_id = 'p1'`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toContain('COVERING INDEX activities_person_signals');
    const person = await createCore(db, () => TEST_NOW).handlers.getPerson({ id: 'p1' });
    expect(person.windows).toMatchObject([
      {
        channel: 'call',
        weekday: 1,
        startMin: 540,
        reason: 'answered 3 calls on Mondays 09:00-10:00',
      },
    ]);
    await db.close();
  });
});
