import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/main/settings/settingsStore';
import { TeamViews } from '../../src/main/team/teamViews';
import { teamDayView } from '../../src/main/team/teamDayView';
import { eachTestTeamOrg, type TeamOrg } from '../fixtures/teamOrg';

// The Team page's "today" is the manager's today, and every lane shows that calendar date in the
// rep's own zone whatever the hour the manager looks: a Sydney or Tokyo rep's lane went on to
// their next day once the Berlin manager's afternoon was their night, so the day's lanes, totals
// and trend depended on the hour they were read at, while the page, the `team` command's "date"
// and the export's file name still named the manager's day.

let org: TeamOrg;
let views: TeamViews;
eachTestTeamOrg('cw-team-day-of-manager-', (env) => ({ org, views } = env));

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

function today(manager: string, nowBerlin: string) {
  return views.schedule(org.user(manager), context(nowBerlin));
}
function onDate(manager: string, nowBerlin: string, date: string) {
  return views.schedule(org.user(manager), context(nowBerlin), { date });
}
function context(nowBerlin: string) {
  return { now: berlin(nowBerlin), orgTz: 'Europe/Berlin', settings: DEFAULT_SETTINGS };
}
type Day = ReturnType<typeof today>;
/** Each lane's day and counts, as the coverage table reads them. */
const lanes = (s: Day) =>
  s.reps.map((r) => ({
    rep: r.rep.id,
    date: r.plan.date,
    worked: r.coverage.worked,
    missed: r.coverage.missed,
    windows: r.coverage.windows,
  }));

/** Chloe in Sydney and Yui in Tokyo on Mia's Berlin team, each with two people a weekday. */
function farEastTeam(): void {
  org.rep('r4', 'Chloe Martin', 'm1', 'Australia/Sydney');
  org.shift('syd', 'Australia/Sydney', 'Mon-Fri 08:30-17:30', ['r4']);
  org.rep('r5', 'Yui Mori', 'm1', 'Asia/Tokyo');
  org.shift('tyo', 'Asia/Tokyo', 'Mon-Fri 09:00-18:00', ['r5']);
  for (const [id, rep, zone] of [
    ['s1', 'r4', 'Australia/Sydney'],
    ['s2', 'r4', 'Australia/Sydney'],
    ['t1', 'r5', 'Asia/Tokyo'],
    ['t2', 'r5', 'Asia/Tokyo'],
  ] as const) {
    org.person(id, rep, { zone });
    for (let weekday = 1; weekday <= 5; weekday++)
      org.window(id, 'call', weekday, '10:00', '11:00', 4, zone);
  }
}

