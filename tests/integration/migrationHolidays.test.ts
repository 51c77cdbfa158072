import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { holidayRows } from '../../src/main/db/repos/holidays';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';

// Days off (Zoho's holidays) get a table of their own: a business holiday has no shift, a shift
// holiday its shift's id.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

describe('the holidays migration', () => {
  it('adds an empty table of days off to a database written before it, keeping its shifts', async () => {
    const file = dir.file('holidays.db');
    const { raw, done } = await databaseBefore(file, 'holidays');
    raw
      .prepare(
        "insert into shifts (id, name, time_zone, hours) values ('s1', 'Night', 'UTC', '{}')",
      )
      .run();
    await done();

    // Opened as the app opens it: the migration runs there.
    const db = await openDatabase(file);
    expect(rawHandle(db).prepare('select count(*) from shifts').pluck().get()).toBe(1);
    expect(holidayRows(db, null)).toEqual([]);
    const add = rawHandle(db).prepare(
      'insert into holidays (id, date, name, shift_id) values (?, ?, ?, ?)',
    );
    add.run('h2', '2026-12-26', 'Boxing Day', null);
    add.run('h1', '2026-12-25', 'Christmas Day', null);
    add.run('h3', '2026-11-26', 'Thanksgiving', 's1');
    expect(holidayRows(db, null)).toEqual([
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-26', name: 'Boxing Day' },
    ]);
    expect(holidayRows(db, 's1')).toEqual([{ date: '2026-11-26', name: 'Thanksgiving' }]);
    await db.close();
  });
});
