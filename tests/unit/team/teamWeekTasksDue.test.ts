import { describe, expect, it } from 'vitest';
import { rawHandle } from '../../../src/main/db/bulkHandle';
import { mapTask } from '../../../src/main/crm/zoho/zohoActivityMap';
import { teamWeek } from '../../../src/main/team/teamWeek';
import { berlin, eachTestTeamOrg, type TeamOrg } from '../../fixtures/teamOrg';

// Mia manages from Berlin an organisation run from Tokyo (its tasks' due dates are Tokyo's days),
// with Taro in Tokyo and Nina in New York. The week of 23 March 2026 ends on the Sunday Berlin's
// clocks go forward; New York's went forward three weeks before.
describe("the Team week's tasks, counted on their due date", () => {
  let org: TeamOrg;
  eachTestTeamOrg('cw-teamweek-due-', (env) => {
    org = env.org;
  });

  /** A task as Zoho sends it, stored as the sync maps it (zohoActivityMap.mapTask). */
  function zohoTask(
    id: string,
    personId: string,
    owner: string,
    due: string | null,
    closed: string | null = null,
    modified = '2026-03-20T10:00:00+09:00',
  ): void {
    const writes = mapTask(
      {
        id,
        Subject: `Task ${id}`,
        Owner: { id: owner },
        Who_Id: { id: personId },
        Due_Date: due,
        Status: closed ? 'Completed' : 'Not Started',
        Closed_Time: closed,
        Modified_Time: modified,
      },
      0,
      'Asia/Tokyo',
    );
    const write = writes[0];
    if (write?.table !== 'activities') throw new Error('no task row');
    const r = write.row;
    rawHandle(org.db)
      .prepare(
        `insert into activities (id, person_id, owner_id, kind, channel, direction, started_at,
           subject, status, source_module, source_id, due_date)
         values (?, ?, ?, 'task', 'task', 'out', ?, ?, ?, 'Tasks', ?, ?)`,
      )
      .run(r.id, r.person_id, r.owner_id, r.started_at, r.subject, r.status, r.id, r.due_date);
  }

  function weekOf() {
    rawHandle(org.db).prepare("update organisation set time_zone = 'Asia/Tokyo'").run();
    org.rep('t1', 'Taro Tokyo', 'm1', 'Asia/Tokyo');
    org.rep('n1', 'Nina Newyork', 'm1', 'America/New_York');
    org.person('pt', 't1', { zone: 'Asia/Tokyo' });
    org.person('pn', 'n1', { zone: 'America/New_York' });
    // Monday 30 March, 10:00 in Berlin: the week of 23 March is all past.
    const now = berlin('2026-03-30T10:00');
    return (build: () => void) => {
      build();
      const week = teamWeek(
        org.db,
        org.user('m1'),
        [org.user('t1'), org.user('n1')],
        now,
        '2026-03-23',
      );
      const row = (id: string) => week.reps.find((r) => r.repId === id)?.cells ?? [];
      return { week, taro: row('t1'), nina: row('n1') };
    };
  }

  it('counts a task completed on another day on the day it was due, done of due', () => {
    const { taro, nina, week } = weekOf()(() => {
      // Due Monday, closed on Wednesday.
      zohoTask('t-mon', 'pt', 't1', '2026-03-23', '2026-03-25T10:00:00+09:00');
      // Due next Monday, closed early on this Sunday: next week's.
      zohoTask('t-next', 'pt', 't1', '2026-03-30', '2026-03-29T11:00:00+09:00');
      // Due Friday, closed the Monday after, in New York.
      zohoTask('n-fri', 'pn', 'n1', '2026-03-27', '2026-03-30T15:00:00-04:00');
    });
    expect(week.days.map((d) => d.date)[6]).toBe('2026-03-29');
    expect(taro.map((c) => [c.tasks, c.tasksDone])).toEqual([
      [1, 1],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(nina.map((c) => [c.tasks, c.tasksDone])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [1, 1],
      [0, 0],
      [0, 0],
    ]);
  });

  it('puts an open task on its due date for a rep far behind the organisation, across the clock change', () => {
    const { nina, taro } = weekOf()(() => {
      // Due Sunday 29 March: 09:00 in Tokyo is 20:00 on Saturday in New York.
      zohoTask('n-sun', 'pn', 'n1', '2026-03-29');
      zohoTask('n-sun-done', 'pn', 'n1', '2026-03-29', '2026-03-29T09:30:00-04:00');
      // Due Tuesday in Tokyo, still open.
      zohoTask('t-tue', 'pt', 't1', '2026-03-24');
    });
    expect(nina.map((c) => c.tasks)).toEqual([0, 0, 0, 0, 0, 0, 2]);
    // One of Sunday's two done, the other overdue (the day is past).
    expect(nina.map((c) => c.tasksDone)).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(taro.map((c) => c.tasks)).toEqual([0, 1, 0, 0, 0, 0, 0]);
    expect(taro.map((c) => c.tasksDone)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('counts an open task with no due date on the day of its time, overdue once that day is over', () => {
    const { taro } = weekOf()(() => {
      // No Due_Date in Zoho, last edited on Tuesday: stored at that instant, open.
      zohoTask('t-undated', 'pt', 't1', null, null, '2026-03-24T15:20:00+09:00');
      zohoTask('t-undated-2', 'pt', 't1', null, null, '2026-03-24T16:05:00+09:00');
      // No Due_Date either, closed on Wednesday: done that day, as before.
      zohoTask('t-undated-done', 'pt', 't1', null, '2026-03-25T11:00:00+09:00');
    });
    // Due, done, overdue: the week is past, so Tuesday's two open ones are overdue (taskOverdue).
    expect(taro.map((c) => [c.tasks, c.tasksDone, c.tasksOverdue])).toEqual([
      [0, 0, 0],
      [2, 0, 2],
      [1, 1, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('counts a task of the demo (no CRM’s, with no due date kept) on its day, due as before', () => {
    const { taro } = weekOf()(() => {
      // Tuesday 10:00 in Tokyo, with no record id of a CRM.
      org.scheduled('pt', 't1', 'task', '2026-03-24T02:00');
    });
    expect(taro.map((c) => [c.tasks, c.tasksOverdue])[1]).toEqual([1, 1]);
  });
});