describe("the Team page's day is the manager's date on every lane (TM-1)", () => {
  it("shows a Sydney and a Tokyo rep's Monday all of a Berlin manager's Monday, with the same counts at any hour", async () => {
    farEastTeam();
    // Monday 7 December: Chloe called one of her two people in her window, Yui one of hers.
    org.activity('s1', 'r4', 'call', '2026-12-07T10:15', { zone: 'Australia/Sydney' });
    org.activity('t1', 'r5', 'call', '2026-12-07T10:15', { zone: 'Asia/Tokyo' });
    const asked = lanes(onDate('m1', '2026-12-07T08:33', '2026-12-07'));
    expect(asked.filter((l) => l.rep === 'r4' || l.rep === 'r5')).toEqual([
      { rep: 'r4', date: '2026-12-07', worked: 1, missed: 1, windows: 2 },
      { rep: 'r5', date: '2026-12-07', worked: 1, missed: 1, windows: 2 },
    ]);
    // 08:33 in Berlin is 18:33 in Sydney; 17:40 is 03:40 on Tuesday there, 23:50 09:50 (Chloe's
    // Tuesday window about to open); Tokyo is two hours behind Sydney. Monday on every lane.
    for (const at of ['2026-12-07T08:33', '2026-12-07T17:40', '2026-12-07T23:50']) {
      const day = today('m1', at);
      expect(day.date).toBe('2026-12-07');
      expect(lanes(day)).toEqual(asked);
      // The sparklines end on the Friday before the page's Monday, for every rep.
      const trend = await views.trend(org.user('m1'), context(at), {});
      for (const r of trend.reps) expect(r.days.at(-1)?.date).toBe('2026-12-04');
    }
  });

  it("reads the manager's today after their midnight, a rep west of them still on the day before", async () => {
    farEastTeam();
    // 00:30 on Tuesday in Berlin is 18:30 on Monday in New York: Nora's lane shows her Tuesday.
    const day = today('d', '2026-12-08T00:30');
    expect(day.date).toBe('2026-12-08');
    expect(new Set(day.reps.map((r) => r.plan.date))).toEqual(new Set(['2026-12-08']));
    expect(teamDayView(day).reps.every((r) => r.date === day.date)).toBe(true);
    const file = await views.export(org.user('d'), context('2026-12-08T00:30'), { format: 'csv' });
    expect(file.fileName).toBe('team-2026-12-08.csv');
  });

  it("keeps the manager's date on every lane across Berlin's autumn change and after it", () => {
    farEastTeam();
    // Friday 23 October, Berlin on summer time (UTC+2), Sydney on its own (UTC+11) since 4
    // October: 23:30 here is 08:30 on Saturday there, Chloe's day off.
    const friday = today('m1', '2026-10-23T23:30');
    expect(friday.date).toBe('2026-10-23');
    expect(lanes(friday)).toEqual(lanes(onDate('m1', '2026-10-23T12:00', '2026-10-23')));
    expect(friday.reps.find((r) => r.rep.id === 'r4')?.plan.closed).toBe(false);
    // Sunday 25 October, 25 hours here: at 23:30 it is Monday in Sydney and Tokyo; the lanes
    // show Sunday, a day off for both.
    const sunday = today('m1', '2026-10-25T23:30');
    expect(sunday.reps.map((r) => [r.plan.date, r.plan.closed])).toEqual(
      sunday.reps.map(() => ['2026-10-25', true]),
    );
    // Monday 26 October, Berlin on winter time (UTC+1): 22:00 is 08:00 on Tuesday in Sydney.
    const monday = today('m1', '2026-10-26T22:00');
    expect(monday.reps.every((r) => r.plan.date === '2026-10-26')).toBe(true);
    expect(lanes(monday)).toEqual(lanes(onDate('m1', '2026-10-26T09:00', '2026-10-26')));
  });

  it("exports Berlin's autumn change day in the order it happened: the repeated hour's second 02:15 after its first 02:45", async () => {
    // Sunday 25 October: Berlin's clocks go back at 03:00 to 02:00, so 02:00-03:00 comes twice.
    // Yui in Tokyo calls at 09:45 there, 00:45 UTC, Berlin's first 02:45 (+02:00); Chloe in
    // Sydney at 12:15 there, 01:15 UTC, half an hour later, Berlin's second 02:15 (+01:00). A
    // sort of the times as text puts Chloe's first.
    org.rep('r4', 'Chloe Martin', 'm1', 'Australia/Sydney');
    org.shift('syd', 'Australia/Sydney', 'Sun 08:00-18:00', ['r4']);
    org.rep('r5', 'Yui Mori', 'm1', 'Asia/Tokyo');
    org.shift('tyo', 'Asia/Tokyo', 'Sun 08:00-18:00', ['r5']);
    org.person('s1', 'r4', { zone: 'Australia/Sydney' });
    org.window('s1', 'call', 7, '12:15', '13:15', 4, 'Australia/Sydney');
    org.person('t1', 'r5', { zone: 'Asia/Tokyo' });
    org.window('t1', 'call', 7, '09:45', '10:45', 4, 'Asia/Tokyo');
    const file = await views.export(org.user('m1'), context('2026-10-25T12:00'), {
      format: 'csv',
    });
    const rows = file.content.trim().split('\r\n').slice(1);
    expect(rows.map((r) => r.split(',').slice(0, 6).join(','))).toEqual([
      'Yui Mori,P t1,call,missed,2026-10-25T02:45:00+02:00,2026-10-25T02:45:00+01:00',
      'Chloe Martin,P s1,call,missed,2026-10-25T02:15:00+01:00,2026-10-25T03:15:00+01:00',
    ]);
    const starts = rows.map((r) => DateTime.fromISO(r.split(',')[4] ?? '').toMillis());
    expect(starts).toEqual([Date.UTC(2026, 9, 25, 0, 45), Date.UTC(2026, 9, 25, 1, 15)]);
    // A spreadsheet user sorting by the local start puts Chloe first, half an hour too early;
    // sorted by start_utc as text, the rows keep the order they happened in.
    const cells = rows.map((r) => r.split(','));
    const header = file.content.split('\r\n')[0]?.split(',') ?? [];
    const column = (name: string) => header.indexOf(name);
    const sortedBy = (name: string) =>
      [...cells]
        .sort((a, b) => (a[column(name)] ?? '').localeCompare(b[column(name)] ?? ''))
        .map((c) => c[0]);
    expect(sortedBy('start')).toEqual(['Chloe Martin', 'Yui Mori']);
    expect(sortedBy('start_utc')).toEqual(['Yui Mori', 'Chloe Martin']);
    expect(cells.map((c) => [c[column('start_utc')], c[column('end_utc')]])).toEqual([
      ['2026-10-25T00:45:00Z', '2026-10-25T01:45:00Z'],
      ['2026-10-25T01:15:00Z', '2026-10-25T02:15:00Z'],
    ]);
  });
});
