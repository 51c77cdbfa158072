import { callApi, expect, test } from './webHostFixture';

/**
 * Every API call the page makes, in order, with whether the app had drawn anything yet (its root
 * element still empty): recorded by wrapping the page's fetch before any of its scripts runs.
 */
const RECORD_CALLS = `(() => {
  const calls = (window.__calls = []);
  const fetched = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input.url;
    const method = /\\/api\\/call\\/(\\w+)/.exec(url)?.[1];
    if (method) {
      const root = document.getElementById('root');
      calls.push({ method, drawn: root !== null && root.childElementCount > 0 });
    }
    return fetched(input, init);
  };
})()`;

interface Call {
  method: string;
  drawn: boolean;
}

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
    expect(first('getSession')).toEqual({ method: 'getSession', drawn: false });
    expect(first('getSettings')).toEqual({ method: 'getSettings', drawn: false });
    expect(first('getTeamDay')).toEqual({ method: 'getTeamDay', drawn: false });
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
});
