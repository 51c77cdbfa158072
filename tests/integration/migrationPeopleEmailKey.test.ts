import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { peopleByEmail } from '../../src/main/people/emailMatch';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';

// People gain an index on their e-mail as a visitor's is matched (trimmed, lower case): the
// Visits page and the alerts look a batch of visitors up in it.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

describe('the people e-mail key migration', () => {
  it('keeps every person, and finds them by e-mail in any case and spacing through the index', async () => {
    const file = dir.file('email-key.db');
    const { raw, done } = await databaseBefore(file, 'people_email_key');
    const person = raw.prepare(
      `insert into people (id, module, last_name, email, owner_id, created_at, modified_at)
       values (?, ?, ?, ?, null, 0, 0)`,
    );
    person.run('p1', 'lead', 'Lund', ' Lund@Example.TEST ');
    person.run('p2', 'contact', 'Berg', 'berg@example.test');
    person.run('p3', 'lead', 'Nobody', null);
    const before = raw.prepare('select * from people order by rowid').all();
    await done();

    // Opened as the app opens it: the migration runs there.
    const db = await openDatabase(file);
    const after = rawHandle(db).prepare('select * from people order by rowid').all();
    // Later migrations add the account the CRM names (migration 23) and the stored last touch,
    // nothing for these people (migration 39).
    expect(after).toEqual(
      before.map((r) => ({
        ...(r as object),
        crm_account_id: null,
        last_touch: null,
        last_touch_from: 0,
      })),
    );
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
