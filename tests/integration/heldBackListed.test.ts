import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listHeldBack } from '../../src/main/core/heldBackRecords';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { countQuarantined } from '../../src/main/db/repos/quarantine';
import { putSetting } from '../../src/main/db/repos/settings';
import { PEOPLE_LET_GO_KEY } from '../../src/main/db/repos/quarantine';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// What Settings lists as held back, on a real file: records waiting for someone Retry let go of
// are kept out of the list, but not one found unreadable (the rep can mend it in Zoho), and a
// person's name from Zoho's copy reads as the app shows names.

let dir: TempDir;
let db: Db;
beforeEach(async () => {
  dir = makeTempDir('cw-held-listed-');
  db = await openDatabase(dir.file('held.db'));
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

function holdBack(
  module: string,
  id: string,
  raw: object,
  waitsFor: string | null,
  unreadableAt: number | null,
): void {
  const writes = JSON.stringify([
    { table: 'activities', row: { id, person_id: waitsFor, source_module: module } },
  ]);
  rawHandle(db)
    .prepare(
      `insert into quarantine (module, record_id, error, raw, writes, modified_at, first_seen_at, last_seen_at, unreadable_at, waits_for)
       values (?, ?, ?, ?, ?, 1, 1, 1, ?, ?)`,
    )
    .run(
      module,
      id,
      `${module} record ${id}: its person ${waitsFor ?? '?'} is not synced (yet)`,
      JSON.stringify(raw),
      writes,
      unreadableAt,
      waitsFor,
    );
}

describe('records held back, as Settings lists them', () => {
  it('lists one found unreadable though it names someone let go of, and counts it', () => {
    putSetting(db, PEOPLE_LET_GO_KEY, JSON.stringify(['L1']));
    holdBack('Calls', 'c-waiting', { Subject: 'Waiting call' }, 'L1', null);
    holdBack('Calls', 'c-unreadable', { Subject: 'Unreadable call' }, 'L1', 5);
    expect(listHeldBack(db, 10).map((r) => r.recordId)).toEqual(['c-unreadable']);
    expect(countQuarantined(db)).toBe(1);
  });

  it('names a person written in Japanese script family name first, as every page does', () => {
    rawHandle(db)
      .prepare(
        `insert into quarantine (module, record_id, error, raw, writes, modified_at, first_seen_at, last_seen_at)
         values ('Leads', 'L9', 'Leads record L9: Email is not an address', ?, null, 1, 1, 1)`,
      )
      .run(JSON.stringify({ First_Name: '太郎', Last_Name: '山田' }));
    rawHandle(db)
      .prepare(
        `insert into quarantine (module, record_id, error, raw, writes, modified_at, first_seen_at, last_seen_at)
         values ('Leads', 'L8', 'Leads record L8: Email is not an address', ?, null, 1, 1, 1)`,
      )
      .run(JSON.stringify({ First_Name: 'Anna', Last_Name: 'Schmidt' }));
    const names = Object.fromEntries(listHeldBack(db, 10).map((r) => [r.recordId, r.name]));
    expect(names).toEqual({ L9: '山田 太郎', L8: 'Anna Schmidt' });
  });
});
