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
