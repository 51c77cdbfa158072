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

/**
 * Ann's call windows as a relearn stores them (the evidence, worded when read): Sundays
 * 22:00-23:00, three answered calls, the last at `lastAt` (Berlin).
 */
function learnedCalls(id: string, lastAt: string): void {
  rawHandle(org.db)
    .prepare('update best_time_windows set windows = ? where person_id = ? and channel = ?')
    .run(
      JSON.stringify({
        n: 3,
        s: false,
        z: null,
        b: null,
        w: [[7, 1320, 1380, 4, berlin(lastAt), 'call_answered', 3]],
      }),
      id,
      'call',
    );
}

describe('a past day’s plan read later (audit49 3)', () => {
  it('gives each row its last touch up to the end of that day, the 25-hour day’s last hour in it', async () => {
    sundayOfCalls();
    learnedCalls('ann', '2026-10-25T22:30');
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

describe('a past day’s reasons, worded for the day they are read on', () => {
  it('says “that day” on the Team page as on the planner, and “today” while the day lasts', async () => {
    sundayOfCalls();
    // The last call on the Saturday at 23:30: under a day before the window, but the day before.
    learnedCalls('ann', '2026-10-24T23:30');
    // The Team page's day, as the director's page asks for it.
    const reasonOn = async (now: string) => {
      const core = createCore(org.db, () => berlin(now));
      await core.handlers.setCurrentUser({ userId: 'd' });
      const day = await core.handlers.getTeamDay({ date: '2026-10-25' });
      return day.reps.find((r) => r.repId === 'r1')?.blocks.find((b) => b.reason !== null)?.reason;
    };
    // Sunday 23:59 (the 25-hour day's last minute, after the clocks went back): still today.
    expect(await reasonOn('2026-10-25T23:59')).toBe(
      'answered 3 calls on Sundays 22:00-23:00; the last one yesterday',
    );
    // A minute later, the day is over.
    const over = 'answered 3 calls on Sundays 22:00-23:00; the last one the day before';
    expect(await reasonOn('2026-10-26T00:00')).toBe(over);
    const plan = await ritaPlan('2026-10-26T00:00', '2026-10-25');
    expect(plan.rows.find((r) => r.personId === 'ann')?.reason).toBe(over);
  });

  it('reads a day kept while it was today in its words of that day once it is over', async () => {
    sundayOfCalls();
    learnedCalls('ann', '2026-10-25T22:30');
    const sunday = await ritaPlan('2026-10-25T22:40');
    expect(sunday.rows.find((r) => r.personId === 'ann')?.reason).toBe(
      'answered 3 calls on Sundays 22:00-23:00; the last one today',
    );
    // The day's plan is kept after the answer; a relearn since found a later call on Monday.
    await new Promise((resolve) => setImmediate(resolve));
    learnedCalls('ann', '2026-10-26T00:30');
    const kept = await ritaPlan('2026-10-27T10:00', '2026-10-25');
    expect(kept.rows.find((r) => r.personId === 'ann')?.reason).toBe(
      'answered 3 calls on Sundays 22:00-23:00; the last one that day',
    );
  });
});

describe('a past day and a person whose owner changed since (no history of owners is kept)', () => {
  /** Ann, Rita's on the Sunday, given to Leo on the Monday. */
  function annGoesToLeo(): void {
    sundayOfCalls();
    rawHandle(org.db).prepare("update people set owner_id = 'r2' where id = 'ann'").run();
  }
  const annOn = async (repId: string, now: string) => {
    const core = createCore(org.db, () => berlin(now));
    await core.handlers.setCurrentUser({ userId: repId });
    const plan = await core.handlers.getPlanner({ date: '2026-10-25' });
    return plan.rows.some((r) => r.personId === 'ann');
  };

  it('keeps her on Rita’s Sunday when the Sunday was kept, and off Leo’s', async () => {
    sundayOfCalls();
    // Both reps' Sundays shown, so kept, that day.
    await annOn('r1', '2026-10-25T21:00');
    await annOn('r2', '2026-10-25T21:00');
    await new Promise((resolve) => setImmediate(resolve));
    rawHandle(org.db).prepare("update people set owner_id = 'r2' where id = 'ann'").run();
    expect(await annOn('r1', '2026-10-27T10:00')).toBe(true);
    expect(await annOn('r2', '2026-10-27T10:00')).toBe(false);
  });

  it('plans a Sunday never kept from the people owned now: hers is Leo’s', async () => {
    // The database knows who owns her now, and who called her then, not who owned her then.
    annGoesToLeo();
    expect(await annOn('r1', '2026-10-27T10:00')).toBe(false);
    expect(await annOn('r2', '2026-10-27T10:00')).toBe(true);
  });
});
