import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { firstEmailVisitRows } from '../../src/main/db/repos/alertVisits';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';

// Visits linked to nobody gain an index on the e-mail their visitor gave (trimmed, lower case) and
// their start: a person's page and "returning" find the visits matched to a person by it.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

describe('the visits e-mail key migration', () => {
  it('keeps every visit, and finds those linked to nobody by e-mail in any case and spacing', async () => {
    const file = dir.file('visits-email-key.db');
    const { raw, done } = await databaseBefore(file, 'visits_email_key');
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
    await done();

    const db = await openDatabase(file);
    // Every visit as it was, with the columns later migrations add (21: the person the CRM names;
    // 033: whether its actions hold a form).
    expect(rawHandle(db).prepare('select * from visits order by rowid').all()).toEqual(
      (before as Record<string, unknown>[]).map((v) => ({
        ...v,
        crm_person_id: null,
        has_form: 0,
      })),
    );
    expect(firstEmailVisitRows(db, ['lund@example.test', 'nobody@example.test'])).toEqual([
      { key: 'lund@example.test', first: 1_000 },
    ]);
    await db.close();
  });
});
