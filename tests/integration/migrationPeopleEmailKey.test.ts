import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { migrations } from '../../src/main/db/migrations/index';
import { peopleByEmail } from '../../src/main/people/emailMatch';
import type { Database } from '../../src/main/db/schema';
import { searchFold } from '../../src/shared/searchFold';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// People gain an index on their e-mail as a visitor's is matched (trimmed, lower case): the
// Visits page and the alerts look a batch of visitors up in it.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const VERSION = migrations.findIndex((m) => m.name === 'people_email_key') + 1;

describe('the people e-mail key migration', () => {
  it('keeps every person, and finds them by e-mail in any case and spacing through the index', async () => {
    const file = dir.file('email-key.db');
    const raw = new BetterSqlite3(file);
    // As the app registers it: people's search text (migration 14) is written through it.
    raw.function('search_fold', { deterministic: true }, (text: unknown) =>
      typeof text === 'string' ? searchFold(text) : text,
    );
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
    await migrate({ kysely, path: file }, migrations.slice(0, VERSION - 1));
    const person = raw.prepare(
      `insert into people (id, module, last_name, email, owner_id, created_at, modified_at)
       values (?, ?, ?, ?, null, 0, 0)`,
    );
    person.run('p1', 'lead', 'Lund', ' Lund@Example.TEST ');
    person.run('p2', 'contact', 'Berg', 'berg@example.test');
    person.run('p3', 'lead', 'Nobody', null);
    const before = raw.prepare('select * from people order by rowid').all();
    await kysely.destroy();

    // Opened as the app opens it: the migration runs there.
    const db = await openDatabase(file);
    const after = rawHandle(db).prepare('select * from people order by rowid').all();
    expect(after).toEqual(before);
    expect(
      Object.fromEntries(peopleByEmail(db, ['lund@example.test', 'BERG@example.test '], 'rep')),
    ).toEqual({ 'lund@example.test': 'p1', 'berg@example.test': 'p2' });
    const plan = (
      rawHandle(db)
        .prepare(
          `explain query plan select id from people
           where lower(trim(email)) in (select value from json_each(?))`,
        )
        .all('["lund@example.test"]') as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan[0]).toMatch(/^SEARCH people USING INDEX people_email_key/);
    await db.close();
  });
});
