import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { migrations } from '../../src/main/db/migrations/index';
import { firstEmailVisitRows } from '../../src/main/db/repos/alertVisits';
import type { Database } from '../../src/main/db/schema';
import { searchFold } from '../../src/shared/searchFold';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// Visits linked to nobody gain an index on the e-mail their visitor gave (trimmed, lower case) and
// their start: a person's page and "returning" find the visits matched to a person by it.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const VERSION = migrations.findIndex((m) => m.name === 'visits_email_key') + 1;

describe('the visits e-mail key migration', () => {
  it('keeps every visit, and finds those linked to nobody by e-mail in any case and spacing', async () => {
    const file = dir.file('visits-email-key.db');
    const raw = new BetterSqlite3(file);
    raw.function('search_fold', { deterministic: true }, (text: unknown) =>
      typeof text === 'string' ? searchFold(text) : text,
    );
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
    await migrate({ kysely, path: file }, migrations.slice(0, VERSION - 1));
    raw
      .prepare(
        `insert into people (id, module, last_name, email, created_at, modified_at)
         values ('p1', 'lead', 'Lund', 'lund@example.test', 0, 0)`,
      )
      .run();
    const visit = raw.prepare(
      'insert into visits (id, person_id, visitor_email, started_at) values (?, ?, ?, ?)',
    );
    visit.run('v1', null, ' Lund@Example.TEST ', 2_000);
    visit.run('v2', null, 'lund@example.test', 1_000);
    // Linked: its person's whatever e-mail was typed; not found by it.
    visit.run('v3', 'p1', 'lund@example.test', 500);
    visit.run('v4', null, null, 100);
    const before = raw.prepare('select * from visits order by rowid').all();
    await kysely.destroy();

    const db = await openDatabase(file);
    expect(rawHandle(db).prepare('select * from visits order by rowid').all()).toEqual(before);
    expect(firstEmailVisitRows(db, ['lund@example.test', 'nobody@example.test'])).toEqual([
      { key: 'lund@example.test', first: 1_000 },
    ]);
    await db.close();
  });
});
