import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { DEFAULT_SETTINGS } from '../../src/main/settings/settingsStore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { asOfThatDay } from '../../src/main/planner/pastDayReads';
import { berlin, eachTestTeamOrg, type TeamOrg } from '../fixtures/teamOrg';
import type { TeamViews } from '../../src/main/team/teamViews';

// A past day's plan reads as it stood that day (audit49 3) and counts how it was worked as the
// Team page does (audit49 2). Sunday 25 October 2026 is Berlin's 25-hour day: its last hour,
// 23:00–24:00 CET, is past 24 hours after its midnight.

let org: TeamOrg;
let views: TeamViews;
eachTestTeamOrg('cw-past-day-', (env) => ({ org, views } = env));

async function ritaPlan(nowBerlin: string, date?: string) {
  const core = createCore(org.db, () => berlin(nowBerlin));
  await core.handlers.setCurrentUser({ userId: 'r1' });
  return core.handlers.getPlanner(date ? { date } : {});
}

function sundayOfCalls(): void {
  // Any hour is a working one when the organisation has none stored: a Sunday is planned.
  rawHandle(org.db).prepare("update organisation set business_hours = ''").run();
  org.person('ann', 'r1');
  org.window('ann', 'call', 7, '22:00', '23:00', 4);
  org.activity('ann', 'r1', 'call', '2026-10-25T22:30', { outcome: 'answered' });
  // The day's last hour, after the clocks went back: still that day.
  org.activity('ann', 'r1', 'email', '2026-10-25T23:30');
  // The next day's and today's: after the day read.
  org.activity('ann', 'r1', 'call', '2026-10-26T00:30', { outcome: 'answered' });
  org.activity('ann', 'r1', 'call', '2026-10-27T09:00', { outcome: 'no_answer' });
}

describe('a past day’s plan read later (audit49 3)', () => {
  it('gives each row its last touch up to the end of that day, the 25-hour day’s last hour in it', async () => {
    sundayOfCalls();
    // A reason worded as of the window's start, as a kept day's snapshot holds it.
    rawHandle(org.db)
      .prepare('update best_time_windows set windows = ? where person_id = ?')
      .run(
        JSON.stringify([
          [7, 1320, 1380, 4, 'answered 3 calls on Sundays 22:00-23:00; the last one today'],
        ]),
        'ann',
      );
    const plan = await ritaPlan('2026-10-27T10:00', '2026-10-25');
    const row = plan.rows.find((r) => r.personId === 'ann' && r.channel === 'call');
    expect(row).toMatchObject({
      reason: 'answered 3 calls on Sundays 22:00-23:00; the last one that day',
      lastTouch: 'email_out',
      lastTouchAt: berlin('2026-10-25T23:30'),
      reached: { inWindow: true },
    });
  });

  it('keeps that day’s last touch of a person whose owner changed since (review49 4)', async () => {
    sundayOfCalls();
    // Rows as a plan carries them, with today's last touch; Ann then goes to Leo.
    const { rows } = await ritaPlan('2026-10-27T10:00');
    rawHandle(org.db).prepare("update people set owner_id = 'r2' where id = 'ann'").run();
    const sundayEnd = berlin('2026-10-26T00:00');
    const read = asOfThatDay(org.db, rows, sundayEnd, berlin('2026-10-27T10:00'));
    const row = read.find((r) => r.personId === 'ann' && r.channel === 'call');
    expect(row).toMatchObject({ lastTouch: 'email_out', lastTouchAt: berlin('2026-10-25T23:30') });
  });

  it('leaves today’s plan its last touch as of now', async () => {
    sundayOfCalls();
    const plan = await ritaPlan('2026-10-27T10:00');
    expect(plan.dayCoverage).toBeUndefined();
    for (const row of plan.rows.filter((r) => r.personId === 'ann'))
      expect(row).toMatchObject({ lastTouch: 'call_out', lastTouchAt: berlin('2026-10-27T09:02') });
  });
});

describe('a past day’s header and the Team page (audit49 2)', () => {
  it('counts the day’s windows worked as the rep’s Team lane counts them', async () => {
    sundayOfCalls();
    org.person('ben', 'r1');
    org.window('ben', 'call', 7, '10:00', '11:00', 4);
    org.person('cleo', 'r1');
    org.window('cleo', 'call', 7, '14:00', '15:00', 4);
    org.activity('cleo', 'r1', 'call', '2026-10-25T14:10', { outcome: 'no_answer' });
    const plan = await ritaPlan('2026-10-27T10:00', '2026-10-25');
    const lane = views
      .schedule(
        org.user('d'),
        { now: berlin('2026-10-27T10:00'), orgTz: 'Europe/Berlin', settings: DEFAULT_SETTINGS },
        { date: '2026-10-25' },
      )
      .reps.find((r) => r.rep.id === 'r1');
    expect(lane?.coverage).toMatchObject({ windows: 3, worked: 2, missed: 1 });
    expect(plan.dayCoverage).toEqual(lane?.coverage);
  });
});
