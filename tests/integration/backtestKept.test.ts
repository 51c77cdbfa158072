import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { Backtests } from '../../src/main/besttime/evaluation/backtest';
import { currentUser } from '../../src/main/core/session';
import { putDayPlan } from '../../src/main/db/repos/plans';
import { rawHandle } from '../../src/main/db/bulkHandle';

// BT-13: the Settings backtest keeps its report until what it reads changes. The planner and
// the Team page keep each rep's day plan as it is shown (a write every quarter of an hour while
// they are open): that is no reason to relearn the organisation, a call synced from Zoho is.

/** Monday 5 January 2026, 09:30 UTC: the test CRM's clock starts here. */
const NOW = Date.UTC(2026, 0, 5, 9, 30);

let env: SyncTestEnv;
eachTestSyncEnv(
  'cw-backtest-kept-',
  () => buildOrganisation(5, { leads: 20 }),
  (e) => (env = e),
);

const activities = (): number =>
  (rawHandle(env.db).prepare('select count(*) as n from activities').get() as { n: number }).n;

describe('the kept backtest report', () => {
  it('stays through a kept day plan and goes when a synced call arrives', async () => {
    const { db, server } = env;
    await runSync(db, zohoSourceFor(server));
    const repId = currentUser(db)?.id ?? null;
    const backtests = new Backtests(db);
    const first = await backtests.report(repId, null, 28, NOW);
    expect(backtests.computed).toBe(1);

    // The planner open: the day-plan keeper writes the rep's plan of today.
    putDayPlan(db, {
      userId: repId ?? 'u1',
      day: '2026-01-05',
      savedAt: NOW,
      plan: JSON.stringify({ reasons: [], people: [] }),
    });
    expect(await backtests.report(repId, null, 28, NOW)).toEqual(first);
    expect(backtests.computed).toBe(1);

    // A call logged in Zoho within the period, synced.
    const call = [...server.data.table('Calls').values()].find((c) => c['Who_Id']);
    if (!call) throw new Error('the test organisation has no call with a contact');
    const fields: Record<string, unknown> = {
      ...call,
      Call_Start_Time: '2025-12-29T10:00:00+00:00',
    };
    delete fields['id'];
    server.data.insert('Calls', fields);
    const before = activities();
    await runSync(db, zohoSourceFor(server));
    expect(activities()).toBe(before + 1);
    await backtests.report(repId, null, 28, NOW);
    expect(backtests.computed).toBe(2);
  }, 120_000);
});
