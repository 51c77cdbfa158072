import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { planKeptDay } from '../../src/main/planner/dayPlanSnapshots';
import { bookCall } from '../../src/main/planner/bookCall';
import { logCall, markPlanRow } from '../../src/main/planner/planActions';
import { loadRepPlanInputs } from '../../src/main/planner/repPlanInputs';
import { DEFAULT_SETTINGS } from '../../src/main/settings/settingsStore';
import { eventUid } from '../../src/main/team/teamCalendar';
import { zoneDay } from '../../src/main/team/teamSchedule';
import { findClashes } from '../../src/main/team/teamClashes';
import { NoTeamError } from '../../src/main/team/teamMembers';
import { TREND_DAYS } from '../../src/main/team/teamTrend';
import { teamDayView } from '../../src/main/team/teamDayView';
import { teamBlockState } from '../../src/shared/teamBlockState';
import { TeamViews, type TeamContext } from '../../src/main/team/teamViews';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { berlin, eachTestTeamOrg, type TeamOrg } from '../fixtures/teamOrg';

let org: TeamOrg;
let views: TeamViews;
eachTestTeamOrg('cw-team-', (env) => ({ org, views } = env));

const context = (nowBerlin: string): TeamContext => ({
  now: berlin(nowBerlin),
  orgTz: 'Europe/Berlin',
  settings: DEFAULT_SETTINGS,
});
const day = (viewer: string, nowBerlin: string, date?: string) =>
  views.schedule(org.user(viewer), context(nowBerlin), { date });
const lane = (viewer: string, nowBerlin: string, rep: string) =>
  day(viewer, nowBerlin).reps.find((r) => r.rep.id === rep);
const hour = (s: ReturnType<typeof day>, label: string) => s.byHour.filter((h) => h.hour === label);
const spanAt = (at: number): string =>
  DateTime.fromMillis(at, { zone: 'Europe/Berlin' }).toFormat('HH:mm');

describe('who sees whose day (TM-1)', () => {
  it('shows a manager every rep below them, two levels down, and nobody from another line', () => {
    for (const [id, owner] of [
      ['a', 'r1'],
      ['b', 'r2'],
      ['c', 'r3'],
      ['o', 'r9'],
    ] as const)
      org.person(id, owner);
    const ids = (viewer: string) => views.team(org.user(viewer)).map((u) => u.id);
    // The director: both managers' reps (the managers own no one, so they have no lane).
    expect(ids('d')).toEqual(['r3', 'r2', 'r1']);
    expect(ids('m1')).toEqual(['r2', 'r1']);
    expect(ids('m2')).toEqual(['r3']);
    // An admin sees everyone with people to plan.
    expect(ids('admin')).toEqual(['r3', 'r2', 'r1', 'r9']);
    // A manager in between who sells too gets a lane; a deactivated rep does not.
    org.person('own', 'm1');
    org.deactivate('r2');
    views.invalidate({ records: true });
    expect(ids('d')).toEqual(['r3', 'm1', 'r1']);
  });

  it('refuses a rep, who has no one below them', () => {
    expect(() => views.team(org.user('r1'))).toThrow(NoTeamError);
    expect(() => views.team(org.user('r1'))).toThrow(/Rita Rep has no one reporting to them/);
  });
});

