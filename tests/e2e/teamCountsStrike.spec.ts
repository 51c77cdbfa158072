import { callApi, E2E_NOW, expect, pauseClockSoon, test } from './webHostFixture';

const MINUTE = 60_000;
/** When Anna's 09:00–10:00 windows of the demo's Monday are struck through (BT-6). */
const STRUCK = E2E_NOW + 30 * MINUTE;

// The blocks move on by the page's clock; the coverage table and the lanes' counts are the core's.
// They used to be read again only every 5 minutes, so a struck block sat beside "3 just ended".
test.describe('the Team page counts a window missed as its block is struck (TM-2, BT-6)', () => {
  // Both clocks start 40 seconds before the strike: the page opens while the windows just ended.
  test.use({ startAt: STRUCK - 40_000 });

  test('the Missed count moves on within seconds of the strike, without a reload', async ({
    page,
    served,
  }) => {
    test.setTimeout(120_000);
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await page.goto(`${served.openUrl}#/team`);
    await page.reload();
    const row = page
      .getByRole('table', { name: 'Coverage per rep' })
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: /Anna Keller/ }) });
    const missed = row.locator('td').nth(4);
    const lane = page
      .getByRole('region', { name: "The team's day" })
      .getByRole('group', { name: "Anna Keller's day" });
    await expect(missed).toContainText('just ended');
    const [before, justEnded] = (
      /^(\d+) · (\d+) just ended$/.exec((await missed.textContent()) ?? '') ?? []
    )
      .slice(1)
      .map(Number);
    expect(justEnded).toBeGreaterThan(0);
    await expect(lane).toContainText(`${justEnded} just ended`);

    // The page's clock held before the strike while the core's runs on past it: the page then
    // has nothing to read again for, and the core has something newer to say.
    await pauseClockSoon(page);
    await expect
      .poll(async () => (await callApi(page.request, served, 'getSession', {})).now, {
        timeout: 60_000,
      })
      .toBeGreaterThan(STRUCK + 1_000);
    await expect(missed).toContainText('just ended');
    const pageNow = (await page.evaluate('Date.now()')) as number;
    // The page's clock runs on past the strike, as it would have on its own: far short of the
    // five minutes after which it reads the day again anyway.
    await page.clock.runFor(STRUCK + 2_000 - pageNow);
    await page.clock.resume();
    // The block is struck by the page's clock at once; the counts follow within seconds.
    await expect(lane.locator('.team-block[data-state="just-ended"]')).toHaveCount(0);
    await expect(missed).toHaveText(String((before ?? 0) + (justEnded ?? 0)), { timeout: 5_000 });
    await expect(lane).not.toContainText('just ended');
  });
});
