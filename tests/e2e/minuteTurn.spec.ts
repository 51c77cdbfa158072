import { callApi, E2E_NOW, expect, pauseClockSoon, test } from './webHostFixture';

// Opened 40 seconds into the minute: the page's half-minute tick counted from its opening comes
// at 10:01:10 by the page's clock at the earliest.
test.use({ startAt: E2E_NOW + 40_000 });

test('the planner’s “now” turns with the minute, not up to half a minute later (a call logged at 10:01 beside “now 10:00”)', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  const now = page.getByLabel('Current time');
  await expect(now).toHaveText('now 10:00');
  await expect(
    page.getByRole('list', { name: 'Today’s people' }).locator('.plan-row').first(),
  ).toBeVisible();
  // The page runs on the host's clock (started a moment apart from the page's): its minute turns
  // when the host's does.
  const { now: hostNow } = await callApi(page.request, served, 'getSession', {});
  const ahead = hostNow - ((await page.evaluate('Date.now()')) as number);
  await pauseClockSoon(page);
  const turned = E2E_NOW + 60_000 - ahead + 2_000;
  if (turned >= E2E_NOW + 70_000) throw new Error(`the host's clock is ${ahead} ms behind`);
  const at = (await page.evaluate('Date.now()')) as number;
  await page.clock.runFor(turned - at);
  await expect(now).toHaveText('now 10:01');
});
