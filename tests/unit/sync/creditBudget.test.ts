import { describe, expect, it } from 'vitest';
import {
  appShare,
  creditPlan,
  dailyRequests,
  NO_RUNS,
  organisationCredits,
  runsAllowedAt,
  stretchedIntervals,
  usualCost,
  withRunCost,
} from '../../../src/main/sync/creditBudget';

const licence = (edition: string | null, users: number | null, paid: boolean | null = true) => ({
  edition,
  paid,
  users,
});
const REP = { recordsMinutes: 5, visitsMinutes: 1 };
const IDLE = { records: 31, visits: 1 };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('the organisation’s API credits a day, from its edition and licences (Zoho’s table)', () => {
  it('gives the free edition 5,000, whatever its users', () => {
    expect(organisationCredits(licence('free', 3, false))).toEqual({
      credits: 5_000,
      edition: 'Free',
    });
  });

  it('adds the edition’s credits per user licence to 50,000, up to its maximum', () => {
    expect(organisationCredits(licence('standard', 10)).credits).toBe(52_500);
    expect(organisationCredits(licence('standard', 300)).credits).toBe(100_000);
    expect(organisationCredits(licence('professional', 20)).credits).toBe(60_000);
    expect(organisationCredits(licence('enterprise', 10))).toEqual({
      credits: 60_000,
      edition: 'Enterprise',
    });
    expect(organisationCredits(licence('zohoone', 10))).toEqual({
      credits: 60_000,
      edition: 'Zoho One',
    });
    expect(organisationCredits(licence('enterprise', 5_000)).credits).toBe(5_000_000);
    // Ultimate and CRM Plus have no maximum.
    expect(organisationCredits(licence('crmplus', 3_000)).credits).toBe(6_050_000);
  });

  it('assumes the free edition’s 5,000 when the CRM does not say a known edition', () => {
    expect(organisationCredits(null)).toEqual({ credits: 5_000, edition: null });
    expect(organisationCredits(licence(null, 10))).toEqual({ credits: 5_000, edition: null });
    expect(organisationCredits(licence('bigin', 10))).toEqual({ credits: 5_000, edition: null });
  });

  it('gives an organisation that does not pay (a trial) the free edition’s', () => {
    expect(organisationCredits(licence('enterprise', 3, false))).toEqual({
      credits: 5_000,
      edition: 'Free',
    });
  });
});

describe('this app’s share: half the organisation’s credits over its active users', () => {
  it('is 2,500 for a free organisation of one user, 3,000 for 10 reps on Enterprise', () => {
    expect(appShare(5_000, 1)).toBe(2_500);
    expect(appShare(60_000, 10)).toBe(3_000);
    expect(appShare(5_000, 0)).toBe(2_500);
  });
});

describe('the schedule stretched to the share', () => {
  it('costs about 10,000 requests a day idle on the default schedule', () => {
    // 288 records runs of 31, and 4 visits runs of 1 between two.
    expect(dailyRequests(REP, IDLE)).toBe(288 * 35);
  });

  it('syncs records every 41 minutes for a free organisation of one user (31 requests a records run, 1 a visits run)', () => {
    // 1440/r × (31 + (r − 1) × 1) ≤ 2,500  ⇔  1440 + 43,200/r ≤ 2,500  ⇔  r ≥ 40.75.
    expect(stretchedIntervals(2_500, IDLE, REP)).toEqual({ recordsMinutes: 41, visitsMinutes: 1 });
    expect(dailyRequests({ recordsMinutes: 41, visitsMinutes: 1 }, IDLE)).toBeLessThanOrEqual(
      2_500,
    );
    expect(dailyRequests({ recordsMinutes: 40, visitsMinutes: 1 }, IDLE)).toBeGreaterThan(2_500);
  });

  it('keeps the rep’s 5 minutes for an Enterprise organisation of one user', () => {
    const plan = creditPlan(licence('enterprise', 1), 1, NO_RUNS, REP);
    expect(plan.share).toBe(25_500);
    expect(plan.intervals).toEqual(REP);
  });

  it('syncs records every 28 minutes for 10 reps on an Enterprise organisation of 10 licences', () => {
    // 1440 + 43,200/r ≤ 3,000  ⇔  r ≥ 27.7.
    expect(stretchedIntervals(3_000, IDLE, REP)).toEqual({ recordsMinutes: 28, visitsMinutes: 1 });
  });

  it('never syncs more often than the rep set', () => {
    const slow = { recordsMinutes: 90, visitsMinutes: 10 };
    expect(stretchedIntervals(25_500, IDLE, slow)).toEqual(slow);
  });

  it('stretches the visits once records are an hour apart, then both together', () => {
    // Free, 2 users (1,250): records hourly with visits every minute cost 24 × 90; every 3
    // minutes, 24 × (31 + 19) = 1,200.
    expect(stretchedIntervals(1_250, IDLE, REP)).toEqual({ recordsMinutes: 60, visitsMinutes: 3 });
    // Free, 4 users (625): 24 records runs alone are 744; 1440/72 × 31 = 620.
    expect(stretchedIntervals(625, IDLE, REP)).toEqual({ recordsMinutes: 72, visitsMinutes: 72 });
  });

  it('measures a run by the mean of the last six scheduled runs', () => {
    expect(usualCost(NO_RUNS)).toEqual({ records: 37, visits: 1 });
    let costs = NO_RUNS;
    for (const n of [100, 31, 31, 37, 31, 31, 37]) costs = withRunCost(costs, 'records', n);
    expect(usualCost(costs).records).toBe(33);
  });
});

describe('the pause once the share is spent', () => {
  const now = Date.UTC(2026, 2, 29, 12, 0);

  it('lets the runs go on while the next records run fits in the share', () => {
    expect(runsAllowedAt([[now - 20 * HOUR, 2_000]], now, 2_500, 37)).toBe(now);
  });

  it('waits until enough of the 24 hours have rolled on, a bucket’s requests leaving 24 hours after its end', () => {
    const buckets: [number, number][] = [
      [now - 20 * HOUR, 2_000],
      [now - HOUR, 480],
    ];
    expect(runsAllowedAt(buckets, now, 2_500, 37)).toBe(now + 4 * HOUR + 10 * MINUTE);
    // A bucket that began 24 hours 5 minutes ago may still count at Zoho for 5 minutes.
    expect(runsAllowedAt([[now - 24 * HOUR - 5 * MINUTE, 2_480]], now, 2_500, 37)).toBe(
      now + 5 * MINUTE,
    );
  });

  it('lets a run dearer than the whole share go once nothing else counts, instead of waiting for good', () => {
    // 70 users of an organisation whose edition is unknown: a share of 35 against a run of 37.
    expect(runsAllowedAt([], now, 35, 37)).toBe(now);
    const last = now - HOUR;
    const waitUntil = runsAllowedAt([[last, 30]], now, 35, 37);
    expect(waitUntil).toBe(last + 10 * MINUTE + 24 * HOUR);
    // When that bucket has left the window, the run goes.
    expect(runsAllowedAt([[last, 30]], waitUntil, 35, 37)).toBe(waitUntil);
  });
});
