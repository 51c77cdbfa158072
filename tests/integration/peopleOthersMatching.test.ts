import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, oneRepDb, TEST_NOW, type TempDir } from '../fixtures/tempDb';

// A rep searching "My people" for whoever just called is told how many of everyone's people the
// same search finds that the owner filter hides, counted by the core over the whole organisation.

let dir: TempDir;
let db: Db;
let core: Core;

beforeAll(async () => {
  dir = makeTempDir();
  db = await oneRepDb(dir, 'people.db');
  const raw = rawHandle(db);
  raw
    .prepare(
      `insert into users (id, name, email, role, time_zone)
       values ('colleague', 'Cora Colleague', 'cora@example.com', 'rep', 'Europe/Berlin')`,
    )
    .run();
  const person = raw.prepare(
    `insert into people (id, module, first_name, last_name, email, company, phone, owner_id,
       created_at, modified_at)
     values (?, 'lead', ?, ?, ?, ?, ?, ?, 0, 0)`,
  );
  // One Tanaka is the rep's, the others a colleague's or no one's, found by name with its accent,
  // by company in capitals, by e-mail.
  person.run('mine', 'Kenji', 'Tanaka', null, null, null, 'rep');
  person.run('accented', 'Yui', 'Tanáka', null, null, null, 'colleague');
  person.run('company', 'Ida', 'Berg', null, 'TANAKA Trading', null, 'colleague');
  person.run('unowned', 'Ola', 'Lind', 'o.tanaka@example.jp', null, null, null);
  person.run('phone', 'Eva', 'Holm', null, null, '+81 (3) 1234-5678', 'colleague');
  person.run('elsewhere', 'Anna', 'Schmidt', null, null, null, 'colleague');
  core = createCore(db, () => TEST_NOW);
});

afterAll(async () => {
  await db.close();
  dir.remove();
});

const list = (query: string, ownerId?: string) =>
  core.handlers.listPeople({ query, offset: 0, limit: 100, ...(ownerId ? { ownerId } : {}) });

describe("People's search among one owner's people counts the matches it hides", () => {
  it('counts everyone else’s matches beside the rep’s own, with or without accents and capitals', async () => {
    for (const typed of ['tanaka', 'TANAKA', 'Tanáka', ' tánaka ']) {
      const mine = await list(typed, 'rep');
      expect(
        mine.rows.map((r) => r.id),
        typed,
      ).toEqual(['mine']);
      expect(mine.total, typed).toBe(1);
      // The colleague's Tanáka, their TANAKA Trading and no one's o.tanaka@: not the rep's.
      expect(mine.othersMatching, typed).toBe(3);
    }
  });

  it('counts them when none of the rep’s own match', async () => {
    const found = await list('schmidt', 'rep');
    expect(found.rows).toEqual([]);
    expect(found.total).toBe(0);
    expect(found.othersMatching).toBe(1);
    // Every word, any order, as the list: only the colleague's Yui Tanáka.
    expect((await list('yui tanaka', 'rep')).othersMatching).toBe(1);
    // A phone number as dialled, as the list finds one.
    expect((await list('3 12345678', 'rep')).othersMatching).toBe(1);
    expect((await list('nobody', 'rep')).othersMatching).toBe(0);
  });

  it('is the same search as the list of everyone’s people, less the owner’s', async () => {
    for (const [typed, owner] of [
      ['tanaka', 'rep'],
      ['tanaka', 'colleague'],
      ['a', 'rep'],
      ['1234', 'colleague'],
    ] as const) {
      const everyone = await list(typed);
      const owners = await list(typed, owner);
      expect(owners.othersMatching, `${typed} ${owner}`).toBe(everyone.total - owners.total);
    }
  });

  it('counts nothing without a search, or when everyone’s people are listed', async () => {
    expect((await list('', 'rep')).othersMatching).toBeNull();
    expect((await list('   ', 'rep')).othersMatching).toBeNull();
    const everyone = await list('tanaka');
    expect(everyone.total).toBe(4);
    expect(everyone.othersMatching).toBeNull();
  });
});
