import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { listQuarantine } from '../../src/main/sync/quarantineRetry';
import { waitingRecords } from '../../src/main/db/repos/quarantine';
import { databaseBefore } from '../fixtures/databaseBefore';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// Waiting records whose rows cannot be read back are marked (unreadable_at) and retried no more:
// a database from before keeps every held-back record as it was, the waiting ones still waiting.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  dir.remove();
});

describe('the quarantine unreadable migration', () => {
  it('keeps every held-back record, and those waiting for their person still wait', async () => {
    const file = dir.file('quarantine.db');
    const { raw, done } = await databaseBefore(file, 'quarantine_unreadable');
    const add = raw.prepare(
      `insert into quarantine (module, record_id, error, raw, writes, modified_at, first_seen_at, last_seen_at)
       values (?, ?, ?, '{}', ?, 1, 1, 1)`,
    );
    add.run('Calls', 'c1', 'Calls record c1: its person p1 is not synced (yet)', '[]');
    add.run('Calls', 'c2', 'Calls record c2: no Subject', null);
    await done();

    const db = await openDatabase(file);
    expect(listQuarantine(db)).toEqual([
      expect.objectContaining({ recordId: 'c1', waiting: true }),
      expect.objectContaining({ recordId: 'c2', waiting: false }),
    ]);
    expect(waitingRecords(db).map((r) => r.record_id)).toEqual(['c1']);
    await db.close();
  });
});
