import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { repointWaiting, waitingFor } from '../../src/main/db/repos/quarantine';
import { databaseBefore } from '../fixtures/databaseBefore';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// Records held back before migration 28 still wait for their person, now found by an index on
// the person they wait for rather than by reading every waiting record's rows.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  dir.remove();
});

const call = (id: string, personId: string): string =>
  JSON.stringify([
    { table: 'activities', row: { id, person_id: personId, source_module: 'Calls' } },
  ]);

describe('the quarantine waits_for migration', () => {
  it('finds the records held back before it by the person they wait for, through an index', async () => {
    const file = dir.file('waits.db');
    const { raw, done } = await databaseBefore(file, 'quarantine_waits_for');
    const add = raw.prepare(
      `insert into quarantine (module, record_id, error, raw, writes, modified_at, first_seen_at, last_seen_at, unreadable_at)
       values (?, ?, ?, '{}', ?, 1, 1, 1, ?)`,
    );
    add.run(
      'Calls',
      'c1',
      'Calls record c1: its person p1 is not synced (yet)',
      call('c1', 'p1'),
      null,
    );
    add.run(
      'Events',
      'e1',
      'Events record e1: its person p1 is not synced (yet)',
      call('e1', 'p1'),
      null,
    );
    add.run(
      'Calls',
      'c2',
      'Calls record c2: its person p2 is not synced (yet)',
      call('c2', 'p2'),
      null,
    );
    add.run('Calls', 'c3', 'Calls record c3: no Subject', null, null);
    add.run('Calls', 'c4', 'Calls record c4: damaged', '{not json', null);
    add.run('Calls', 'c5', 'Calls record c5: unreadable', call('c5', 'p1'), 5);
    await done();

    const db = await openDatabase(file);
    expect(waitingFor(db, 'p1').map((r) => r.record_id)).toEqual(['c1', 'e1']);
    expect(waitingFor(db, 'p2').map((r) => r.record_id)).toEqual(['c2']);
    const plan = rawHandle(db)
      .prepare(
        `explain query plan select record_id from quarantine
         where writes is not null and unreadable_at is null and waits_for = ?`,
      )
      .all('p1') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('quarantine_waits_for');
    // A lead converted: what waited for it waits for the contact, found the same way.
    expect(repointWaiting(db, 'p1', 'k1')).toBe(2);
    expect(waitingFor(db, 'p1')).toEqual([]);
    expect(waitingFor(db, 'k1').map((r) => r.record_id)).toEqual(['c1', 'e1']);
    await db.close();
  });
});
