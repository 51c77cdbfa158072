import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseBusinessHours } from '../../src/main/besttime/model/businessHours';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { putDayPlan } from '../../src/main/db/repos/plans';
import { planKeptDay } from '../../src/main/planner/dayPlanSnapshots';
import { loadRepPlanInputs } from '../../src/main/planner/repPlanInputs';
import { DEFAULT_SETTINGS } from '../../src/main/settings/settingsStore';
import { teamDayView } from '../../src/main/team/teamDayView';
import { TeamViews, type TeamContext } from '../../src/main/team/teamViews';
import { berlin, eachTestTeamOrg, type TeamOrg } from '../fixtures/teamOrg';

// A rep's holiday (Zoho's holidays: the business holidays for reps on the organisation's hours,
// their shift's for reps in one) is a day off: the Team page says so on their lane, counts none
// of their windows as missed, and does not count them as working in any hour of it.

let org: TeamOrg;
let views: TeamViews;
eachTestTeamOrg('cw-team-holidays-', (env) => ({ org, views } = env));

const ny = (iso: string): number => DateTime.fromISO(iso, { zone: 'America/New_York' }).toMillis();
const at = (now: number): TeamContext => ({
  now,
  orgTz: 'Europe/Berlin',
  settings: DEFAULT_SETTINGS,
});
const raw = () => rawHandle(org.db);
function holiday(date: string, name: string, shift: string | null = null): void {
  raw()
    .prepare('insert into holidays (id, date, name, shift_id) values (?, ?, ?, ?)')
    .run(`${shift ?? 'business'}-${date}`, date, name, shift);
}
function shift(id: string, name: string, zone: string, spec: string, reps: string[]): void {
  raw()
    .prepare('insert into shifts (id, name, time_zone, hours) values (?, ?, ?, ?)')
    .run(id, name, zone, JSON.stringify(parseBusinessHours(spec)));
  for (const rep of reps) raw().prepare('update users set shift_id = ? where id = ?').run(id, rep);
}
const repDay = (s: ReturnType<TeamViews['schedule']>, id: string) => {
  const found = s.reps.find((r) => r.rep.id === id);
  if (!found) throw new Error(`no lane ${id}`);
  return found;
};
const working = (s: ReturnType<TeamViews['schedule']>) =>
  Object.fromEntries(s.byHour.map((h) => [h.hour, h.repsWorking]));

