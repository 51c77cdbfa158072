import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import {
  openTasksDueBeforeCount,
  openUndatedTasksBefore,
  openUndatedTasksBeforeQuery,
} from '../../src/main/db/repos/activities';
import { openTasksOfDay } from '../../src/main/db/repos/dayTasks';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';

// A rep's open tasks with no due date placed before their day are overdue on it. The planner, its
// task list and the Team page read them on every open; they were found by walking the rep's whole
// history by time (0.3–0.6 s a read at the benchmark's 50,000 people). Migration 37 gives them a
// partial index of their own, which an upgraded file gets with every row kept.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir('cw-undated-tasks-');
});
afterEach(() => dir.remove());

const DAY_FROM = Date.UTC(2026, 10, 23, 0); // the rep's Monday, in UTC for the test
const HOUR = 3_600_000;

describe('open undated tasks before the rep’s day', () => {
  it('an upgraded file keeps every activity, finds the same tasks, and reads them from their own index', async () => {
    const file = dir.file('upgraded.db');
    const { raw, done } = await databaseBefore(file, 'open_undated_tasks');
    raw
      .prepare(
        `insert into users (id, name, email, role, manager_id, time_zone, shift_id)
         values ('rep', 'Rep', 'rep@org.test', 'rep', null, 'Europe/Berlin', null),
                ('other', 'Other', 'other@org.test', 'rep', null, 'Europe/Berlin', null)`,
      )
      .run();
    raw
      .prepare(
        `insert into people (id, module, last_name, owner_id, created_at, modified_at)
         values ('p1', 'contact', 'Ito', 'rep', 0, 0), ('p2', 'lead', 'Sato', 'other', 0, 0)`,
      )
      .run();
    const add = raw.prepare(
      `insert into activities (id, person_id, owner_id, kind, channel, direction, started_at,
         status, source_module, due_date)
       values (?, ?, ?, ?, ?, 'out', ?, ?, ?, ?)`,
    );
    raw.transaction(() => {
      // Years of history the old read walked through.
      for (let i = 0; i < 3000; i++)
        add.run(
          `c${i}`,
          'p1',
          'rep',
          'call',
          'call',
          DAY_FROM - (i + 1) * HOUR,
          'completed',
          'Calls',
          null,
        );
      add.run(
        't-old',
        'p1',
        'rep',
        'task',
        'task',
        DAY_FROM - 50 * HOUR,
        'scheduled',
        'Tasks',
        null,
      );
      add.run(
        't-yday',
        'p1',
        'rep',
        'task',
        'task',
        DAY_FROM - 2 * HOUR,
        'scheduled',
        'Tasks',
        null,
      );
      // Not overdue undated tasks: done, dated, another rep's, placed today.
      add.run(
        't-done',
        'p1',
        'rep',
        'task',
        'task',
        DAY_FROM - 3 * HOUR,
        'completed',
        'Tasks',
        null,
      );
      add.run(
        't-dated',
        'p1',
        'rep',
        'task',
        'task',
        DAY_FROM - 4 * HOUR,
        'scheduled',
        'Tasks',
        '2026-11-20',
      );
      add.run(
        't-other',
        'p2',
        'other',
        'task',
        'task',
        DAY_FROM - 5 * HOUR,
        'scheduled',
        'Tasks',
        null,
      );
      add.run(
        't-today',
        'p1',
        'rep',
        'task',
        'task',
        DAY_FROM + 10 * HOUR,
        'scheduled',
        'Tasks',
        null,
      );
    })();
    const before = raw.prepare('select * from activities order by rowid').all();
    await done();

    const db = await openDatabase(file);
    try {
      const h = rawHandle(db);
      expect(h.prepare('select * from activities order by rowid').all()).toEqual(before);

      expect([...openUndatedTasksBefore(db, 'rep', DAY_FROM)].map((a) => a.id).sort()).toEqual([
        't-old',
        't-yday',
      ]);
      // Dated before the day (t-dated) and undated before it (t-old, t-yday).
      expect(openTasksDueBeforeCount(db, 'rep', '2026-11-23', DAY_FROM)).toBe(3);
      const day = { date: '2026-11-23', from: DAY_FROM, to: DAY_FROM + 24 * HOUR };
      expect(
        openTasksOfDay(db, 'rep', { ...day, overdue: true })
          .map((t) => t.id)
          .sort(),
      ).toEqual(['t-dated', 't-old', 't-today', 't-yday']);
      expect(openTasksOfDay(db, 'rep', { ...day, overdue: false }).map((t) => t.id)).toEqual([
        't-today',
      ]);

      const q = openUndatedTasksBeforeQuery(db, 'rep', DAY_FROM).select('a.id').compile();
      const plan = (
        h.prepare(`explain query plan ${q.sql}`).all(...q.parameters) as { detail: string }[]
      ).map((r) => r.detail);
      // Before: SEARCH a USING INDEX activities_owner_time (owner_id=? AND started_at<?).
      expect(plan).toEqual([
        expect.stringMatching(/USING (COVERING )?INDEX activities_owner_undated_tasks/),
      ]);
    } finally {
      await db.close();
    }
  });
});
