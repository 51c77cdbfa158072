import { describe, expect, it } from 'vitest';
import { rawHandle } from '../../../src/main/db/bulkHandle';
import { teamWeek } from '../../../src/main/team/teamWeek';
import { weekDates, zoneDate } from '../../../src/main/team/weekDays';
import { berlin, eachTestTeamOrg, type TeamOrg } from '../../fixtures/teamOrg';

const HOUR = 3_600_000;

describe("the week's days", () => {
  it('runs Monday to Sunday in the manager’s zone, whatever the date asked for in it', () => {
    const now = berlin('2026-12-06T23:30'); // a Sunday night in Berlin, Monday already in UTC+9
    expect(weekDates('Europe/Berlin', now).dates).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    expect(weekDates('Asia/Tokyo', now).week).toBe('2026-12-07');
    expect(weekDates('Europe/Berlin', now, '2026-12-10').week).toBe('2026-12-07');
    expect(() => weekDates('Europe/Berlin', now, '2026-13-40')).toThrow(/not a date/);
  });

  it('keeps seven days across the spring clock change, the Sunday 23 hours long', () => {
    const { week, dates } = weekDates('Europe/Berlin', 0, '2026-03-26');
    expect(week).toBe('2026-03-23');
    expect(dates).toHaveLength(7);
    const days = dates.map((d) => zoneDate('Europe/Berlin', d));
    expect(days.map((d) => (d.to - d.from) / HOUR)).toEqual([24, 24, 24, 24, 24, 24, 23]);
    // Back to back: no hour between two days, none counted twice.
    for (let i = 1; i < days.length; i++) expect(days[i]?.from).toBe(days[i - 1]?.to);
    expect(days[6]?.to).toBe(berlin('2026-03-30T00:00'));
  });
});

