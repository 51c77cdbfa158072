import { RECORD_CALLS, type Call } from './openingCalls';
import { callApi, expect, test } from './webHostFixture';

test.describe('opening the app on the Team page', () => {
  test("asks for the session and the team's day before the app has drawn anything, and once", async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await page.addInitScript(RECORD_CALLS);
    await page.goto(`${served.openUrl}#/team`);
    // The lanes come from that first answer: the day is not asked for a second time.
    await expect(page.getByRole('group', { name: "Anna Keller's day" })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Coverage' })).toBeVisible();
    const calls = (await page.evaluate('window.__calls')) as Call[];
    const first = (method: string): Call | undefined => calls.find((c) => c.method === method);
    // Neither waits for the app's code to start and draw its opening screen: the core answers
    // while the browser is still loading it.
    for (const method of ['getSession', 'getSettings', 'getTeamDay'])
      expect(first(method)).toEqual({ method, drawn: false, appAsked: false });
    expect(calls.filter((c) => c.method === 'getTeamDay')).toHaveLength(1);
    expect(calls.filter((c) => c.method === 'getSession')).toHaveLength(1);
  });

  test("a day or channel picked after opening is asked for anew, and the planner's opening asks for no team day", async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await page.addInitScript(RECORD_CALLS);
    await page.goto(`${served.openUrl}#/team`);
    await expect(page.getByRole('group', { name: "Anna Keller's day" })).toBeVisible();
    await page.getByRole('combobox', { name: 'Channel' }).selectOption('call');
    await expect(page.locator('.team-block.chan-email')).toHaveCount(0);
    await expect(page.locator('.team-block.chan-call').first()).toBeVisible();
    const calls = (await page.evaluate('window.__calls')) as Call[];
    expect(calls.filter((c) => c.method === 'getTeamDay')).toHaveLength(2);

    await page.goto(`${served.openUrl}#/planner`);
    await expect(page.getByRole('heading', { name: 'Planner', level: 1 })).toBeVisible();
    const planner = (await page.evaluate('window.__calls')) as Call[];
    expect(planner.some((c) => c.method === 'getTeamDay')).toBe(false);
  });

  test("a team's day asked for at opening that never answers is asked for again at its deadline", async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    // The opening read's reply never comes (a transport that lost it); any later one does.
    let asked = 0;
    await page.route('**/api/call/getTeamDay', async (route) => {
      if (++asked > 1) await route.continue();
    });
    await page.goto(`${served.openUrl}#/team`);
    await expect(page.getByText('Loading the team’s day…')).toBeVisible();
    const lane = page.getByRole('group', { name: "Anna Keller's day" });
    // The page's clock runs on from here: at the deadline, and not before, the read is asked again.
    await page.clock.fastForward(10_500);
    await expect(lane).toBeVisible();
    expect(asked).toBeGreaterThanOrEqual(2);
  });

  test('a read asked for again at the deadline that fails says why, as any read of the day', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    let asked = 0;
    await page.route('**/api/call/getTeamDay', async (route) => {
      if (++asked > 1) await route.fulfill({ status: 500, body: 'the core stopped answering' });
    });
    await page.goto(`${served.openUrl}#/team`);
    await expect(page.getByText('Loading the team’s day…')).toBeVisible();
    await page.clock.fastForward(10_500);
    await expect(page.getByRole('note').getByText('the core stopped answering')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
  });
});
