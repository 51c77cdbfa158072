import { RECORD_CALLS, type Call } from './openingCalls';
import { callApi, expect, test } from './webHostFixture';

test.describe('opening the app on the planner', () => {
  test("asks for today's plan before the app's code has arrived, and the list takes that answer", async ({
    page,
    served,
  }) => {
    const { total } = await callApi(page.request, served, 'getPlanner', { first: 1 });
    await page.addInitScript(RECORD_CALLS);
    // No page named: the planner.
    await page.goto(served.openUrl);
    await expect(page.locator('.plan-row').first()).toBeVisible();
    const calls = (await page.evaluate('window.__calls')) as Call[];
    expect(calls.find((c) => c.method === 'getPlanner')).toEqual({
      method: 'getPlanner',
      drawn: false,
      appAsked: false,
    });
    // The first rows are that answer's; only the rest of a long plan is asked for after it.
    const plans = calls.filter((c) => c.method === 'getPlanner');
    expect(plans).toHaveLength(total > 100 ? 2 : 1);
  });

  test('a plan asked for at opening that never answers is asked for again at its deadline', async ({
    page,
    served,
  }) => {
    let asked = 0;
    await page.route('**/api/call/getPlanner', async (route) => {
      if (++asked > 1) await route.continue();
    });
    await page.goto(`${served.openUrl}#/planner`);
    await expect(page.getByText('Loading today’s plan…')).toBeVisible();
    // The page's clock runs on from here: at the deadline, and not before, the read is asked again.
    await page.clock.fastForward(10_500);
    await expect(page.locator('.plan-row').first()).toBeVisible();
    expect(asked).toBeGreaterThanOrEqual(2);
  });
});
