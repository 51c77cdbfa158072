import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';
import { countSearchFolds } from '../fixtures/searchFoldCalls';

// Migration 33 folds a person's search text again only when a folded column changed. A database
// written before keeps every person's search text as it was and found as before; a later write
// naming the same values folds nothing, a real change folds that person alone.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

/** Each stored person and a query a rep would type to find them. */
const PEOPLE = [
  {
    id: 'p1',
    first: 'José',
    last: 'Müller',
    email: 'jm@example.test',
    company: 'Łódź Øresund',
    query: 'jose muller lodz',
  },
  {
    id: 'p2',
    first: 'Дмитрий',
    last: 'Ёлкин',
    email: null,
    company: 'ООО Север',
    query: 'елкин север',
  },
  { id: 'p3', first: '太郎', last: '山田', email: null, company: null, query: '山田太郎' },
  {
    id: 'p4',
    first: null,
    last: 'Sharma',
    email: 'ram@example.test',
    company: null,
    query: 'ram@example',
  },
  {
    id: 'p5',
    first: 'イチロウ',
    last: 'スズキ',
    email: null,
    company: 'ACME',
    query: 'すずき いちろう',
  },
] as const;

async function atPreviousVersion(file: string): Promise<Record<string, string>> {
  const { raw, done } = await databaseBefore(file, 'search_text_when_changed');
  const person = raw.prepare(
    `insert into people (id, module, first_name, last_name, email, company, created_at, modified_at)
     values (?, 'contact', ?, ?, ?, ?, 0, 0)`,
  );
  for (const p of PEOPLE) person.run(p.id, p.first, p.last, p.email, p.company);
  const texts = Object.fromEntries(
    raw.prepare('select id, search_text from people').raw().all() as [string, string][],
  );
  await done();
  return texts;
}

describe('migration 33: a person is folded again only when a searched column changes', () => {
  it('keeps every stored person found as before, and folds only a real change', async () => {
    const file = dir.file('old.db');
    const before = await atPreviousVersion(file);
    const db = await openDatabase(file);
    const raw = rawHandle(db);
    const core = createCore(db, () => TEST_NOW);
    const found = async (query: string) =>
      (await core.handlers.listPeople({ query, offset: 0, limit: 10 })).rows.map((r) => r.id);
    const texts = () =>
      Object.fromEntries(
        raw.prepare('select id, search_text from people').raw().all() as [string, string][],
      );
    expect(texts()).toEqual(before);
    for (const p of PEOPLE) expect(await found(p.query), p.query).toEqual([p.id]);

    const folds = countSearchFolds(raw);
    // As the sync writes a person: every column named, the searched ones with the values stored.
    raw
      .prepare(
        `update people set first_name = first_name, last_name = last_name, email = email,
           company = company, phone = '+49 30 1'`,
      )
      .run();
    expect(folds()).toBe(0);
    expect(texts()).toEqual(before);

    // A name, an e-mail, a company changed, and one set from nothing: each folded again, alone.
    raw.prepare(`update people set last_name = 'Østergård' where id = 'p1'`).run();
    raw.prepare(`update people set email = 'dima@sever.test' where id = 'p2'`).run();
    raw.prepare(`update people set company = 'Ærø Fisk' where id = 'p3'`).run();
    raw.prepare(`update people set first_name = 'Rām' where id = 'p4'`).run();
    expect(folds()).toBe(4);
    expect(await found('jose ostergard')).toEqual(['p1']);
    expect(await found('muller')).toEqual([]);
    expect(await found('dima@sever')).toEqual(['p2']);
    expect(await found('aero fisk')).toEqual(['p3']);
    expect(await found('山田太郎')).toEqual(['p3']);
    expect(await found('ram sharma')).toEqual(['p4']);
    // Back to nothing is a change too (`is not`: a null against a value).
    raw.prepare(`update people set company = null where id = 'p5'`).run();
    expect(folds()).toBe(5);
    expect(await found('acme')).toEqual([]);
    expect(await found('すずき いちろう')).toEqual(['p5']);
    await db.close();
  });
});
