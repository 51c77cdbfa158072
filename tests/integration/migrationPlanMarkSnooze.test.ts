import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import {
  applyWaitingPlanMarks,
  takeCrmPlanMark,
  unsentPlanMarks,
} from '../../src/main/db/repos/planMarkShares';
import { rowActions } from '../../src/main/planner/planActions';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';

// A snooze's choice travels with the mark through the CRM (migration 038): marks stored before it
// stay as they were, with no choice, and a choice read for a rep not here yet waits with the mark.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

describe('the plan mark snooze migration', () => {
  it('keeps every mark, none with a choice; a snooze read for a rep who joins later keeps its window', async () => {
    const file = dir.file('plan-mark-snooze.db');
    const { raw, done } = await databaseBefore(file, 'plan_mark_shares_snooze');
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
    mark.run('u1', 'email', 'snoozed', 2_000, 0);
    const before = raw.prepare('select * from plan_mark_shares order by rowid').all();
    await done();

    const db = await openDatabase(file);
    const after = rawHandle(db).prepare('select * from plan_mark_shares order by rowid').all();
    expect(after).toEqual(before.map((row) => ({ ...(row as object), payload: null })));
    // The snooze made before goes to the CRM as it was made: without a choice.
    expect(unsentPlanMarks(db, 10)).toEqual([
      expect.objectContaining({ channel: 'email', action: 'snoozed', payload: null }),
    ]);

    // Another rep's snooze to 15:00 Berlin, read before that rep reached this computer.
    const at15 = Date.parse('2026-03-30T13:00:00Z');
    const joining = {
      user_id: 'u2',
      person_id: 'p1',
      day: '2026-03-30',
      channel: 'call',
      action: 'snoozed' as const,
      at: 3_000,
      payload: JSON.stringify({ snoozeTo: at15 }),
    };
    expect(takeCrmPlanMark(db, joining)).toBe(false);
    rawHandle(db)
      .prepare(
        `insert into users (id, name, email, role, time_zone)
         values ('u2', 'Bo Rep', 'bo@example.test', 'rep', 'Europe/Berlin')`,
      )
      .run();
    expect(applyWaitingPlanMarks(db)).toBe(true);
    expect(rowActions(db, 'u2', '2026-03-30').get('p1|call')).toEqual({
      action: 'snoozed',
      at: 3_000,
      snoozeTo: at15,
    });
    await db.close();
  });
});
