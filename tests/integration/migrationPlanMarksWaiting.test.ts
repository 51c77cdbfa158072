import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import {
  applyWaitingPlanMarks,
  takeCrmPlanMark,
  unsentPlanMarks,
} from '../../src/main/db/repos/planMarkShares';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';

// Plan marks read from the CRM for a person or rep this computer does not hold yet wait in
// plan_mark_shares (`waiting`) until they come: the marks already stored are all applied ones.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

describe('the plan marks waiting migration', () => {
  it('keeps every mark as it was, none waiting; a mark for a rep who joins later waits for them', async () => {
    const file = dir.file('plan-marks-waiting.db');
    const { raw, done } = await databaseBefore(file, 'plan_marks_waiting');
    raw
      .prepare(
        `insert into users (id, name, email, role, time_zone)
         values ('u1', 'Ann Rep', 'ann@example.test', 'rep', 'Europe/Berlin')`,
      )
      .run();
    raw
      .prepare(
        `insert into people (id, module, last_name, owner_id, created_at, modified_at)
         values ('p1', 'lead', 'Lund', 'u1', 0, 0)`,
      )
      .run();
    const mark = raw.prepare(
      `insert into plan_mark_shares (user_id, person_id, day, channel, action, at, sent)
       values (?, 'p1', '2026-03-27', ?, ?, ?, ?)`,
    );
    mark.run('u1', 'call', 'done', 1_000, 1);
    mark.run('u1', 'email', 'skipped', 2_000, 0);
    const before = raw.prepare('select * from plan_mark_shares order by rowid').all();
    await done();

    const db = await openDatabase(file);
    const after = rawHandle(db).prepare('select * from plan_mark_shares order by rowid').all();
    // payload: a later migration's (038) column, null for every mark stored before it.
    expect(after).toEqual(before.map((row) => ({ ...(row as object), waiting: 0, payload: null })));
    expect(unsentPlanMarks(db, 10).map((m) => m.channel)).toEqual(['email']);

    // Another rep's mark, read before that rep reached this computer: it waits, unsent.
    const joining = {
      user_id: 'u2',
      person_id: 'p1',
      day: '2026-03-30',
      channel: 'call',
      action: 'skipped' as const,
      at: 3_000,
    };
    expect(takeCrmPlanMark(db, joining)).toBe(false);
    expect(applyWaitingPlanMarks(db)).toBe(false);
    expect(unsentPlanMarks(db, 10).map((m) => m.channel)).toEqual(['email']);
    rawHandle(db)
      .prepare(
        `insert into users (id, name, email, role, time_zone)
         values ('u2', 'Bo Rep', 'bo@example.test', 'rep', 'Europe/Berlin')`,
      )
      .run();
    expect(applyWaitingPlanMarks(db)).toBe(true);
    expect(
      rawHandle(db)
        .prepare("select action from plan_actions where user_id = 'u2' and person_id = 'p1'")
        .pluck()
        .all(),
    ).toEqual(['skipped']);
    // Applied once.
    expect(applyWaitingPlanMarks(db)).toBe(false);
    await db.close();
  });
});
