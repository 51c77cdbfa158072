import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { readDayPlan } from '../../src/main/planner/dayPlanSnapshots';
import { databaseBefore } from '../fixtures/databaseBefore';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// A day kept by an older version holds one wording per window, as of that day ("the last one
// today"); read once the day is over it must speak of "that day", as a day kept now does.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const TODAY = 'answered 4 calls on Fridays 10:00-11:00; the last one today';
const YESTERDAY = 'opened 2 emails on Fridays 14:00-15:00; the last one yesterday';
const DAYS =
  'answered 3 calls on Fridays 16:00-17:00; last 7 days ago; 2 calls there went unanswered';
const BORROWED = 'no calls of their own yet: borrowed from the organisation';

describe('the migration of kept days to words read after the day', () => {
  it('gives an older kept day its words for after the day and leaves the rest as they were', async () => {
    const file = dir.file('kept.db');
    const { raw, done } = await databaseBefore(file, 'kept_reasons_after_the_day');
    raw
      .prepare(
        "insert into users (id, name, email, role, time_zone) values ('rep', 'Rita Rep', 'rita@example.com', 'rep', 'Europe/Berlin')",
      )
      .run();
    const keep = raw.prepare(
      "insert into day_plans (user_id, day, saved_at, plan) values ('rep', ?, 1, ?)",
    );
    const old = {
      reasons: [TODAY, YESTERDAY, DAYS, BORROWED],
      people: [
        [
          'p1',
          [
            [1, 2, 4, 0],
            [3, 4, 2, 2],
          ],
          [[5, 6, 3, 1]],
        ],
        ['p2', [[7, 8, 1, 3]], null],
      ],
      was: [['p1', 'call', [1, 2], [[1, 2, 4, 0]]]],
    };
    keep.run('2026-11-20', JSON.stringify(old));
    // Kept by this version already: its fifth index names its own words.
    const kept = { reasons: [TODAY, 'mine'], people: [['p3', [[1, 2, 4, 0, 1]], null]] };
    keep.run('2026-11-19', JSON.stringify(kept));
    keep.run('2026-11-18', '{not json');
    await done();

    const db = await openDatabase(file);
    try {
      const day = readDayPlan(db, 'rep', '2026-11-20');
      const words = (id: string, channel: 'call' | 'email'): unknown[] =>
        (day?.get(id)?.[channel] ?? []).map((o) => o.window.why);
      expect(words('p1', 'call')).toEqual([
        { day: TODAY, over: 'answered 4 calls on Fridays 10:00-11:00; the last one that day' },
        {
          day: DAYS,
          over: 'answered 3 calls on Fridays 16:00-17:00; the last one 7 days before that day; 2 calls there went unanswered',
        },
      ]);
      expect(words('p1', 'email')).toEqual([
        {
          day: YESTERDAY,
          over: 'opened 2 emails on Fridays 14:00-15:00; the last one the day before',
        },
      ]);
      expect(words('p2', 'call')).toEqual([{ day: BORROWED, over: BORROWED }]);
      expect(readDayPlan(db, 'rep', '2026-11-19')?.get('p3')?.call?.[0]?.window.why).toEqual({
        day: TODAY,
        over: 'mine',
      });
      const plans = await db.kysely
        .selectFrom('day_plans')
        .select(['day', 'plan'])
        .orderBy('day')
        .execute();
      // The unreadable one is left as it was (read as no plan kept, as before); the current one too.
      expect(plans[0]).toEqual({ day: '2026-11-18', plan: '{not json' });
      expect(JSON.parse(plans[1]?.plan ?? '')).toEqual(kept);
      // The moved row's whole windows are given theirs too.
      expect(JSON.parse(plans[2]?.plan ?? '').was[0][3][0]).toHaveLength(5);
    } finally {
      await db.close();
    }
  });
});