describe("counting a rep's week from stored activities", () => {
  let org: TeamOrg;
  eachTestTeamOrg('cw-teamweek-', (env) => {
    org = env.org;
  });

  /** An alert to `userId` at `atBerlin` about the visit `visitor` began at `visitBerlin`. */
  function alert(
    personId: string,
    visitBerlin: string,
    atBerlin: string,
    userId: string,
    visitor = 'v1',
  ): void {
    const at = berlin(atBerlin);
    const visit = berlin(visitBerlin);
    rawHandle(org.db)
      .prepare(
        `insert into alerts (user_id, person_id, visitor_id, category, rule, visit_started_at,
           alert_at, created_at, delivery, payload) values (?, ?, ?, 'lead_contact', 'hot', ?, ?, ?, 'now', '{}')`,
      )
      .run(userId, personId, visitor, visit, at, at);
  }

  it('counts scheduled, booked, made, tasks, emails and alerts on the rep’s date, done against planned', () => {
    org.person('p1', 'r1');
    org.person('p2', 'r2', { zone: 'Europe/London' });
    // Tuesday: a call the CRM holds, one booked here, a task done and one open, two calls made,
    // one inbound call the rep missed, an email sent and one received.
    org.scheduled('p1', 'r1', 'call', '2026-11-24T09:00');
    org.scheduled('p1', 'r1', 'call', '2026-11-24T15:00');
    rawHandle(org.db)
      .prepare("update activities set source_module = 'local' where started_at = ?")
      .run(berlin('2026-11-24T15:00'));
    org.scheduled('p1', 'r1', 'task', '2026-11-24T10:00');
    org.scheduled('p1', 'r1', 'task', '2026-11-24T11:00');
    rawHandle(org.db)
      .prepare("update activities set status = 'completed' where started_at = ?")
      .run(berlin('2026-11-24T11:00'));
    org.activity('p1', 'r1', 'call', '2026-11-24T09:05');
    org.activity('p1', 'r1', 'call', '2026-11-24T16:00', { outcome: 'no_answer' });
    org.activity('p1', 'r1', 'call', '2026-11-24T12:00', {
      direction: 'in',
      signal: 'call_inbound_missed',
    });
    org.activity('p1', 'r1', 'email', '2026-11-24T13:00');
    org.activity('p1', 'r1', 'email', '2026-11-24T14:00', { direction: 'in', signal: 'email_in' });
    // Two users alerted about one visit are one alert; another visit is another.
    alert('p1', '2026-11-24T10:29', '2026-11-24T10:30', 'r1');
    alert('p1', '2026-11-24T10:29', '2026-11-24T10:31', 'm1');
    alert('p1', '2026-11-24T16:58', '2026-11-24T17:00', 'r1', 'v2');
    // Leo in London: 23:30 Berlin on Tuesday is 22:30 his Tuesday; 00:30 Berlin Wednesday is his Tuesday too.
    org.activity('p2', 'r2', 'call', '2026-11-24T23:30');
    org.activity('p2', 'r2', 'call', '2026-11-25T00:30');
    // Another week is not counted.
    org.activity('p1', 'r1', 'call', '2026-11-30T09:00');

    const now = berlin('2026-11-26T10:00'); // Thursday
    const week = teamWeek(org.db, org.user('m1'), [org.user('r1'), org.user('r2')], now);
    expect(week.week).toBe('2026-11-23');
    expect(week.days.map((d) => [d.date, d.past, d.today])).toEqual([
      ['2026-11-23', true, false],
      ['2026-11-24', true, false],
      ['2026-11-25', true, false],
      ['2026-11-26', false, true],
      ['2026-11-27', false, false],
      ['2026-11-28', false, false],
      ['2026-11-29', false, false],
    ]);
    const rita = week.reps.find((r) => r.repId === 'r1');
    expect(rita?.cells[1]).toEqual({
      date: '2026-11-24',
      working: true,
      dayOff: null,
      callsScheduled: 2,
      callsOverdue: 2,
      booked: 1,
      tasks: 2,
      tasksDone: 1,
      tasksOverdue: 1,
      callsMade: 2,
      emailsSent: 1,
      alerts: 2,
    });
    expect(rita?.cells.map((c) => c.callsMade)).toEqual([0, 2, 0, 0, 0, 0, 0]);
    const leo = week.reps.find((r) => r.repId === 'r2');
    expect(leo?.cells.map((c) => c.callsMade)).toEqual([0, 2, 0, 0, 0, 0, 0]);
    // The organisation works Monday to Friday: the weekend is marked.
    expect(rita?.cells.map((c) => c.working)).toEqual([true, true, true, true, true, false, false]);
  });

  it('marks a holiday by its name, and counts the Sunday of the clock change whole', () => {
    org.person('p1', 'r1');
    rawHandle(org.db)
      .prepare(
        "insert into holidays (id, date, name, shift_id) values ('h1', '2026-03-27', 'Works outing', null)",
      )
      .run();
    // Sunday 29 March: 23:30 Berlin is still that Sunday, though only 23 hours long; 00:30 on
    // Monday is the next week's.
    org.activity('p1', 'r1', 'call', '2026-03-29T01:30');
    org.activity('p1', 'r1', 'call', '2026-03-29T03:30');
    org.activity('p1', 'r1', 'call', '2026-03-29T23:30');
    org.activity('p1', 'r1', 'call', '2026-03-30T00:30');
    const week = teamWeek(org.db, org.user('m1'), [org.user('r1')], berlin('2026-03-25T10:00'));
    const cells = week.reps[0]?.cells ?? [];
    expect(cells.map((c) => c.dayOff)).toEqual([
      null,
      null,
      null,
      null,
      'Works outing',
      null,
      null,
    ]);
    expect(cells[4]?.working).toBe(false);
    expect(cells.map((c) => c.callsMade)).toEqual([0, 0, 0, 0, 0, 0, 3]);
    expect((week.days[6]?.to ?? 0) - (week.days[6]?.from ?? 0)).toBe(23 * HOUR);
  });
});