describe('coverage of the planned windows (TM-2)', () => {
  /**
   * Rita's Monday, counted by hand at 14:00 Berlin (see the comments): one window per person and
   * channel, of 2★ or more; Rita calls and emails, so both channels count.
   */
  function ritasMonday(): void {
    for (const id of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10'])
      org.person(id, 'r1');
    org.window('p1', 'call', 1, '09:00', '10:00', 4); // called 09:30: worked
    org.activity('p1', 'r1', 'call', '2026-11-23T09:30');
    org.window('p2', 'call', 1, '10:00', '11:00', 3); // nothing: missed
    // Marked done at midnight, before the window: reached outside it, not worked in it.
    org.window('p3', 'call', 1, '11:00', '12:00', 2);
    org.mark('r1', 'p3', 'call', '2026-11-23', 'done');
    org.window('p4', 'call', 1, '12:00', '13:00', 5); // skipped: neither worked nor missed
    org.mark('r1', 'p4', 'call', '2026-11-23', 'skipped');
    org.window('p5', 'call', 1, '13:30', '15:00', 4); // open now
    org.window('p6', 'call', 1, '16:00', '17:00', 2); // still to come
    // Called in the morning window: worked, though the row now shows the evening one (4 stars),
    // which is not counted: p7 is one contact.
    org.window('p7', 'call', 1, '09:00', '10:00', 2);
    org.window('p7', 'call', 1, '17:00', '18:00', 4);
    org.activity('p7', 'r1', 'call', '2026-11-23T09:15');
    // Emailed inside the email window: worked; the call window is under 2★: not counted.
    org.window('p8', 'email', 1, '08:00', '09:00', 3);
    org.activity('p8', 'r1', 'email', '2026-11-23T08:30');
    org.window('p8', 'call', 1, '12:00', '13:00', 1);
    org.activity('p8', 'r1', 'call', '2026-11-23T13:45');
    org.window('p9', 'call', 2, '10:00', '11:00', 5); // Tuesdays only: no window today
    // Their call the rep missed does not work the row (under 2★, not counted either way).
    org.window('p10', 'call', 1, '10:00', '11:00', 1);
    org.activity('p10', 'r1', 'call', '2026-11-23T10:10', {
      direction: 'in',
      signal: 'call_inbound_missed',
    });
  }

  it('counts planned windows, good ones, worked, outside, missed and the share worked of a hand-counted day', () => {
    ritasMonday();
    const rita = lane('d', '2026-11-23T14:00', 'r1');
    // p7's morning window ended: it keeps its row, and the evening window is a row of its own
    // (the planner's second pass).
    expect(rita?.plan.rows).toHaveLength(12);
    expect(rita?.coverage).toEqual({
      // One per person and channel with a window of 2★ or more: p1–p7's calls, p8's email.
      windows: 8,
      // The counted window 3 stars or more: p1 (4), p2 (3), p4 (5), p5 (4), p8's email (3); p7's
      // counts the 2★ morning window it was worked in.
      goodWindows: 5,
      // p1, p8's email and p7's morning window.
      worked: 3,
      // p3, marked done before its window.
      outside: 1,
      // p2.
      missed: 1,
      justEnded: 0,
      // Nobody has a call booked.
      booked: 0,
      // Of the five due: p4 was skipped, p5 and p6 are still to come.
      shareWorked: 3 / 5,
    });
    // The lane's blocks are the rows with a window, with when each was worked.
    const worked = (id: string, channel = 'call') =>
      rita?.rows.findIndex(
        (r) =>
          r.personId === id &&
          r.channel === channel &&
          (id !== 'p7' || (r.start ?? 0) < berlin('2026-11-23T12:00')),
      ) ?? -1;
    const inside = (atBerlin: string) => ({ at: berlin(atBerlin), by: 'logged', inWindow: true });
    // Said at its end: the fixture's call from 09:30 lasts 2 minutes.
    expect(rita?.worked[worked('p1')]).toEqual(inside('2026-11-23T09:32'));
    expect(rita?.worked[worked('p7')]).toEqual(inside('2026-11-23T09:17'));
    expect(rita?.worked[worked('p8', 'email')]).toEqual(inside('2026-11-23T08:30'));
    // Called at 13:45, after its window: missed.
    expect(rita?.worked[worked('p8')]).toEqual({
      at: berlin('2026-11-23T13:47'),
      by: 'logged',
      inWindow: false,
    });
    expect(rita?.worked[worked('p3')]).toEqual({
      at: berlin('2026-11-23T00:00'),
      by: 'done',
      inWindow: false,
    });
    expect(rita?.worked[worked('p2')]).toBeNull();
  });

  it('moves with the clock: before the day starts nothing is missed; after it, all not worked is', () => {
    ritasMonday();
    expect(lane('d', '2026-11-23T07:00', 'r1')?.coverage).toEqual({
      windows: 8,
      goodWindows: 5,
      worked: 0, // the calls are not logged yet
      outside: 1, // p3's mark came before its window
      missed: 0,
      justEnded: 0,
      booked: 0,
      shareWorked: 0,
    });
    expect(lane('d', '2026-11-23T23:00', 'r1')?.coverage).toEqual({
      windows: 8,
      goodWindows: 5,
      worked: 3,
      outside: 1,
      missed: 3, // p5 and p6 passed too
      justEnded: 0,
      booked: 0,
      shareWorked: 3 / 7,
    });
  });

  it('reads 100 % for a rep who worked every planned person in a window of theirs, 0 % for one who worked none', () => {
    // Each person has a morning and an afternoon window, and a ½★ evening hour; Rita calls each
    // once, some in the morning, some in the afternoon; Leo calls nobody.
    for (const [id, owner] of [
      ['a1', 'r1'],
      ['a2', 'r1'],
      ['a3', 'r1'],
      ['b1', 'r2'],
      ['b2', 'r2'],
    ] as const) {
      org.person(id, owner);
      org.window(id, 'call', 1, '09:00', '10:00', 3);
      org.window(id, 'call', 1, '14:00', '15:00', 4);
      org.window(id, 'call', 1, '19:00', '20:00', 0.5);
    }
    org.activity('a1', 'r1', 'call', '2026-11-23T09:20');
    org.activity('a2', 'r1', 'call', '2026-11-23T14:10');
    org.activity('a3', 'r1', 'call', '2026-11-23T14:40');
    org.activity('b1', 'r2', 'call', '2026-11-20T10:00'); // Leo calls, on other days
    const at = lane('d', '2026-11-23T21:00', 'r1');
    expect(at?.coverage).toEqual({
      windows: 3,
      goodWindows: 3,
      worked: 3,
      outside: 0,
      missed: 0,
      justEnded: 0,
      booked: 0,
      shareWorked: 1,
    });
    expect(lane('d', '2026-11-23T21:00', 'r2')?.coverage).toMatchObject({
      windows: 2,
      worked: 0,
      missed: 2,
      shareWorked: 0,
    });
    // Midday: a2 and a3's afternoon windows are to come, so only a1 is due: 100 % so far.
    expect(lane('d', '2026-11-23T12:00', 'r1')?.coverage).toMatchObject({
      worked: 1,
      missed: 0,
      shareWorked: 1,
    });
    // No block of Rita's looks missed: the windows not counted passed.
    const view = teamDayView(day('d', '2026-11-23T21:00'));
    const states = (view.reps.find((r) => r.repId === 'r1')?.blocks ?? []).map((b) =>
      teamBlockState(b, berlin('2026-11-23T21:00')),
    );
    expect(states).not.toContain('missed');
    expect(states.filter((s) => s === 'worked')).toHaveLength(3);
  });

  it('shows a rep who called outside the windows as such: reached outside, not worked, not missed', () => {
    org.person('c1', 'r1');
    org.window('c1', 'call', 1, '10:00', '11:00', 4);
    org.person('c2', 'r1');
    org.window('c2', 'call', 1, '10:00', '11:00', 4);
    org.activity('c1', 'r1', 'call', '2026-11-23T08:15'); // before
    org.activity('c2', 'r1', 'call', '2026-11-23T12:30'); // after
    expect(lane('d', '2026-11-23T13:00', 'r1')?.coverage).toEqual({
      windows: 2,
      goodWindows: 2,
      worked: 0,
      outside: 2,
      missed: 0,
      justEnded: 0,
      booked: 0,
      shareWorked: 0,
    });
    const view = teamDayView(day('d', '2026-11-23T13:00'));
    const states = (view.reps.find((r) => r.repId === 'r1')?.blocks ?? []).map((b) =>
      teamBlockState(b, berlin('2026-11-23T13:00')),
    );
    expect(states).toEqual(['outside', 'outside']);
  });

  it('counts no window on a channel the rep does not work: none of them is missed', () => {
    // Rita calls, and has sent no email in four weeks: her people's email windows are drawn, not counted.
    org.person('e1', 'r1');
    org.window('e1', 'call', 1, '09:00', '10:00', 4);
    org.window('e1', 'email', 1, '11:00', '12:00', 5);
    org.activity('e1', 'r1', 'call', '2026-11-23T09:30');
    const rita = teamDayView(day('d', '2026-11-23T15:00')).reps.find((r) => r.repId === 'r1');
    expect(rita?.coverage).toMatchObject({ windows: 1, worked: 1, missed: 0, shareWorked: 1 });
    expect(rita?.uncounted).toEqual(['email']);
    expect(
      rita?.blocks.map((b) => `${b.channel}: ${teamBlockState(b, berlin('2026-11-23T15:00'))}`),
    ).toEqual(['call: worked', 'email: passed']);
  });

  it('counts a person worked in a later window as worked: the earlier window passed, not missed', () => {
    org.person('p1', 'r1');
    org.window('p1', 'call', 1, '09:00', '10:00', 4); // not called: passed
    org.window('p1', 'call', 1, '14:00', '15:00', 3);
    org.activity('p1', 'r1', 'call', '2026-11-23T14:20');
    const counted = {
      windows: 1,
      goodWindows: 1,
      worked: 1,
      outside: 0,
      missed: 0,
      justEnded: 0,
      booked: 0,
      shareWorked: 1,
    };
    expect(lane('d', '2026-11-23T14:45', 'r1')?.coverage).toEqual(counted);
    // The plan no longer has a row for the 09:00 window once the 14:00 one ended: the lane still
    // draws it, passed, and the count holds.
    const later = lane('d', '2026-11-23T15:30', 'r1');
    expect(later?.coverage).toEqual(counted);
    expect(later?.plan.rows.map((r) => r.start)).toEqual([berlin('2026-11-23T14:00')]);
    const view = teamDayView(day('d', '2026-11-23T15:30'));
    const blocks = view.reps.find((r) => r.repId === 'r1')?.blocks ?? [];
    expect(blocks.map((b) => [b.start, teamBlockState(b, berlin('2026-11-23T15:30'))])).toEqual([
      [berlin('2026-11-23T09:00'), 'passed'],
      [berlin('2026-11-23T14:00'), 'worked'],
    ]);
    // Before the call, at 11:00, the person is not missed: their 14:00 window is to come.
    expect(lane('d', '2026-11-23T11:00', 'r1')?.coverage).toMatchObject({ missed: 0 });
    // The trend counts the day the same way the next day.
    expect(
      views
        .schedule(org.user('d'), context('2026-11-24T10:00'), { date: '2026-11-23' })
        .reps.find((r) => r.rep.id === 'r1')?.coverage,
    ).toEqual(counted);
  });

  it("credits a call logged in the app to the window it was made in, not the person's later ones", () => {
    // Jonas: three windows today; Ava: windows only after the call.
    org.person('jonas', 'r1', { name: ['Jonas', 'Sato'] });
    org.window('jonas', 'call', 1, '09:00', '10:00', 3);
    org.window('jonas', 'call', 1, '12:00', '14:00', 4);
    org.window('jonas', 'call', 1, '15:00', '16:00', 2);
    org.person('ava', 'r1', { name: ['Ava', 'Brown'] });
    org.window('ava', 'call', 1, '12:00', '14:00', 4);
    org.window('ava', 'call', 1, '14:00', '15:00', 3);
    const untouched = {
      windows: 2,
      goodWindows: 2,
      worked: 0,
      outside: 0,
      missed: 0,
      justEnded: 0,
      booked: 0,
      shareWorked: 0,
    };
    expect(lane('d', '2026-11-23T09:34', 'r1')?.coverage).toEqual(untouched);
    // The rep logs a 4-minute call with each at 09:34 (it began at 09:30), as the planner does:
    // an activity, and the row marked done.
    for (const personId of ['jonas', 'ava'])
      logCall(
        org.db,
        'r1',
        { personId, outcome: 'answered', durationMin: 4, note: '', date: '2026-11-23' },
        berlin('2026-11-23T09:34'),
      );
    views.invalidate({ records: true });
    const lanes = (nowBerlin: string) => {
      const now = berlin(nowBerlin);
      const view = teamDayView(day('d', nowBerlin));
      const rita = view.reps.find((r) => r.repId === 'r1');
      return {
        coverage: rita?.coverage,
        blocks: rita?.blocks.map((b) => {
          const how = b.worked
            ? `${b.worked.by} at ${spanAt(b.worked.at)}${b.worked.inWindow ? ', in it' : ''}`
            : 'nothing';
          return `${b.name} ${spanAt(b.start)}: ${teamBlockState(b, now)}, ${how}`;
        }),
      };
    };
    // One call, one window worked in it: Jonas's 09:00. His later windows need no call of their
    // own, and none is missed when it ends; Ava was reached before her windows: outside them.
    const worked = { ...untouched, worked: 1, outside: 1, shareWorked: 1 / 2 };
    expect(lanes('2026-11-23T09:35')).toEqual({
      coverage: worked,
      blocks: [
        'Jonas Sato 09:00: worked, logged at 09:34, in it',
        'Ava Brown 12:00: outside, logged at 09:34',
        'Jonas Sato 12:00: already, logged at 09:34',
        'Ava Brown 14:00: already, logged at 09:34',
        'Jonas Sato 15:00: already, logged at 09:34',
      ],
    });
    expect(lanes('2026-11-23T18:00').coverage).toEqual(worked);
  });

  it('counts a person by the longer, better window while it is open, and misses them when it ends', () => {
    org.person('p1', 'r1');
    org.window('p1', 'call', 1, '09:00', '12:00', 5); // the row shows this one all morning
    org.window('p1', 'call', 1, '09:30', '10:00', 2);
    // Plan inputs kept between looks, as the core's cache keeps them: the plan holds till 12:00.
    const inputs = new Map<string, ReturnType<typeof loadRepPlanInputs>>();
    const kept = new TeamViews(org.db, (id, orgTz, now) => {
      const list = inputs.get(id) ?? loadRepPlanInputs(org.db, id, orgTz, now);
      inputs.set(id, list);
      return list;
    });
    const coverageAt = (nowBerlin: string) =>
      kept.schedule(org.user('d'), context(nowBerlin)).reps.find((r) => r.rep.id === 'r1')
        ?.coverage;
    expect(coverageAt('2026-11-23T09:45')).toMatchObject({ windows: 1, missed: 0 });
    // The 2★ window under it ended: not counted, so not missed.
    expect(coverageAt('2026-11-23T10:15')).toMatchObject({ windows: 1, missed: 0 });
    // Ended 15 minutes ago: just ended, as the planner says, until struck through at 12:30.
    expect(coverageAt('2026-11-23T12:15')).toMatchObject({ windows: 1, missed: 0, justEnded: 1 });
    expect(coverageAt('2026-11-23T12:30')).toMatchObject({ windows: 1, missed: 1, justEnded: 0 });
  });

  it('colours the blocks of skipped and snoozed rows as the coverage counts them', () => {
    // Snoozed at 09:30, in its 09:00 window: the row moves on to 14:00; the 09:00 window is set
    // aside (neither worked nor missed), the 14:00 one can still be missed.
    org.person('snz', 'r1', { name: ['Sam', 'Snooze'] });
    org.window('snz', 'call', 1, '09:00', '10:00', 3);
    org.window('snz', 'call', 1, '14:00', '15:00', 3);
    markPlanRow(
      org.db,
      'r1',
      { personId: 'snz', channel: 'call', date: '2026-11-23', action: 'snoozed' },
      berlin('2026-11-23T09:30'),
    );
    // Skipped at 11:30, after its 09:00 window passed without a call: that window stays missed.
    org.person('late', 'r1', { name: ['Lee', 'Late'] });
    org.window('late', 'call', 1, '09:00', '10:00', 4);
    markPlanRow(
      org.db,
      'r1',
      { personId: 'late', channel: 'call', date: '2026-11-23', action: 'skipped' },
      berlin('2026-11-23T11:30'),
    );
    // Skipped at 08:00, before its window: set aside.
    org.person('early', 'r1', { name: ['Eve', 'Early'] });
    org.window('early', 'call', 1, '09:00', '10:00', 2);
    markPlanRow(
      org.db,
      'r1',
      { personId: 'early', channel: 'call', date: '2026-11-23', action: 'skipped' },
      berlin('2026-11-23T08:00'),
    );
    const states = (nowBerlin: string) => {
      const s = day('d', nowBerlin);
      const rita = teamDayView(s).reps.find((r) => r.repId === 'r1');
      const now = berlin(nowBerlin);
      return {
        missed: rita?.coverage.missed,
        blocks: rita?.blocks.map((b) => `${b.name} ${spanAt(b.start)}: ${teamBlockState(b, now)}`),
      };
    };
    expect(states('2026-11-23T12:00')).toEqual({
      missed: 1,
      blocks: [
        'Lee Late 09:00: missed',
        'Sam Snooze 09:00: snoozed',
        'Eve Early 09:00: skipped',
        'Sam Snooze 14:00: upcoming',
      ],
    });
    expect(states('2026-11-23T15:30')).toMatchObject({
      missed: 2,
      blocks: expect.arrayContaining(['Sam Snooze 09:00: snoozed', 'Sam Snooze 14:00: missed']),
    });
  });

  it('counts only the channel asked for', () => {
    ritasMonday();
    const emails = views.schedule(org.user('d'), context('2026-11-23T14:00'), { channel: 'email' });
    expect(emails.reps.find((r) => r.rep.id === 'r1')?.coverage).toEqual({
      windows: 1,
      goodWindows: 1,
      worked: 1,
      outside: 0,
      missed: 0,
      justEnded: 0,
      booked: 0,
      shareWorked: 1,
    });
  });

  it('counts a past day of the trend as that day counts itself, from its kept windows if any', async () => {
    ritasMonday();
    const tuesday = context('2026-11-24T14:00');
    const trend = await views.trend(org.user('d'), tuesday, {});
    const rita = trend.reps.find((r) => r.repId === 'r1');
    expect(rita?.days).toHaveLength(TREND_DAYS);
    expect(rita?.days.at(-1)).toEqual({ date: '2026-11-23', windows: 8, shareWorked: 3 / 7 });
    expect(rita?.days.at(-2)?.date).toBe('2026-11-20'); // the Friday: weekends are not working days
    const monday = views.schedule(org.user('d'), tuesday, { date: '2026-11-23' });
    expect(monday.reps.find((r) => r.rep.id === 'r1')?.coverage.shareWorked).toBe(3 / 7);
    // A day the app kept is counted with the windows it was planned with, not today's.
    rawHandle(org.db)
      .prepare("insert into day_plans (user_id, day, saved_at, plan) values ('r1', ?, 0, ?)")
      .run(
        '2026-11-20',
        JSON.stringify({
          reasons: ['kept'],
          people: [
            ['p1', [[berlin('2026-11-20T09:00'), berlin('2026-11-20T10:00'), 4, 0]], null],
            ['p2', [[berlin('2026-11-20T11:00'), berlin('2026-11-20T12:00'), 2, 0]], null],
          ],
        }),
      );
    org.activity('p1', 'r1', 'call', '2026-11-20T09:45');
    views.invalidate({ records: true });
    expect(
      (await views.trend(org.user('d'), tuesday, {})).reps
        .find((r) => r.repId === 'r1')
        ?.days.at(-2),
    ).toEqual({ date: '2026-11-20', windows: 2, shareWorked: 0.5 });
    // Snoozed at 09:30 (the row moved on to the 14:00 window) and called at 14:20: the day counts
    // it as its plan showed it, not as a snooze made the next day would have moved it.
    org.person('p11', 'r1');
    org.window('p11', 'call', 1, '09:00', '10:00', 3);
    org.window('p11', 'call', 1, '14:00', '15:00', 3);
    markPlanRow(
      org.db,
      'r1',
      { personId: 'p11', channel: 'call', date: '2026-11-23', action: 'snoozed' },
      berlin('2026-11-23T09:30'),
    );
    org.activity('p11', 'r1', 'call', '2026-11-23T14:20');
    views.invalidate({ records: true });
    const snoozed = views.schedule(org.user('d'), tuesday, { date: '2026-11-23' });
    const coverage = snoozed.reps.find((r) => r.rep.id === 'r1')?.coverage;
    // Its 09:00 window set aside by the snooze, the 14:00 one worked: one more worked.
    expect(coverage).toMatchObject({ windows: 9, worked: 4, outside: 1, missed: 3 });
    expect(
      (await views.trend(org.user('d'), tuesday, {})).reps
        .find((r) => r.repId === 'r1')
        ?.days.at(-1),
    ).toEqual({ date: '2026-11-23', windows: 9, shareWorked: coverage?.shareWorked });
  });

  it("is the rep's day exactly as the planner makes it, rows in display order", () => {
    ritasMonday();
    const rita = lane('m1', '2026-11-23T14:00', 'r1');
    const planner = planKeptDay(
      org.db,
      org.user('r1'),
      'Europe/Berlin',
      berlin('2026-11-23T14:00'),
      DEFAULT_SETTINGS,
      undefined,
      loadRepPlanInputs(org.db, 'r1', 'Europe/Berlin', berlin('2026-11-23T14:00')),
    );
    expect(rita?.plan).toEqual(planner);
    expect(rita?.plan.rows.map((r) => [r.personId, r.channel, r.state, r.action])).toEqual([
      ['p5', 'call', 'now', null],
      ['p6', 'call', 'upcoming', null],
      ['p7', 'call', 'upcoming', null],
      ['p9', 'call', 'none', null],
      // Passed windows in the planner's second-pass order; p7's morning window keeps its row.
      ['p2', 'call', 'struck', null],
      ['p1', 'call', 'struck', null],
      ['p7', 'call', 'struck', null],
      ['p8', 'email', 'struck', null],
      ['p8', 'call', 'struck', null],
      ['p10', 'call', 'struck', null],
      ['p4', 'call', 'struck', 'skipped'],
      ['p3', 'call', 'struck', 'done'],
    ]);
  });
});

describe('clashes (TM-2)', () => {
  it('finds two reps planned at overlapping times for two people at one account, on one channel', () => {
    org.account('acc1', 'Acme GmbH', 'r1');
    org.person('pa', 'r1', { account: 'acc1' });
    org.window('pa', 'call', 1, '10:00', '11:00', 4);
    org.person('pd', 'r1', { account: 'acc1' });
    org.window('pd', 'call', 1, '10:15', '10:45', 3);
    // A lead at the same company, typed differently, with another rep: clashes with both.
    org.person('pb', 'r2', { company: ' acme  GMBH', zone: 'Europe/London' });
    org.window('pb', 'call', 1, '09:30', '10:30', 4, 'Europe/London');
    // Later the same day: no overlap. Another channel: no clash. Skipped: not going to happen.
    org.person('pc', 'r3', { company: 'Acme GmbH' });
    org.window('pc', 'call', 1, '12:00', '13:00', 4);
    org.person('pe', 'r2', { company: 'Acme GmbH' });
    org.window('pe', 'email', 1, '10:00', '11:00', 4);
    org.person('pf', 'r3', { company: 'Acme GmbH' });
    org.window('pf', 'call', 1, '10:00', '11:00', 4);
    org.mark('r3', 'pf', 'call', '2026-11-23', 'skipped');

    const clashes = day('d', '2026-11-23T08:00').clashes;
    expect(
      clashes.map((c) => ({
        ...c,
        start: DateTime.fromMillis(c.start, { zone: 'Europe/Berlin' }).toFormat('HH:mm'),
        end: DateTime.fromMillis(c.end, { zone: 'Europe/Berlin' }).toFormat('HH:mm'),
      })),
    ).toEqual([
      {
        account: 'Acme GmbH',
        channel: 'call',
        people: [
          { personId: 'pd', name: 'P pd', repId: 'r1' },
          { personId: 'pb', name: 'P pb', repId: 'r2' },
        ],
        start: '10:30',
        end: '10:45',
      },
      {
        account: 'Acme GmbH',
        channel: 'call',
        people: [
          { personId: 'pa', name: 'P pa', repId: 'r1' },
          { personId: 'pb', name: 'P pb', repId: 'r2' },
        ],
        start: '10:30',
        end: '11:00',
      },
    ]);
  });

  it('finds clashes between any windows the lanes draw, not only those the rows show, and none in a window set aside', () => {
    org.account('acc2', 'Birch AG', 'r1');
    // Rita's and Leo's people at one account, each with a morning and an afternoon window.
    org.person('ma', 'r1', { account: 'acc2' });
    org.window('ma', 'call', 1, '09:00', '10:00', 4);
    org.window('ma', 'call', 1, '15:00', '16:00', 3);
    org.person('mb', 'r2', { company: 'Birch AG' });
    org.window('mb', 'call', 1, '09:30', '10:30', 4);
    org.window('mb', 'call', 1, '12:00', '13:00', 2);
    org.window('mb', 'call', 1, '15:30', '16:30', 3);
    // Nora's person there too, skipped at the start of the day: none of her windows will be worked.
    org.person('mc', 'r3', { company: 'Birch AG' });
    org.window('mc', 'call', 1, '09:00', '10:00', 4);
    org.window('mc', 'call', 1, '15:00', '16:00', 4);
    org.mark('r3', 'mc', 'call', '2026-11-23', 'skipped');
    const found = (nowBerlin: string) =>
      day('d', nowBerlin).clashes.map((c) => [
        c.people.map((p) => p.personId).join('+'),
        spanAt(c.start),
        spanAt(c.end),
      ]);
    const shownAt = (nowBerlin: string) =>
      day('d', nowBerlin)
        .reps.flatMap((r) => r.rows)
        .filter((r) => r.personId !== 'mc')
        .map((r) => `${r.personId} ${spanAt(r.start ?? 0)}`)
        .sort();
    const both = [
      ['ma+mb', '09:30', '10:00'],
      ['ma+mb', '15:30', '16:00'],
    ];
    // At 07:00 the rows show the morning's windows; the afternoon's are drawn, and meet too.
    expect(shownAt('2026-11-23T07:00')).toEqual(['ma 09:00', 'mb 09:30']);
    expect(found('2026-11-23T07:00')).toEqual(both);
    // At 20:00 the rows show the afternoon's, ended last; the morning's are drawn, and met.
    expect(shownAt('2026-11-23T20:00')).toEqual(['ma 15:00', 'mb 15:30']);
    expect(found('2026-11-23T20:00')).toEqual(both);
    // Whichever windows the rows show in between, the day's clashes are the same.
    for (const now of ['2026-11-23T11:00', '2026-11-23T14:00']) expect(found(now)).toEqual(both);
  });

  it('finds clashes only among windows the coverage expects worked: none under 2★, none on a channel the rep does not work', () => {
    org.account('acc3', 'Cedar AG', 'r1');
    org.person('qa', 'r1', { account: 'acc3' });
    org.person('qb', 'r2', { company: 'Cedar AG' });
    // 10:00: Leo's window is under 2★, folded into "Low confidence": nobody plans to call then.
    org.window('qa', 'call', 1, '10:00', '11:00', 4);
    org.window('qb', 'call', 1, '10:00', '11:00', 1);
    // 12:00: e-mail windows of both, but Leo logged calls and no e-mail in four weeks: his
    // e-mail windows are drawn, not counted, and clash with no one.
    org.window('qa', 'email', 1, '12:00', '13:00', 4);
    org.window('qb', 'email', 1, '12:00', '13:00', 4);
    org.person('old', 'r2');
    org.activity('old', 'r2', 'call', '2026-11-16T10:00');
    // 15:00: two calls of 3★ planned at Cedar AG at once: the one clash of the day.
    org.window('qa', 'call', 1, '15:00', '16:00', 3);
    org.window('qb', 'call', 1, '15:00', '16:00', 3);
    const schedule = day('d', '2026-11-23T08:00');
    expect(schedule.reps.find((r) => r.rep.id === 'r2')?.inUse).toEqual({
      call: true,
      email: false,
    });
    expect(
      schedule.clashes.map((c) => [
        c.channel,
        c.people.map((p) => p.personId).join('+'),
        spanAt(c.start),
        spanAt(c.end),
      ]),
    ).toEqual([['call', 'qa+qb', '15:00', '16:00']]);
  });

  it('finds the same person planned by two reps (a shared contact)', () => {
    const w = (repId: string, start: number, end: number) => ({
      repId,
      personId: 'p',
      name: 'Pat',
      channel: 'call' as const,
      group: -1,
      shared: true,
      start,
      end,
    });
    expect(findClashes([w('r1', 0, 10), w('r2', 5, 20), w('r1', 30, 40)], [])).toEqual([
      {
        account: null,
        channel: 'call',
        people: [
          { personId: 'p', name: 'Pat', repId: 'r1' },
          { personId: 'p', name: 'Pat', repId: 'r2' },
        ],
        start: 5,
        end: 10,
      },
    ]);
    // Touching windows (one ends as the other starts) do not overlap.
    expect(findClashes([w('r1', 0, 10), w('r2', 10, 20)], [])).toEqual([]);
  });

  it('names two people once over a stretch, though one of them has two windows in it', () => {
    const w = (repId: string, personId: string, start: number, end: number) => ({
      repId,
      personId,
      name: personId,
      channel: 'call' as const,
      group: 0,
      shared: false,
      start,
      end,
    });
    // Mason's 14:00-15:00 and 15:00-16:00 (an ended window and his next) against Chloe's
    // 14:00-16:00: one clash, 14:00-16:00; a later one of theirs stays its own.
    const clashes = findClashes(
      [
        w('r1', 'mason', 14, 15),
        w('r1', 'mason', 15, 16),
        w('r2', 'chloe', 14, 16),
        w('r1', 'mason', 18, 19),
        w('r2', 'chloe', 18, 20),
      ],
      ['Summit Systems GmbH'],
    );
    expect(clashes.map((c) => [c.people.map((p) => p.personId).join('+'), c.start, c.end])).toEqual(
      [
        ['mason+chloe', 14, 16],
        ['mason+chloe', 18, 19],
      ],
    );
    expect(clashes[0]?.account).toBe('Summit Systems GmbH');
  });
});

describe('hot contacts not planned, skipped or missed (TM-2)', () => {
  it('lists hot visitors of today with no row, no window today, or only windows missed', () => {
    const hot = (id: string, owner: string | null, score: number, visit = '2026-11-23T09:00') => {
      org.person(id, owner, { score });
      org.visit(id, visit);
    };
    hot('h1', 'r1', 80); // no windows at all: in no plan
    hot('h2', 'r2', 30); // a late-stage deal, windows on Tuesdays only
    org.deal('h2', 'Negotiation/Review');
    org.window('h2', 'call', 2, '10:00', '11:00', 4, 'Europe/London');
    hot('h3', 'r1', 90); // a window still to come: planned
    org.window('h3', 'call', 1, '16:00', '17:00', 4);
    hot('h4', 'r1', 90, '2026-11-23T11:30'); // the window passed without a call
    org.window('h4', 'call', 1, '09:00', '10:00', 4);
    hot('h5', 'r9', 95); // another manager's line
    hot('h6', null, 70); // owned by no one
    hot('h7', 'r1', 20); // lukewarm: an early deal, a low score
    org.deal('h7', 'Qualification');
    hot('h8', 'r1', 80, '2026-11-22T18:00'); // on the website yesterday
    hot('h9', 'r1', 85); // the window passed, but it was worked
    org.window('h9', 'call', 1, '09:00', '10:00', 4);
    org.activity('h9', 'r1', 'call', '2026-11-23T09:20');
    hot('h10', 'r1', 20); // a late-stage deal, and a newer early one for something else
    org.deal('h10', 'Proposal/Price Quote', 'open', 1);
    org.deal('h10', 'Qualification', 'open', 2);

    const listed = day('d', '2026-11-23T15:00').unplannedHot;
    expect(listed.map((h) => [h.personId, h.ownerId, h.why])).toEqual([
      [
        'h4',
        'r1',
        "On the website at 11:30, visitor score 90; Rita Rep's window ended at 10:00 without a call",
      ],
      ['h1', 'r1', 'On the website at 09:00, visitor score 80; in no rep’s plan today'],
      ['h6', null, 'On the website at 09:00, visitor score 70; owned by no one, in no plan'],
      [
        'h2',
        'r2',
        "On the website at 09:00, open deal at Negotiation/Review; in Leo London's day with no window today",
      ],
      [
        'h10',
        'r1',
        'On the website at 09:00, open deal at Proposal/Price Quote; in no rep’s plan today',
      ],
    ]);
    // An admin's team is everyone: the other line's hot visitor is theirs to plan too.
    expect(day('admin', '2026-11-23T15:00').unplannedHot.map((h) => h.personId)).toContain('h5');
    // Planned or not, the hot visitors of the day so far the team could plan (not h5, h7, h8).
    expect(day('d', '2026-11-23T15:00').hotVisitors).toBe(7);
    // The same Monday looked at again on Tuesday: "that day", not "today".
    const monday = day('d', '2026-11-24T09:00', '2026-11-23').unplannedHot;
    expect(monday.find((h) => h.personId === 'h1')?.why).toBe(
      'On the website at 09:00, visitor score 80; in no rep’s plan that day',
    );
    expect(monday.find((h) => h.personId === 'h2')?.why).toBe(
      "On the website at 09:00, open deal at Negotiation/Review; in Leo London's day with no window that day",
    );
    // A visit later than now has not happened yet.
    expect(day('d', '2026-11-23T08:00').unplannedHot).toEqual([]);
    expect(day('d', '2026-11-23T08:00').hotVisitors).toBe(0);
  });
  it('says a missed window passed without what its channel takes: an email window without an email', () => {
    org.person('e1', 'r1', { score: 80 });
    org.visit('e1', '2026-11-23T09:00');
    org.window('e1', 'email', 1, '08:00', '09:00', 4);
    org.person('e2', 'r1', { score: 70 });
    org.visit('e2', '2026-11-23T09:00');
    org.window('e2', 'email', 1, '08:00', '09:00', 4);
    org.window('e2', 'call', 1, '10:00', '11:00', 4);
    const why = (id: string) =>
      day('d', '2026-11-23T15:00').unplannedHot.find((h) => h.personId === id)?.why;
    expect(why('e1')).toBe(
      "On the website at 09:00, visitor score 80; Rita Rep's window ended at 09:00 without an email",
    );
    expect(why('e2')).toBe(
      "On the website at 09:00, visitor score 70; Rita Rep's windows ended, the last at 11:00, without a call or an email",
    );
  });

  it('still lists the hot visitors of a rep who left the team, named as no longer active', () => {
    // Zoho deactivates a rep who leaves; their leads stay theirs until someone hands them on.
    org.person('left', 'r2', { score: 90, name: ['Kenji', 'Lee'] });
    org.visit('left', '2026-11-23T09:00');
    org.person('mine', 'r1');
    org.person('other', 'r9', { score: 95 }); // another line's rep, also gone: not this team's
    org.visit('other', '2026-11-23T09:00');
    org.deactivate('r2');
    org.deactivate('r9');
    views.invalidate({ records: true });
    const s = day('m1', '2026-11-23T15:00');
    expect(s.reps.map((r) => r.rep.id)).toEqual(['r1']);
    expect(s.hotVisitors).toBe(1);
    expect(s.unplannedHot.map((h) => [h.personId, h.ownerId, h.ownerName, h.why])).toEqual([
      [
        'left',
        'r2',
        'Leo London',
        'On the website at 09:00, visitor score 90; owned by Leo London, who is no longer active, in no plan',
      ],
    ]);
    // Two levels up, the director sees them too.
    expect(day('d', '2026-11-23T15:00').unplannedHot.map((h) => h.personId)).toEqual(['left']);
  });

  it("names the day of a missed window that ended on the manager's day before, across a DST change", () => {
    // A rep in Tokyo: her day starts at 16:00 or 17:00 the evening before in Berlin.
    rawHandle(org.db)
      .prepare(
        "insert into users (id, name, email, role, manager_id, team, time_zone) values ('r4', 'Yui Mori', 'r4@team.example', 'rep', 'm1', 'Asia', 'Asia/Tokyo')",
      )
      .run();
    org.person('h1', 'r4', { zone: 'Asia/Tokyo', score: 51, name: ['Lena', 'Thomas'] });
    org.window('h1', 'call', 2, '00:00', '02:00', 4, 'Asia/Tokyo'); // Tuesdays, just after midnight
    const why = (now: string, date?: string) =>
      day('d', now, date).unplannedHot.find((h) => h.personId === 'h1')?.why;
    const listed = (visit: string, now: string) => {
      org.visit('h1', visit);
      views.invalidate({ records: true });
      return why(now);
    };
    // Berlin on summer time (UTC+2): Tokyo's Tuesday began at 17:00 on Monday.
    expect(listed('2026-10-20T09:53', '2026-10-20T10:28')).toBe(
      "On the website at 09:53, visitor score 51; Yui Mori's window ended Mon 19:00 without a call",
    );
    // After the clocks went back on 25 October (UTC+1): at 16:00.
    expect(listed('2026-10-27T09:53', '2026-10-27T10:28')).toBe(
      "On the website at 09:53, visitor score 51; Yui Mori's window ended Mon 18:00 without a call",
    );
    // The walkthrough's Tuesday.
    expect(listed('2026-11-24T09:53', '2026-11-24T10:28')).toBe(
      "On the website at 09:53, visitor score 51; Yui Mori's window ended Mon 18:00 without a call",
    );
  });
});

describe('a lane with no window says why (TM-1)', () => {
  it('names a day off, a rep who owns no one, and a rep whose people have no window that day', () => {
    org.person('p1', 'r1');
    org.window('p1', 'call', 2, '09:00', '10:00', 4); // Tuesdays only
    org.person('p2', 'r2', { zone: 'Europe/London' });
    org.window('p2', 'call', 1, '09:00', '10:00', 4, 'Europe/London');
    const empty = (nowBerlin: string, date?: string) =>
      teamDayView(day('d', nowBerlin, date)).reps.map((r) => [r.repId, r.empty]);
    // Monday: Rita's person has no window, Leo's has, Nora owns no one.
    expect(empty('2026-11-23T08:00')).toEqual([
      ['r3', 'no-people'],
      ['r2', null],
      ['r1', 'no-windows'],
    ]);
    // Sunday, the organisation closed: a day off for everyone, whatever they own.
    expect(empty('2026-11-23T08:00', '2026-11-22')).toEqual([
      ['r3', 'closed'],
      ['r2', 'closed'],
      ['r1', 'closed'],
    ]);
  });
});

describe("a rep's working hours: where their planner holds their windows (TM-1)", () => {
  const repLane = (s: ReturnType<typeof day>, id: string) => {
    const found = s.reps.find((r) => r.rep.id === id);
    if (!found) throw new Error(`no lane ${id}`);
    return found;
  };
  /** Each timed row's window, and whether the lane's working hours hold it whole. */
  const rowsHeld = (lane: ReturnType<typeof repLane>) =>
    lane.rows
      .filter((r) => r.start !== null && r.end !== null)
      .map((r) => [
        r.personId,
        lane.workingHours.some(([s, e]) => s <= (r.start ?? 0) && (r.end ?? 0) <= e),
      ]);

  it("shades a rep who works no shift the organisation's hours, the hours their windows keep to", () => {
    // London's 07:00 is Berlin's 08:00, when the organisation opens: both windows lie outside a
    // 09:00–17:00 day, which is how the page shaded a rep in no shift before.
    org.person('lon', 'r2', { zone: 'Europe/London' });
    org.window('lon', 'call', 1, '07:00', '08:00', 4, 'Europe/London');
    org.person('late', 'r1');
    org.window('late', 'call', 1, '20:00', '21:00', 4);
    const s = day('d', '2026-11-23T07:00');
    const open = [[berlin('2026-11-23T08:00'), berlin('2026-11-23T22:00')]];
    for (const id of ['r1', 'r2', 'r3']) expect(repLane(s, id).workingHours).toEqual(open);
    expect(rowsHeld(repLane(s, 'r2'))).toEqual([['lon', true]]);
    expect(rowsHeld(repLane(s, 'r1'))).toEqual([['late', true]]);
    // The hour the organisation opens has its window and everyone working.
    expect(hour(s, '08:00')[0]).toMatchObject({ windowsOpen: 1, repsWorking: 3 });
  });

  it('counts a rep in no shift as working all day when the organisation has no hours stored, as their planner then holds windows to none', () => {
    // Zoho answered no business hours (a set-up not finished): the planner suggests at any hour.
    rawHandle(org.db).prepare("update organisation set business_hours = ''").run();
    org.person('night', 'r1');
    org.window('night', 'call', 1, '05:00', '06:00', 4);
    const rita = repLane(day('d', '2026-11-23T04:00'), 'r1');
    expect(rita.workingHours).toEqual([[berlin('2026-11-23T00:00'), berlin('2026-11-24T00:00')]]);
    expect(rowsHeld(rita)).toEqual([['night', true]]);
  });

  it("keeps a New York rep in no shift to Berlin's hours in the week the clocks of the two differ", () => {
    const ny = (iso: string) => DateTime.fromISO(iso, { zone: 'America/New_York' }).toMillis();
    org.person('early', 'r3', { zone: 'America/New_York' });
    org.window('early', 'call', 1, '02:30', '03:30', 4, 'America/New_York');
    const nora = (nowBerlin: string) => repLane(day('d', nowBerlin), 'r3');
    // 26 October: Berlin on winter time, New York still on summer time, 5 hours apart: Berlin's
    // 08:00 is 03:00 there, and the window keeps its half hour after it.
    const split = nora('2026-10-26T07:00');
    expect(split.workingHours).toEqual([[ny('2026-10-26T03:00'), ny('2026-10-26T17:00')]]);
    expect(split.rows.map((r) => [r.start, r.end])).toEqual([
      [ny('2026-10-26T03:00'), ny('2026-10-26T03:30')],
    ]);
    // 2 November, both on winter time, 6 hours apart: 02:00 to 16:00, the whole window in them.
    const together = nora('2026-11-02T07:00');
    expect(together.workingHours).toEqual([[ny('2026-11-02T02:00'), ny('2026-11-02T16:00')]]);
    expect(rowsHeld(together)).toEqual([['early', true]]);
    expect(rowsHeld(split)).toEqual([['early', true]]);
  });
});

describe('coverage by hour (TM-3)', () => {
  it("counts windows open against reps working, hour by hour of the manager's day", () => {
    org.person('q1', 'r1');
    org.window('q1', 'call', 1, '09:00', '11:00', 4);
    org.person('q3', 'r3', { zone: 'America/New_York' });
    org.window('q3', 'call', 1, '09:00', '10:00', 4, 'America/New_York');
    org.person('q4', 'r1');
    org.window('q4', 'email', 1, '08:00', '09:00', 3);
    const s = day('d', '2026-11-23T12:00');
    expect(s.byHour).toHaveLength(24);
    const at = (label: string) => {
      const [h] = hour(s, label);
      return [h?.windowsOpen, h?.repsWorking];
    };
    // Rita, Leo (London) and Nora (New York) work in no shift: all three the organisation's
    // 08:00–22:00 Berlin, where their planners put their windows.
    expect(at('07:00')).toEqual([0, 0]);
    expect(at('08:00')).toEqual([1, 3]);
    expect(at('10:00')).toEqual([1, 3]);
    expect(at('11:00')).toEqual([0, 3]);
    expect(at('15:00')).toEqual([1, 3]); // q3's 09:00 New York
    expect(at('21:00')).toEqual([0, 3]);
    expect(at('22:00')).toEqual([0, 0]);
  });

  it('counts every window of the day, not only the one each row shows, whatever the hour it is looked at', () => {
    // Two windows of one person: the row shows one of them at a time, the lane draws both.
    org.person('two', 'r1');
    org.window('two', 'call', 1, '09:00', '10:00', 4);
    org.window('two', 'call', 1, '14:00', '15:00', 3);
    org.person('one', 'r2', { zone: 'Europe/London' });
    org.window('one', 'email', 1, '13:00', '14:00', 2, 'Europe/London');
    for (const now of ['2026-11-23T08:00', '2026-11-23T12:00', '2026-11-23T16:00']) {
      const s = day('d', now);
      const open = (label: string) => hour(s, label)[0]?.windowsOpen;
      expect([open('09:00'), open('13:00'), open('14:00'), open('15:00')]).toEqual([1, 0, 2, 0]);
      // As many as the lanes draw in that hour.
      const view = teamDayView(s);
      const drawn = (label: string) => {
        const start = hour(s, label)[0]?.start ?? 0;
        const h = Math.round((start - view.axis.from) / 3_600_000);
        return view.reps.reduce((n, r) => n + (r.density[h] ?? 0), 0);
      };
      expect([drawn('09:00'), drawn('14:00')]).toEqual([1, 2]);
    }
  });
});

describe('across a daylight-saving change', () => {
  beforeEach(() => {
    org.person('ny', 'r3', { zone: 'America/New_York' });
    org.window('ny', 'call', 1, '09:00', '10:00', 4, 'America/New_York');
  });

  it('gives the autumn night its 25 hours, the repeated one twice', () => {
    const sunday = day('d', '2026-10-25T12:00', '2026-10-25');
    expect(sunday.byHour).toHaveLength(25);
    expect(sunday.byHour.slice(0, 5).map((h) => h.hour)).toEqual([
      '00:00',
      '01:00',
      '02:00',
      '02:00',
      '03:00',
    ]);
    expect(day('d', '2026-03-29T12:00', '2026-03-29').byHour).toHaveLength(23);
  });

  it('gives a day whose midnight is skipped (Santiago) its 23 hours, and the next day its own midnight', () => {
    rawHandle(org.db)
      .prepare("update users set time_zone = 'America/Santiago' where id = 'm2'")
      .run();
    views.invalidate({ records: true });
    const santiago = (iso: string) => ({
      ...context('2026-09-06T12:00'),
      now: DateTime.fromISO(iso, { zone: 'America/Santiago' }).toMillis(),
    });
    // 6 September 2026: Santiago's clocks go from 00:00 straight to 01:00.
    const sunday = views.schedule(org.user('m2'), santiago('2026-09-06T12:00'), {
      date: '2026-09-06',
    });
    expect(sunday.byHour).toHaveLength(23);
    expect([sunday.byHour[0]?.hour, sunday.byHour.at(-1)?.hour]).toEqual(['01:00', '23:00']);
    // Half past midnight on the Monday is the Monday, though the Sunday was asked for first.
    const monday = views.schedule(org.user('m2'), santiago('2026-09-07T00:30'), {});
    expect(monday.date).toBe('2026-09-07');
    expect(monday.byHour).toHaveLength(24);
  });

  it("moves a New York rep's windows by an hour in the week Europe changed first, her hours Berlin's", () => {
    // 26 October: Berlin is on winter time, New York still on summer time (until 1 November).
    const before = day('d', '2026-10-26T08:00');
    const after = day('d', '2026-11-02T08:00');
    const working = (s: typeof before, label: string) => hour(s, label)[0]?.repsWorking;
    const open = (s: typeof before, label: string) => hour(s, label)[0]?.windowsOpen;
    // Nora works the organisation's Berlin hours (no shift), so everyone works 08:00–22:00 here
    // either way; her 09:00 New York window is 14:00 here in that week, 15:00 after it.
    expect([working(before, '08:00'), working(before, '21:00'), working(before, '22:00')]).toEqual([
      3, 3, 0,
    ]);
    expect([working(before, '14:00'), open(before, '14:00'), open(before, '15:00')]).toEqual([
      3, 1, 0,
    ]);
    expect([working(after, '14:00'), open(after, '14:00'), open(after, '15:00')]).toEqual([
      3, 0, 1,
    ]);
  });
});

describe('exports (TM-2)', () => {
  beforeEach(() => {
    org.person('p1', 'r1');
    org.window('p1', 'call', 1, '09:00', '10:00', 4);
    org.window('p1', 'email', 1, '20:00', '21:00', 3);
    org.person('bad', 'r1', { name: [null, '=HYPERLINK("x")'] });
    org.window('bad', 'call', 2, '09:00', '10:00', 4);
    org.person('ny', 'r3', { zone: 'America/New_York' });
    org.window('ny', 'call', 1, '09:00', '10:00', 5, 'America/New_York');
  });

  it('writes the CSV a spreadsheet opens: the windows the page shows, each in its state, no formula run', async () => {
    // On Monday: a formula for a name, a window worked now, a half-star window that passed.
    org.window('bad', 'call', 1, '16:00', '17:00', 2);
    org.person('w', 'r1');
    org.window('w', 'call', 1, '11:30', '12:30', 4);
    org.activity('w', 'r1', 'call', '2026-11-23T11:45');
    org.person('low', 'r1');
    org.window('low', 'call', 1, '10:00', '11:00', 1);
    const lines = async (options: Omit<Parameters<TeamViews['export']>[2], 'format'> = {}) => {
      const csv = await views.export(org.user('d'), context('2026-11-23T12:00'), {
        format: 'csv',
        ...options,
      });
      return csv.content.split('\r\n');
    };
    const csv = await views.export(org.user('d'), context('2026-11-23T12:00'), { format: 'csv' });
    expect(csv.fileName).toBe('team-2026-11-23.csv');
    // The team's windows in the order they open, in the state the board reads at 12:00: Rita's
    // 11:30 call, worked at 11:45, is "worked", not the planner's "now"; her 09:00 call "missed".
    // Every time is in the manager's zone, the one the page shows (New York's 09:00 is 15:00).
    expect(await lines()).toEqual([
      'rep,person,channel,state,start,end,stars,time_zone,start_utc,end_utc',
      'Rita Rep,P p1,call,missed,2026-11-23T09:00:00+01:00,2026-11-23T10:00:00+01:00,4,Europe/Berlin,2026-11-23T08:00:00Z,2026-11-23T09:00:00Z',
      'Rita Rep,P low,call,passed,2026-11-23T10:00:00+01:00,2026-11-23T11:00:00+01:00,1,Europe/Berlin,2026-11-23T09:00:00Z,2026-11-23T10:00:00Z',
      'Rita Rep,P w,call,worked,2026-11-23T11:30:00+01:00,2026-11-23T12:30:00+01:00,4,Europe/Berlin,2026-11-23T10:30:00Z,2026-11-23T11:30:00Z',
      'Nora Rep,P ny,call,upcoming,2026-11-23T15:00:00+01:00,2026-11-23T16:00:00+01:00,5,Europe/Berlin,2026-11-23T14:00:00Z,2026-11-23T15:00:00Z',
      `Rita Rep,"'=HYPERLINK(""x"")",call,upcoming,2026-11-23T16:00:00+01:00,2026-11-23T17:00:00+01:00,2,Europe/Berlin,2026-11-23T15:00:00Z,2026-11-23T16:00:00Z`,
      'Rita Rep,P p1,email,upcoming,2026-11-23T20:00:00+01:00,2026-11-23T21:00:00+01:00,3,Europe/Berlin,2026-11-23T19:00:00Z,2026-11-23T20:00:00Z',
      '',
    ]);
    // The page's filters: a channel, stars, passed windows hidden, one rep.
    expect(await lines({ channel: 'email' })).toHaveLength(3);
    expect((await lines({ minStars: 3 })).map((l) => l.split(',')[1])).toEqual([
      'person',
      'P p1',
      'P w',
      'P ny',
      'P p1',
      undefined,
    ]);
    expect((await lines({ hidePassed: true })).some((l) => l.includes('P low'))).toBe(false);
    const one = await views.export(org.user('d'), context('2026-11-23T12:00'), {
      format: 'csv',
      repId: 'r3',
    });
    expect(one.fileName).toBe('nora-rep-2026-11-23.csv');
    expect(one.content.trim().split('\r\n')).toHaveLength(2);
  });

  it('writes a calendar of the windows still to work, in UTC, with a UID a re-export keeps', async () => {
    const parse = (ics: string) =>
      new ICAL.Component(ICAL.parse(ics))
        .getAllSubcomponents('vevent')
        .map((c) => new ICAL.Event(c))
        .map((e) => ({
          uid: e.uid,
          summary: e.summary,
          start: e.startDate.toJSDate().getTime(),
          end: e.endDate.toJSDate().getTime(),
          utc: e.startDate.zone?.tzid === 'UTC',
        }))
        .sort((a, b) => a.start - b.start);
    const exported = async (nowBerlin: string) =>
      parse((await views.export(org.user('d'), context(nowBerlin), { format: 'ics' })).content);
    const first = await views.export(org.user('d'), context('2026-11-23T08:00'), { format: 'ics' });
    expect(first.mimeType).toBe('text/calendar');
    const ny = {
      uid: eventUid('r3', '2026-11-23', 'ny', 'call'),
      summary: 'Nora Rep: Call P ny',
      start: Date.UTC(2026, 10, 23, 14),
      end: Date.UTC(2026, 10, 23, 15),
      utc: true,
    };
    const email = {
      uid: eventUid('r1', '2026-11-23', 'p1', 'email'),
      summary: 'Rita Rep: Email P p1',
      start: berlin('2026-11-23T20:00'),
      end: berlin('2026-11-23T21:00'),
      utc: true,
    };
    expect(parse(first.content)).toEqual([
      {
        uid: eventUid('r1', '2026-11-23', 'p1', 'call'),
        summary: 'Rita Rep: Call P p1',
        start: berlin('2026-11-23T09:00'),
        end: berlin('2026-11-23T10:00'),
        utc: true,
      },
      ny,
      email,
    ]);
    // At noon the 09:00 call window is over (missed): it is no longer one to work.
    expect(await exported('2026-11-23T12:00')).toEqual([ny, email]);
    // A second call window of p1's, worked by a call in it: not to work either; a third, to come,
    // is, with the UID of its place among p1's windows that day (a row or not).
    org.window('p1', 'call', 1, '11:00', '12:00', 5);
    org.window('p1', 'call', 1, '17:00', '18:00', 3);
    org.activity('p1', 'r1', 'call', '2026-11-23T10:55', { outcome: 'no_answer', durationS: 30 });
    views.invalidate({ records: true });
    const later = await exported('2026-11-23T12:00');
    expect(later.map((e) => e.uid)).toEqual([
      ny.uid,
      eventUid('r1', '2026-11-23', 'p1', 'call', 3),
      email.uid,
    ]);
    // The same export again: the same events, nothing doubled.
    expect(await exported('2026-11-23T12:00')).toEqual(later);
  });

  it('names the calendar after a rep whose name holds a comma, a semicolon or a line break, and the file still reads', async () => {
    rawHandle(org.db)
      .prepare(`update users set name = ? where id = 'r3'`)
      .run('Rep, Nora; NY\nDesk');
    views.invalidate({ records: true });
    const ics = await views.export(org.user('m2'), context('2026-11-23T08:00'), {
      format: 'ics',
      repId: 'r3',
    });
    // Unfolded, each name is one escaped line (RFC 5545 TEXT); nothing of it starts a line.
    const lines = ics.content.replace(/\r\n[ \t]/g, '').split('\r\n');
    for (const property of ['NAME', 'X-WR-CALNAME'])
      expect(lines).toContain(`${property}:Rep\\, Nora\\; NY\\nDesk: plan for 2026-11-23`);
    expect(lines.filter((l) => l.startsWith('Desk'))).toEqual([]);
    const calendar = new ICAL.Component(ICAL.parse(ics.content));
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
  });

  it('says which zone it does not know, not that a date is wrong', () => {
    expect(() => zoneDay('GMT+05:30', berlin('2026-11-23T08:00'), undefined)).toThrow(
      'Unknown time zone "GMT+05:30"',
    );
  });

  it('raises the sequence of an event on each later export, so a calendar takes the new times', async () => {
    const sequenceAt = async (nowBerlin: string) => {
      const ics = await views.export(org.user('m1'), context(nowBerlin), { format: 'ics' });
      const events = new ICAL.Component(ICAL.parse(ics.content)).getAllSubcomponents('vevent');
      const call = events
        .map((c) => new ICAL.Event(c))
        .find((e) => e.uid === eventUid('r1', '2026-11-23', 'p1', 'call'));
      return call?.sequence ?? -1;
    };
    const early = await sequenceAt('2026-11-23T08:00');
    const late = await sequenceAt('2026-11-23T08:05');
    expect(late).toBeGreaterThan(early);
  });

  it('places a New York window in UTC on each side of the American change', async () => {
    const startOf = async (date: string) => {
      const ics = await views.export(org.user('m2'), context(`${date}T08:00`), {
        format: 'ics',
        repId: 'r3',
      });
      const events = new ICAL.Component(ICAL.parse(ics.content)).getAllSubcomponents('vevent');
      expect(events).toHaveLength(1);
      const event = new ICAL.Event(events[0]);
      expect(event.summary).toBe('Call P ny');
      return event.startDate.toJSDate().toISOString();
    };
    expect(await startOf('2026-10-26')).toBe('2026-10-26T13:00:00.000Z'); // 09:00 EDT
    expect(await startOf('2026-11-02')).toBe('2026-11-02T14:00:00.000Z'); // 09:00 EST
  });

  it('refuses to export someone off the team', async () => {
    await expect(
      views.export(org.user('m1'), context('2026-11-23T12:00'), { format: 'csv', repId: 'r3' }),
    ).rejects.toThrow(/no one with id r3 on their team/);
  });
});

describe('an unanswered attempt on the Team page (TM-1, TM-2)', () => {
  /** Rita's blocks at `nowBerlin`, each "person HH:mm: state", and her coverage. */
  const board = (nowBerlin: string) => {
    const now = berlin(nowBerlin);
    const rita = teamDayView(day('d', nowBerlin)).reps.find((r) => r.repId === 'r1');
    return {
      coverage: rita?.coverage,
      blocks: rita?.blocks.map(
        (b) => `${b.personId} ${spanAt(b.start)}: ${teamBlockState(b, now)}`,
      ),
    };
  };

  beforeEach(() => {
    // Tried in the morning window, not reached: the afternoon is where to try again.
    org.person('tried', 'r1');
    org.window('tried', 'call', 1, '09:00', '10:00', 4);
    org.window('tried', 'call', 1, '12:00', '13:00', 3);
    org.activity('tried', 'r1', 'call', '2026-11-23T09:30', { outcome: 'no_answer', durationS: 0 });
    // Tried before their only window, the line busy: the window is still to work, then missed.
    org.person('early', 'r1');
    org.window('early', 'call', 1, '10:00', '11:00', 4);
    org.activity('early', 'r1', 'call', '2026-11-23T08:15', { outcome: 'busy', durationS: 20 });
    // A wrong number is the end of it for the day: the later window is already worked.
    org.person('wrong', 'r1');
    org.window('wrong', 'call', 1, '09:00', '10:00', 3);
    org.window('wrong', 'call', 1, '12:00', '13:00', 4);
    org.activity('wrong', 'r1', 'call', '2026-11-23T09:20', {
      outcome: 'wrong_number',
      durationS: 10,
    });
  });

  it("leaves the person's later windows open, to come or missed, not already worked", () => {
    expect(board('2026-11-23T11:30')).toEqual({
      coverage: {
        windows: 3,
        goodWindows: 3,
        worked: 2,
        outside: 0,
        missed: 1,
        justEnded: 0,
        booked: 0,
        shareWorked: 2 / 3,
      },
      blocks: [
        'tried 09:00: worked',
        'wrong 09:00: worked',
        'early 10:00: missed',
        'wrong 12:00: already',
        'tried 12:00: upcoming',
      ],
    });
    expect(board('2026-11-23T12:30').blocks).toContain('tried 12:00: now');
  });

  it('counts a person tried before their window as not due yet, as the team command prints it', () => {
    // Before: the 08:15 attempt made Early's 10:00 window "reached outside it", due at 08:30.
    expect(board('2026-11-23T08:30')).toEqual({
      coverage: {
        windows: 3,
        goodWindows: 3,
        worked: 0,
        outside: 0,
        missed: 0,
        justEnded: 0,
        booked: 0,
        shareWorked: 0,
      },
      blocks: [
        'tried 09:00: upcoming',
        'wrong 09:00: upcoming',
        'early 10:00: upcoming',
        'wrong 12:00: upcoming',
        'tried 12:00: upcoming',
      ],
    });
  });
});

describe('a call that began before midnight and ran into the day (TM-2)', () => {
  it('works a 00:00 window with a call from 23:50 to 00:20, the night Berlin turns its clocks back', () => {
    // Any hour is a working one when the organisation has none stored: a window at midnight.
    rawHandle(org.db).prepare("update organisation set business_hours = ''").run();
    org.person('owl', 'r1');
    org.window('owl', 'call', 7, '00:00', '01:00', 4); // Sunday 25 October, 25 hours long
    org.activity('owl', 'r1', 'call', '2026-10-24T23:50', { outcome: 'answered', durationS: 1800 });
    const s = day('d', '2026-10-25T12:00', '2026-10-25');
    const rita = s.reps.find((r) => r.rep.id === 'r1');
    expect(rita?.coverage).toMatchObject({ windows: 1, worked: 1, missed: 0 });
    expect(rita?.worked).toEqual([
      { at: berlin('2026-10-25T00:20'), by: 'logged', inWindow: true },
    ]);
  });
});

describe('calls booked on the Team page, whatever else is scheduled first (TM-2)', () => {
  it('counts a call booked in the 14:00-15:00 window of a contact with an open task due today', () => {
    org.person('b1', 'r1');
    org.window('b1', 'call', 1, '14:00', '15:00', 4);
    // A Zoho task due this morning: still open, so it stays the row's next scheduled item.
    org.scheduled('b1', 'r1', 'task', '2026-11-23T09:00');
    bookCall(
      org.db,
      'r1',
      { personId: 'b1', at: berlin('2026-11-23T14:00') },
      berlin('2026-11-23T12:00'),
    );
    const rita = lane('d', '2026-11-23T12:00', 'r1');
    // The task stays the row's (its button marks it done), naming the call booked after it.
    expect(rita?.rows.find((r) => r.personId === 'b1')?.next).toMatchObject({
      kind: 'task',
      callAt: berlin('2026-11-23T14:00'),
    });
    expect(rita?.coverage.booked).toBe(1);
    // Once the call's time has passed, it is no longer named as still to come.
    const later = lane('d', '2026-11-23T14:05', 'r1');
    expect(later?.rows.find((r) => r.personId === 'b1')?.next?.callAt).toBeUndefined();
  });

  it('names the booking Zoho refused beside an open task as refused, not as a call booked', () => {
    org.person('b2', 'r1');
    org.window('b2', 'call', 1, '14:00', '15:00', 4);
    org.scheduled('b2', 'r1', 'task', '2026-11-23T09:00');
    bookCall(
      org.db,
      'r1',
      { personId: 'b2', at: berlin('2026-11-23T14:00') },
      berlin('2026-11-23T12:00'),
    );
    // The sync sent it and Zoho said no (a mandatory field): it waits in Settings, not in Zoho.
    // (This copy has no CRM, so the booking was kept as sent: it is made a waiting refusal.)
    rawHandle(org.db)
      .prepare(
        `update outbox set pushed_at = null, refused_at = ?, last_error = 'MANDATORY_NOT_FOUND'
          where kind = 'call'`,
      )
      .run(berlin('2026-11-23T12:30'));
    const rita = lane('d', '2026-11-23T12:40', 'r1');
    const next = rita?.rows.find((r) => r.personId === 'b2')?.next;
    // The side line then reads "booking at 14:00 refused by Zoho" beside the task (PlanRow).
    expect(next).toMatchObject({
      kind: 'task',
      callAt: berlin('2026-11-23T14:00'),
      callRefused: true,
    });
    expect(rita?.coverage.booked).toBe(0);
  });

  it('plans a hot visitor with a call later that day on the page, and leaves the team command as it was', () => {
    org.person('hb', 'r1', { score: 90 });
    org.visit('hb', '2026-11-23T09:00');
    org.window('hb', 'call', 1, '09:00', '10:00', 4); // passed without a call
    org.scheduled('hb', 'r1', 'task', '2026-11-23T09:30');
    org.scheduled('hb', 'r1', 'call', '2026-11-23T16:00');
    const listed = (callsPlanHot?: boolean) =>
      views
        .schedule(
          org.user('d'),
          context('2026-11-23T15:00'),
          callsPlanHot === undefined ? {} : { callsPlanHot },
        )
        .unplannedHot.map((h) => h.personId);
    expect(listed()).not.toContain('hb');
    // The `team` command's fixed unplanned_hot: the missed window lists them, as before booking.
    expect(listed(false)).toContain('hb');
  });
});
