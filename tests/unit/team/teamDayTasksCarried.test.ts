import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { TeamDay, TeamLane } from '../../../src/shared/teamContract';
import { createCore, type Core } from '../../../src/main/core/createCore';
import { rawHandle } from '../../../src/main/db/bulkHandle';
import { berlin, eachTestTeamOrg, type TeamOrg } from '../../fixtures/teamOrg';

// The rep's planner lists every open task whose due date is over on today's plan; the Team day of
// the manager's today names them too, apart from the day's own ("Tasks: 1 due · 2 overdue from
// earlier days"). A past day keeps its own tasks, a day to come carries none.

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(result.error);
  return result.value as T;
}

describe("the Team day of the manager's today carries the reps' earlier open tasks", () => {
  let org: TeamOrg;
  eachTestTeamOrg('cw-teamdaycarried-', (env) => {
    org = env.org;
  });

  function task(id: string, status: string, due: string, owner = 'r1', person = 'p1'): void {
    rawHandle(org.db)
      .prepare(
        `insert into activities (id, person_id, owner_id, kind, channel, direction, started_at,
           subject, status, source_module, due_date)
         values (?, ?, ?, 'task', 'task', 'out', ?, 'Follow up', ?, 'Tasks', ?)`,
      )
      .run(id, person, owner, DateTime.fromISO(due, { zone: 'UTC' }).toMillis(), status, due);
  }

  it('across the night Berlin’s clocks go back (Sunday 25 October 2026)', async () => {
    org.person('p1', 'r1', { zone: 'Europe/Berlin' });
    task('t-22', 'completed', '2026-10-22');
    task('t-23', 'scheduled', '2026-10-23');
    task('t-24', 'scheduled', '2026-10-24');
    task('t-25', 'scheduled', '2026-10-25');
    task('t-27', 'scheduled', '2026-10-27');
    // Sunday noon, after the change (UTC+1).
    let now = berlin('2026-10-25T12:00');
    const core = createCore(org.db, () => now);
    try {
      await call(core, 'setCurrentUser', { userId: 'm1' });
      const rita = async (date?: string): Promise<TeamLane | undefined> =>
        (await call<TeamDay>(core, 'getTeamDay', date ? { date } : {})).reps.find(
          (l) => l.repId === 'r1',
        );

      const sunday = await rita();
      expect(sunday?.date).toBe('2026-10-25');
      expect(sunday?.tasksCarried).toBe(2);
      // The day's own task is the week's cell's, as before.
      expect(sunday?.work).toMatchObject({ tasks: 1, tasksDone: 0, tasksOverdue: 0 });
      // Today named by its date is today all the same.
      expect((await rita('2026-10-25'))?.tasksCarried).toBe(2);
      // A past day keeps its own (Saturday's task, overdue), a day to come carries none.
      const saturday = await rita('2026-10-24');
      expect(saturday?.tasksCarried).toBe(0);
      expect(saturday?.work).toMatchObject({ tasks: 1, tasksOverdue: 1 });
      expect((await rita('2026-10-27'))?.tasksCarried).toBe(0);

      // 00:30 on Monday in Berlin is still Sunday in UTC: Monday's today carries Sunday's task.
      now = berlin('2026-10-26T00:30');
      expect(DateTime.fromMillis(now, { zone: 'UTC' }).toISODate()).toBe('2026-10-25');
      expect((await rita())?.tasksCarried).toBe(3);
      expect((await rita('2026-10-25'))?.tasksCarried).toBe(0);
    } finally {
      core.alerts.dispose();
    }
  });

  it("counts on the rep's clock: a Berlin manager's Tuesday 00:30 is Monday afternoon in Los Angeles", async () => {
    // Europe changed on 25 October, the US changes on 1 November: 8 hours apart that week, 9 after.
    org.rep('r7', 'Lara Losangeles', 'm1', 'America/Los_Angeles');
    org.person('p7', 'r7', { zone: 'America/Los_Angeles' });
    task('t7-23', 'scheduled', '2026-10-23', 'r7', 'p7');
    task('t7-26a', 'scheduled', '2026-10-26', 'r7', 'p7');
    task('t7-26b', 'scheduled', '2026-10-26', 'r7', 'p7');
    task('t7-30', 'scheduled', '2026-10-30', 'r7', 'p7');
    task('t7-02', 'scheduled', '2026-11-02', 'r7', 'p7');
    let now = berlin('2026-10-27T00:30');
    expect(DateTime.fromMillis(now, { zone: 'America/Los_Angeles' }).toFormat('ccc HH:mm')).toBe(
      'Mon 16:30',
    );
    const core = createCore(org.db, () => now);
    try {
      await call(core, 'setCurrentUser', { userId: 'm1' });
      const lara = async (date?: string): Promise<TeamLane | undefined> =>
        (await call<TeamDay>(core, 'getTeamDay', date ? { date } : {})).reps.find(
          (l) => l.repId === 'r7',
        );

      // The manager's Tuesday is a day still to come for Lara: her Monday tasks are due today on
      // her planner, not overdue from earlier days.
      const tuesday = await lara();
      expect(tuesday?.date).toBe('2026-10-27');
      expect(tuesday?.tasksCarried).toBe(0);
      // Her today, Monday, carries Friday's open task.
      expect((await lara('2026-10-26'))?.tasksCarried).toBe(1);

      // A week on, both zones on standard time (9 hours apart): Tuesday 00:30 is Monday 15:30.
      now = berlin('2026-11-03T00:30');
      expect(DateTime.fromMillis(now, { zone: 'America/Los_Angeles' }).toFormat('ccc HH:mm')).toBe(
        'Mon 15:30',
      );
      expect((await lara())?.tasksCarried).toBe(0);
      expect((await lara('2026-11-02'))?.tasksCarried).toBe(4);
      // Once it is Tuesday in Los Angeles too, Tuesday carries Monday's task.
      now = berlin('2026-11-03T09:30');
      expect((await lara())?.tasksCarried).toBe(5);
    } finally {
      core.alerts.dispose();
    }
  });
});
