import type { Route } from '@playwright/test';
import { callApi, expect, test } from './webHostFixture';

test.describe("the Team page while the team's day is made for the first time", () => {
  test("says how many of the reps' plans are made, then shows the lanes", async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-d1' });
    // The demo's day is made in a moment; a large organisation's takes seconds. The answer is
    // held in the browser, after the core made it and pushed its progress, until that is seen.
    const stream = page.waitForResponse((r) => r.url().includes('/api/events'));
    let release = (): void => {};
    const seen = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/call/getTeamDay', async (route) => {
      // Asked as the app's script starts: its event stream is open before the core is asked.
      await stream;
      const response = await route.fetch();
      await seen;
      await route.fulfill({ response });
    });
    await page.goto(`${served.openUrl}#/team`);
    const status = page.getByRole('status').filter({ hasText: 'Plans made' });
    await expect(status).toContainText('Loading the team’s day…');
    await expect(status).toContainText('Plans made; now the lanes’ coverage and clashes');
    await expect(page.getByRole('progressbar', { name: 'Reps’ plans made' })).toHaveJSProperty(
      'value',
      12,
    );
    release();
    await expect(page.getByRole('group', { name: "Anna Keller's day" })).toBeVisible();
    await expect(status).toHaveCount(0);
  });
});

test.describe('the Team page stepped on through days while they are made', () => {
  test("shows only the newest day's progress: its bar never goes back or shows another day's count", async ({
    page,
    served,
  }) => {
    // Three days made cold, two of them at once, take a while on a loaded machine.
    test.setTimeout(180_000);
    // Greta Lindqvist's six reps are the first six lanes of Helena Brandt's team: with their plans
    // of Tuesday made, Helena's Tuesday counts from 7 of 12, while Wednesday counts from 1.
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m2' });
    await callApi(page.request, served, 'getTeamDay', { date: '2026-11-24' });
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-d1' });
    await page.goto(`${served.openUrl}#/team`);
    await expect(page.getByText(/'s team · Monday 23 November/)).toBeVisible({ timeout: 60_000 });
    // What the core pushes, every request's, on a stream of the test's own; and each bar's values
    // as the page shows them (a new request's bar is a new element).
    await page.evaluate(`(() => {
      window.pushed = [];
      const token = sessionStorage.getItem('cw-web-host-token') ?? '';
      new EventSource('/api/events?token=' + token).addEventListener('team-day-progress', (e) =>
        window.pushed.push(JSON.parse(e.data)),
      );
      window.bars = [];
      const values = new Map();
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('progress')) {
          let shown = values.get(bar);
          if (!shown) {
            values.set(bar, (shown = []));
            window.bars.push(shown);
          }
          if (shown.at(-1) !== bar.value) shown.push(bar.value);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
    // Two days on, faster than they are made: the requests are held on their way and let go
    // together, so the core makes both at once, pushing their progress in turns.
    const held: Route[] = [];
    await page.route('**/api/call/getTeamDay', (route) => void held.push(route));
    const next = page.getByRole('button', { name: 'Next day' });
    for (const [i, day] of ['Tue 24 Nov 2026', 'Wed 25 Nov 2026'].entries()) {
      await next.click();
      await expect(page.getByRole('textbox', { name: 'Day', exact: true })).toHaveValue(day);
      await expect.poll(() => held.length).toBe(i + 1);
    }
    await Promise.all(held.map((route) => route.continue()));
    // Two days made cold at once take seconds on a loaded machine.
    await expect(page.getByText(/'s team · Wednesday 25 November/)).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByRole('progressbar', { name: 'Reps’ plans made' })).toHaveCount(0);

    // The core made both at once: Tuesday's 7 to 12 in turns with Wednesday's 1 to 12.
    const pushed = (await page.evaluate('window.pushed')) as Pushed[];
    const [tuesday, wednesday] = [...new Set(pushed.map((p) => p.request))];
    const of = (request: number | undefined): number[] =>
      pushed.filter((p) => p.request === request).map((p) => p.done);
    expect(of(tuesday)).toEqual([7, 8, 9, 10, 11, 12]);
    expect(of(wednesday)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(pushed.findIndex((p) => p.request === wednesday)).toBeLessThan(
      pushed.findLastIndex((p) => p.request === tuesday),
    );
    // The page followed Wednesday's only: its bar went up, never back to Tuesday's count.
    const bars = (await page.evaluate('window.bars')) as number[][];
    expect(bars.length).toBeGreaterThan(0);
    for (const shown of bars) expect(shown).toEqual([...new Set(shown)].sort((a, b) => a - b));
  });
});

interface Pushed {
  request?: number;
  done: number;
  total: number;
}
