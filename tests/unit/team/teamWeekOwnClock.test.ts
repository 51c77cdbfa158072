import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { rawHandle } from '../../../src/main/db/bulkHandle';
import { teamWeek } from '../../../src/main/team/teamWeek';
import { berlin, eachTestTeamOrg, type TeamOrg } from '../../fixtures/teamOrg';

// Greta manages from Berlin; Taro works in Tokyo, Chloe in Sydney, Nina in New York. The week of
// 23 March 2026 ends on the Sunday Berlin's clocks go forward (02:00 → 03:00); New York's went
// forward on 8 March, Sydney's go back on 5 April. Each cell is the rep's own day, so whether a
// call or a task is past is judged on the rep's clock, not Greta's.
describe("the Team week, each rep's day judged on their own clock", () => {
  let org: TeamOrg;
  eachTestTeamOrg('cw-teamweek-clock-', (env) => {
    org = env.org;
  });

  /** A call the CRM holds as scheduled, at `local` on the rep's clock. */
  function scheduledCall(personId: string, owner: string, local: string, zone: string): void {
    const at = DateTime.fromISO(local, { zone }).toMillis();
    rawHandle(org.db)
      .prepare(
        `insert into activities (id, person_id, owner_id, kind, channel, direction, started_at,
           subject, status, source_module) values (?, ?, ?, 'call', 'call', 'out', ?, 'Call back', 'scheduled', 'Calls')`,
      )
      .run(`s-${personId}-${at}`, personId, owner, at);
  }

  /** An open task due on `due` (a date, as Zoho's Due_Date). */
  function openTask(personId: string, owner: string, due: string): void {
    rawHandle(org.db)
      .prepare(
        `insert into activities (id, person_id, owner_id, kind, channel, direction, started_at,
           subject, status, source_module, due_date) values (?, ?, ?, 'task', 'task', 'out', ?, 'Send quote', 'scheduled', 'Tasks', ?)`,
      )
      .run(`t-${personId}-${due}`, personId, owner, DateTime.fromISO(due).toMillis(), due);
  }

  function setUp(): void {
    org.rep('tokyo', 'Taro Sato', 'm1', 'Asia/Tokyo');
    org.rep('sydney', 'Chloe Martin', 'm1', 'Australia/Sydney');
    org.rep('ny', 'Nina Park', 'm1', 'America/New_York');
    org.person('pt', 'tokyo', { zone: 'Asia/Tokyo' });
    org.person('ps', 'sydney', { zone: 'Australia/Sydney' });
    org.person('pn', 'ny', { zone: 'America/New_York' });
    // Friday 27 March, each on their own clock.
    scheduledCall('pt', 'tokyo', '2026-03-27T09:30', 'Asia/Tokyo');
    scheduledCall('pt', 'tokyo', '2026-03-27T17:30', 'Asia/Tokyo');
    scheduledCall('ps', 'sydney', '2026-03-27T16:00', 'Australia/Sydney');
    scheduledCall('pn', 'ny', '2026-03-27T09:00', 'America/New_York');
    openTask('ps', 'sydney', '2026-03-27');
    openTask('pn', 'ny', '2026-03-27');
    // Sunday 29 March, the day of Berlin's change.
    scheduledCall('pt', 'tokyo', '2026-03-29T16:00', 'Asia/Tokyo');
    scheduledCall('pt', 'tokyo', '2026-03-29T20:00', 'Asia/Tokyo');
    scheduledCall('pn', 'ny', '2026-03-28T21:00', 'America/New_York');
    scheduledCall('pn', 'ny', '2026-03-29T09:00', 'America/New_York');
    openTask('ps', 'sydney', '2026-03-28');
  }

  const cellOf = (
    week: ReturnType<typeof teamWeek>,
    repId: string,
    day: number,
  ): Record<string, number> => {
    const c = week.reps.find((r) => r.repId === repId)?.cells[day];
    return {
      scheduled: c?.callsScheduled ?? -1,
      notDone: c?.callsOverdue ?? -1,
      tasks: c?.tasks ?? -1,
      overdue: c?.tasksOverdue ?? -1,
    };
  };

  it('reads a Friday over in Tokyo and Sydney as not done while Berlin’s morning is on', () => {
    setUp();
    const reps = ['tokyo', 'sydney', 'ny'].map((id) => org.user(id));
    // Friday 10:00 in Berlin (UTC+1): 18:00 in Tokyo, 20:00 in Sydney, 05:00 in New York.
    const week = teamWeek(org.db, org.user('m1'), reps, berlin('2026-03-27T10:00'));
    expect(week.week).toBe('2026-03-23');
    // Greta's Friday is today; Taro's 09:30 call has passed, his 17:30 one too (it is 18:00 there).
    expect(cellOf(week, 'tokyo', 4)).toEqual({ scheduled: 2, notDone: 2, tasks: 0, overdue: 0 });
    // Chloe's working Friday is over: her call not done; her task, due that date, is overdue only
    // once the date is (her midnight, as Zoho counts a Due_Date).
    expect(cellOf(week, 'sydney', 4)).toEqual({ scheduled: 1, notDone: 1, tasks: 1, overdue: 0 });
    // Nina's Friday has not begun its working hours: still scheduled, the task still due.
    expect(cellOf(week, 'ny', 4)).toEqual({ scheduled: 1, notDone: 0, tasks: 1, overdue: 0 });
    // Chloe's Saturday task is not due yet (her Saturday is to come).
    expect(cellOf(week, 'sydney', 5)).toEqual({ scheduled: 0, notDone: 0, tasks: 1, overdue: 0 });
  });

  it('judges the Sunday of the clock change on each rep’s clock, the manager’s now UTC+2', () => {
    setUp();
    const reps = ['tokyo', 'sydney', 'ny'].map((id) => org.user(id));
    // Sunday 10:00 in Berlin, already summer time (08:00 UTC): 17:00 in Tokyo, 19:00 in Sydney,
    // 04:00 in New York.
    const week = teamWeek(org.db, org.user('m1'), reps, berlin('2026-03-29T10:00'));
    expect(week.days[6]?.today).toBe(true);
    // Taro's 16:00 has passed, his 20:00 is to come.
    expect(cellOf(week, 'tokyo', 6)).toEqual({ scheduled: 2, notDone: 1, tasks: 0, overdue: 0 });
    // Nina's Saturday 21:00 (01:00 UTC Sunday) is past; her Sunday 09:00 is to come.
    expect(cellOf(week, 'ny', 5)).toEqual({ scheduled: 1, notDone: 1, tasks: 0, overdue: 0 });
    expect(cellOf(week, 'ny', 6)).toEqual({ scheduled: 1, notDone: 0, tasks: 0, overdue: 0 });
    // Chloe's Saturday is over: its open task is overdue; Friday's still is.
    expect(cellOf(week, 'sydney', 5)).toEqual({ scheduled: 0, notDone: 0, tasks: 1, overdue: 1 });
    expect(cellOf(week, 'sydney', 4)).toEqual({ scheduled: 1, notDone: 1, tasks: 1, overdue: 1 });
    // Nina's Friday is over now too.
    expect(cellOf(week, 'ny', 4)).toEqual({ scheduled: 1, notDone: 1, tasks: 1, overdue: 1 });
  });
});
