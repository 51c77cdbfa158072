import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { loadRepPlanInputs, RepPlanCache } from '../../src/main/planner/repPlanInputs';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { runCliInProcess } from '../fixtures/runCli';
import { databaseBefore } from '../fixtures/databaseBefore';

// A Tokyo rep's CRM holds 姓 山田 / 名 太郎. The app shows them family name first and finds them
// however the rep types the name; the command line keeps printing "First Last" (a fixed interface).

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

/** A database as the app left it before migration 27, with Japanese and Western people in it. */
async function beforeNameOrders(file: string): Promise<void> {
  const { raw, done } = await databaseBefore(file, 'search_name_orders');
  raw
    .prepare(
      `insert into users (id, name, email, role, time_zone)
       values ('u1', 'Yui Mori', 'yui@example.test', 'rep', 'Asia/Tokyo')`,
    )
    .run();
  const person = raw.prepare(
    `insert into people (id, module, first_name, last_name, owner_id, created_at, modified_at)
     values (?, 'contact', ?, ?, 'u1', 0, 0)`,
  );
  person.run('yamada', '太郎', '山田');
  person.run('suzuki', 'イチロウ', 'スズキ');
  person.run('jiro', null, 'ｽｽﾞｷ ｼﾞﾛｳ');
  person.run('sasaki', 'ススム', 'ササキ');
  person.run('anna', 'Anna', 'Schmidt');
  await done();
}

describe('Japanese names in the app', () => {
  it("People's search finds a Japanese name in either order, with or without the space, and kana in either script", async () => {
    const file = dir.file('old.db');
    await beforeNameOrders(file);
    const db = await openDatabase(file);
    const core = createCore(db, () => TEST_NOW);
    const found = async (query: string) =>
      (await core.handlers.listPeople({ query, offset: 0, limit: 10 })).rows
        .map((r) => r.id)
        .sort();
    for (const typed of ['山田 太郎', '山田太郎', '太郎 山田', '太郎山田', '山田\u3000太郎'])
      expect(await found(typed), typed).toEqual(['yamada']);
    expect(await found('すずき')).toEqual(['jiro', 'suzuki']);
    expect(await found('ｽｽﾞｷ')).toEqual(['jiro', 'suzuki']);
    expect(await found('すずきじろう')).toEqual(['jiro']);
    expect(await found('スス')).toEqual(['sasaki']);
    // Western names are found as before: any order of whole words, never run together.
    expect(await found('schmidt anna')).toEqual(['anna']);
    expect(await found('annaschmidt')).toEqual([]);

    // A person written after the migration is kept searchable by the triggers.
    rawHandle(db)
      .prepare(
        `insert into people (id, module, first_name, last_name, created_at, modified_at)
         values ('sato', 'lead', '花子', '佐藤', 0, 0)`,
      )
      .run();
    expect(await found('佐藤花子')).toEqual(['sato']);
    rawHandle(db).prepare(`update people set last_name = '加藤' where id = 'sato'`).run();
    expect(await found('佐藤花子')).toEqual([]);
    expect(await found('花子加藤')).toEqual(['sato']);
    await db.close();
  });

  it('shows a Japanese name family name first on People and the person page, a Western name first name first', async () => {
    const file = dir.file('old.db');
    await beforeNameOrders(file);
    const db = await openDatabase(file);
    const core = createCore(db, () => TEST_NOW);
    const page = await core.handlers.listPeople({ query: '', offset: 0, limit: 10 });
    const names = new Map(page.rows.map((r) => [r.id, r.name]));
    expect(names.get('yamada')).toBe('山田 太郎');
    expect(names.get('suzuki')).toBe('スズキ イチロウ');
    expect(names.get('anna')).toBe('Anna Schmidt');
    expect((await core.handlers.getPerson({ id: 'yamada' })).person.name).toBe('山田 太郎');
    await db.close();
  });

  it("names the planner's people family name first in the app, and leaves the command line's inputs as they were", async () => {
    const file = dir.file('old.db');
    await beforeNameOrders(file);
    const db = await openDatabase(file);
    const byId = (people: { id: string; name: string }[]) =>
      new Map(people.map((p) => [p.id, p.name]));
    const app = byId(new RepPlanCache().get(db, 'u1', 'Asia/Tokyo', TEST_NOW));
    expect(app.get('yamada')).toBe('山田 太郎');
    expect(app.get('anna')).toBe('Anna Schmidt');
    const cli = byId(loadRepPlanInputs(db, 'u1', 'Asia/Tokyo', TEST_NOW));
    expect(cli.get('yamada')).toBe('太郎 山田');
    expect(cli.get('anna')).toBe('Anna Schmidt');
    await db.close();
  });
});

describe("Japanese names on the Team page's exports", () => {
  it('writes them family name first in the page\'s CSV and calendar, and "First Last" in the team command\'s', async () => {
    const db = await demoDb(dir);
    // Every one of Tom's (u-r2) people becomes 山田 with a given name of their own.
    rawHandle(db)
      .prepare(
        `update people set last_name = '山田', first_name = '太郎' || substr(id, 2) where owner_id = 'u-r2'`,
      )
      .run();
    const core = createCore(db, () => TEST_NOW);
    await core.recomputeSuggestions();
    await core.handlers.setCurrentUser({ userId: 'u-d1' });
    const lane = (await core.handlers.getTeamDay({})).reps.find((r) => r.repId === 'u-r2');
    const blockNames = (lane?.blocks ?? []).map((b) => b.name);
    expect(blockNames.length).toBeGreaterThan(0);
    for (const name of blockNames) expect(name).toMatch(/^山田 太郎\d+$/);
    for (const format of ['csv', 'ics'] as const) {
      const { content } = await core.handlers.exportTeamDay({ format, repId: 'u-r2' });
      expect(content, format).toMatch(/山田 太郎\d+/);
      expect(content, format).not.toMatch(/太郎\d+ 山田/);
    }
    await db.close();

    const out = dir.file('team.csv');
    const cli = await runCliInProcess([
      'team',
      '--db',
      db.path,
      '--manager',
      'u-d1',
      '--now',
      new Date(TEST_NOW).toISOString(),
      '--format',
      'csv',
      '--out',
      out,
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written).toMatch(/太郎\d+ 山田/);
    expect(written).not.toMatch(/山田 太郎\d+/);
  }, 120_000);
});
