import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { loggedCalls } from '../../src/main/db/repos/plans';
import { databaseBefore } from '../fixtures/databaseBefore';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// A call logged off the day's plan was a flag inside its JSON; it is a column now. The calls an
// older version logged keep what their payload said: who was called off the plan stays off it.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

describe('the plan off-plan migration', () => {
  it('keeps the off-plan calls an older version logged, and only those', async () => {
    const file = dir.file('offplan.db');
    const { raw, done } = await databaseBefore(file, 'plan_off_plan');
    raw
      .prepare(
        "insert into users (id, name, email, role, time_zone) values ('rep', 'Rita Rep', 'rita@example.com', 'rep', 'Europe/Berlin')",
      )
      .run();
    const person = raw.prepare(
      `insert into people (id, module, first_name, last_name, owner_id, created_at, modified_at)
       values (?, 'lead', 'Test', ?, 'rep', 0, 0)`,
    );
    for (const id of ['off', 'on', 'damaged', 'marked']) person.run(id, id);
    const action = raw.prepare(
      `insert into plan_actions (user_id, person_id, day, channel, action, at, payload)
       values ('rep', ?, '2026-11-23', 'call', ?, 1, ?)`,
    );
    action.run(
      'off',
      'call_logged',
      '{"activityId":"local-1","outcome":"answered","offPlan":true}',
    );
    action.run('on', 'call_logged', '{"activityId":"local-2","outcome":"answered"}');
    action.run('damaged', 'call_logged', '{"activityId":"local-3","offPlan":tr');
    action.run('marked', 'done', null);
    await done();

    const db = await openDatabase(file);
    try {
      expect(loggedCalls(db, 'rep', '2026-11-23')).toEqual(
        new Map([
          ['off', true],
          ['on', false],
          ['damaged', false],
        ]),
      );
      expect(loggedCalls(db, 'rep', '2026-11-24')).toEqual(new Map());
    } finally {
      await db.close();
    }
  });
});
