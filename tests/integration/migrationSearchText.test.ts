import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';

// People search compares name, email and company folded (no accents, lower case), kept with the
// row: a database written before has every person folded when it is opened, and every later
// insert or change of those fields, by any writer, folds them again.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

async function atPreviousVersion(file: string): Promise<void> {
  const { raw, done } = await databaseBefore(file, 'search_text');
  const person = raw.prepare(
    `insert into people (id, module, first_name, last_name, email, company, created_at, modified_at)
     values (?, 'contact', ?, ?, ?, ?, 0, 0)`,
  );
  person.run('p1', 'José', 'Müller', 'jm@example.test', 'Łódź Øresund');
  person.run('p2', 'Дмитрий', 'Ёлкин', null, 'ООО Север');
  person.run('p3', 'राम', 'Sharma', null, null);
  await done();
}

describe('migration 14: people keep their search text', () => {
  it('folds everyone already stored, and keeps the fold current through inserts and changes', async () => {
    const file = dir.file('old.db');
    await atPreviousVersion(file);
    const db = await openDatabase(file);
    const core = createCore(db, () => TEST_NOW);
    const found = async (query: string) =>
      (await core.handlers.listPeople({ query, offset: 0, limit: 10 })).rows.map((r) => r.id);
    expect(await found('jose muller lodz')).toEqual(['p1']);
    expect(await found('елкин север')).toEqual(['p2']);
    expect(await found('राम')).toEqual(['p3']);
    expect(await found('रमा')).toEqual([]);

    const raw = rawHandle(db);
    raw
      .prepare(
        `insert into people (id, module, first_name, last_name, created_at, modified_at)
         values ('p4', 'lead', 'Zoë', 'Brontë', 0, 0)`,
      )
      .run();
    expect(await found('zoe bronte')).toEqual(['p4']);
    raw.prepare(`update people set last_name = 'Østergård' where id = 'p4'`).run();
    expect(await found('bronte')).toEqual([]);
    expect(await found('zoe ostergard')).toEqual(['p4']);
    // A change of the company alone is folded too.
    raw.prepare(`update people set company = 'Ærø Fisk' where id = 'p4'`).run();
    expect(await found('aero')).toEqual(['p4']);
    await db.close();
  });
});