describe("a rep's holiday on the Team page (TM-1 to TM-3)", () => {
  beforeEach(() => {
    // Rita (Berlin) and Leo (London) work the organisation's Berlin hours (Mon-Fri 08:00-22:00);
    // Nora (New York) works the New York office's shift, which has no holiday at Christmas.
    shift('nyc', 'New York office', 'America/New_York', 'Mon-Fri 08:00-17:00', ['r3']);
    for (const [id, owner, zone] of [
      ['p1', 'r1', 'Europe/Berlin'],
      ['p2', 'r2', 'Europe/London'],
      ['p3', 'r3', 'America/New_York'],
    ] as const) {
      org.person(id, owner, { zone });
      // Fridays 09:00-10:00 in the person's own zone.
      org.window(id, 'call', 5, '09:00', '10:00', 4, zone);
    }
    holiday('2026-12-25', 'Christmas Day');
  });

  it("says a rep on the organisation's hours is off on a business holiday, and misses none of their windows", () => {
    const s = views.schedule(org.user('d'), at(berlin('2026-12-25T14:00')));
    const rita = repDay(s, 'r1');
    expect(rita.plan).toMatchObject({ closed: true, holiday: 'Christmas Day', shift: null });
    // The row has no window that day: nothing to work, so nothing missed.
    expect(rita.rows.map((r) => [r.personId, r.start, r.state])).toEqual([['p1', null, 'none']]);
    expect(rita.coverage).toEqual({
      windows: 0,
      goodWindows: 0,
      worked: 0,
      outside: 0,
      missed: 0,
      justEnded: 0,
      booked: 0,
      shareWorked: 0,
    });
    expect(rita.workingHours).toEqual([]);
    // Leo's London day is the Berlin holiday too (and the Saturday after it): off.
    expect(repDay(s, 'r2').plan.holiday).toBe('Christmas Day');
    const lanes = teamDayView(s).reps;
    expect(lanes.map((l) => [l.name, l.dayOff])).toEqual([
      ['Nora Rep', null],
      ['Leo London', { name: 'Christmas Day', shift: null }],
      ['Rita Rep', { name: 'Christmas Day', shift: null }],
    ]);
    expect(lanes.find((l) => l.repId === 'r1')?.blocks).toEqual([]);
    // Only Nora works, her shift's 08:00-17:00 in New York: 14:00-23:00 in Berlin.
    expect(working(s)).toMatchObject({ '09:00': 0, '13:00': 0, '14:00': 1, '22:00': 1 });
    expect(s.byHour.find((h) => h.hour === '09:00')?.windowsOpen).toBe(0);
    expect(s.byHour.find((h) => h.hour === '15:00')?.windowsOpen).toBe(1);
  });

  it("leaves the business holiday out of the sparkline's working days of a rep on the organisation's hours", async () => {
    const trend = await views.trend(org.user('d'), at(berlin('2026-12-28T14:00')), {});
    const rita = trend.reps.find((r) => r.repId === 'r1');
    // Monday to Friday of the organisation's hours, less Christmas Day (Friday 25 December).
    expect(rita?.days.map((d) => d.date)).toEqual([
      '2026-12-11',
      '2026-12-14',
      '2026-12-15',
      '2026-12-16',
      '2026-12-17',
      '2026-12-18',
      '2026-12-21',
      '2026-12-22',
      '2026-12-23',
      '2026-12-24',
    ]);
  });

  it('exports no window for the rep who is off: the page exports the windows it draws', async () => {
    const csv = await views.export(org.user('d'), at(berlin('2026-12-25T14:00')), {
      format: 'csv',
      repId: 'r1',
    });
    expect(csv.content.split('\r\n')).toEqual([
      'rep,person,channel,state,start,end,stars,time_zone,start_utc,end_utc',
      '',
    ]);
    const ics = await views.export(org.user('d'), at(berlin('2026-12-25T14:00')), {
      format: 'ics',
    });
    expect(ics.content.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics.content).toContain('SUMMARY:Nora Rep: Call P p3');
  });

  it("keeps a rep in a shift to their shift's holidays, not the organisation's", () => {
    holiday('2026-12-24', 'Christmas Eve', 'nyc');
    org.window('p3', 'call', 4, '09:00', '10:00', 4, 'America/New_York');
    org.window('p1', 'call', 4, '09:00', '10:00', 4);
    // Christmas Day: Nora works (her shift has no holiday then).
    const christmas = views.schedule(org.user('d'), at(berlin('2026-12-25T23:30')));
    expect(repDay(christmas, 'r3').plan.holiday).toBeNull();
    expect(repDay(christmas, 'r3').coverage.missed).toBe(1);
    // Christmas Eve: Nora is off, named as her shift's; Rita works and missed her window.
    const eve = views.schedule(org.user('d'), at(berlin('2026-12-24T23:30')));
    expect(teamDayView(eve).reps.map((l) => [l.repId, l.dayOff])).toEqual([
      ['r3', { name: 'Christmas Eve', shift: 'New York office' }],
      ['r2', null],
      ['r1', null],
    ]);
    expect(repDay(eve, 'r3').coverage.missed).toBe(0);
    expect(repDay(eve, 'r1').coverage.missed).toBe(1);
  });

  it('leaves the windows a past day was planned with off the holiday read since', () => {
    // Christmas morning's plan was kept before the holiday reached this computer.
    raw().prepare('delete from holidays').run();
    const morning = berlin('2026-12-25T08:00');
    const planned = planKeptDay(
      org.db,
      org.user('r1'),
      'Europe/Berlin',
      morning,
      DEFAULT_SETTINGS,
      undefined,
      loadRepPlanInputs(org.db, 'r1', 'Europe/Berlin', morning),
    );
    expect(planned.rows[0]?.start).toBe(berlin('2026-12-25T09:00'));
    putDayPlan(org.db, {
      userId: 'r1',
      day: '2026-12-25',
      savedAt: morning,
      plan: JSON.stringify({
        reasons: ['answered calls'],
        people: [['p1', [[berlin('2026-12-25T09:00'), berlin('2026-12-25T10:00'), 4, 0]], null]],
      }),
    });
    const kept = (now: number) => views.schedule(org.user('d'), at(now), { date: '2026-12-25' });
    // Looked back on before the holiday is known: the kept window, missed.
    expect(repDay(kept(berlin('2026-12-28T10:00')), 'r1').coverage).toMatchObject({
      windows: 1,
      missed: 1,
    });
    holiday('2026-12-25', 'Christmas Day');
    views.invalidate({ records: true });
    const s = kept(berlin('2026-12-28T10:05'));
    expect(repDay(s, 'r1').coverage).toMatchObject({ windows: 0, missed: 0 });
    expect(repDay(s, 'r1').plan.holiday).toBe('Christmas Day');
  });
});

