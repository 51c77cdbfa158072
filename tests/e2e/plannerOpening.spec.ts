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

  test("the app's code and styles are fetched as the page opens, each once, not after the entry has run", async ({
    page,
    served,
  }) => {
    const fetched: { url: string; type: string }[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/assets/')) fetched.push({ url: r.url(), type: r.resourceType() });
    });
    await page.goto(served.openUrl);
    await expect(page.locator('.plan-row').first()).toBeVisible();
    const html = await (await page.request.get(served.openUrl)).text();
    const named = [...html.matchAll(/href="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]);
    const scripts = fetched.filter((f) => f.type === 'script').map((f) => new URL(f.url).pathname);
    // Every script the page loads is named in index.html (the entry, and the app it imports), so
    // the browser starts on the app while the entry asks the core for the first screen's reads.
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const path of scripts)
      expect(html.includes(`.${path}`), `${path} is named in index.html`).toBe(true);
    expect(named.some((n) => n?.endsWith('.css'))).toBe(true);
    // Preloaded and then used: no file fetched twice.
    const urls = fetched.map((f) => new URL(f.url).pathname);
    expect(new Set(urls).size).toBe(urls.length);
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