describe('a holiday across a daylight-saving change', () => {
  beforeEach(() => {
    // Nora works the New York evenings, every day 16:00-24:00 there; Ned (New York) manages her.
    shift('eve', 'New York evenings', 'America/New_York', 'Mon-Sun 16:00-24:00', ['r3']);
    org.person('late', 'r3', { zone: 'America/New_York' });
    org.window('late', 'call', 7, '18:00', '19:00', 4, 'America/New_York');
    org.window('late', 'call', 1, '23:00', '24:00', 4, 'America/New_York');
    // Sunday 1 November 2026: New York's clocks go back at 02:00, a day of 25 hours.
    holiday('2026-11-01', 'Staff day', 'eve');
  });

  it("takes the shift's whole day off in the shift's own zone, 25 hours long, and not an hour of the next", () => {
    const sunday = views.schedule(org.user('m2'), at(ny('2026-11-01T12:00')));
    expect(sunday.byHour).toHaveLength(25);
    const nora = repDay(sunday, 'r3');
    expect(nora.plan).toMatchObject({
      closed: true,
      holiday: 'Staff day',
      nextOpenDate: '2026-11-02',
    });
    // Her evening ran to New York's midnight, 05:00 UTC after the change: none of it is worked.
    expect(nora.workingHours).toEqual([]);
    expect(sunday.byHour.every((h) => h.repsWorking === 0)).toBe(true);
    expect(nora.rows.map((r) => r.state)).toEqual(['none']);

    // Monday works its whole evening, to its own midnight, and its windows are planned.
    const monday = views.schedule(org.user('m2'), at(ny('2026-11-02T12:00')));
    expect(repDay(monday, 'r3').workingHours).toEqual([
      [ny('2026-11-02T16:00'), ny('2026-11-03T00:00')],
    ]);
    expect(repDay(monday, 'r3').plan.holiday).toBeNull();
    expect(repDay(monday, 'r3').rows.map((r) => [r.start, r.end])).toEqual([
      [ny('2026-11-02T23:00'), ny('2026-11-03T00:00')],
    ]);
    expect(working(monday)).toMatchObject({ '15:00': 0, '16:00': 1, '23:00': 1 });
  });

  it('counts the sparkline over the days the shift works, weekends in, the holiday of 25 hours out', async () => {
    const trend = await views.trend(org.user('m2'), at(ny('2026-11-03T12:00')), {});
    const nora = trend.reps.find((r) => r.repId === 'r3');
    // Every evening is hers but Sunday 1 November, the holiday on the day the clocks went back.
    expect(nora?.days.map((d) => d.date)).toEqual([
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-02',
    ]);
    // Her Sunday window (18:00) and Monday's (23:00, to the midnight after the change) count.
    const windows = Object.fromEntries((nora?.days ?? []).map((d) => [d.date, d.windows]));
    expect(windows).toMatchObject({ '2026-10-25': 1, '2026-10-26': 1, '2026-11-02': 1 });
  });

  it("reads the shift's holiday in the shift's zone, not the manager's or the organisation's", () => {
    // Berlin's Sunday is Nora's Sunday on her lane at any hour, the holiday: no hour of it is
    // worked. At 03:00 here it is still Saturday evening in New York, and her lane showed that
    // Saturday until 05:00, so the page's Sunday read otherwise before and after.
    for (const hour of ['03:00', '12:00']) {
      const sunday = views.schedule(org.user('d'), at(berlin(`2026-11-01T${hour}`)));
      expect(repDay(sunday, 'r3').plan.date).toBe('2026-11-01');
      expect(repDay(sunday, 'r3').plan.holiday).toBe('Staff day');
      expect(repDay(sunday, 'r3').workingHours).toEqual([]);
      expect(sunday.byHour.every((h) => h.repsWorking === 0)).toBe(true);
    }
    // Her Saturday, asked for, is worked from 16:00 to her midnight, 05:00 here.
    const saturday = views.schedule(org.user('d'), at(berlin('2026-11-01T03:00')), {
      date: '2026-10-31',
    });
    expect(repDay(saturday, 'r3').workingHours).toEqual([
      [ny('2026-10-31T16:00'), ny('2026-11-01T00:00')],
    ]);
    const berlinMonday = views.schedule(org.user('d'), at(berlin('2026-11-02T12:00')));
    // Berlin's Monday holds the end of nothing from Sunday, and Monday evening's start.
    expect(repDay(berlinMonday, 'r3').workingHours).toEqual([
      [ny('2026-11-02T16:00'), ny('2026-11-03T00:00')],
    ]);
    // Rita and Leo work the organisation's 08:00-22:00; Nora from 22:00, not an hour of Sunday's.
    expect(working(berlinMonday)).toMatchObject({ '05:00': 0, '21:00': 2, '22:00': 1 });
  });
});
