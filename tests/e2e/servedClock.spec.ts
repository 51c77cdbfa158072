import { E2E_NOW, expect, test } from './webHostFixture';

test.describe('served with --now', () => {
  // The page keeps the computer's clock: only `serve --now` says what time it is.
  test.use({ pageClock: false });

  test('the Planner shows the morning the host was started at, not the computer’s day and hour', async ({
    page,
    served,
  }) => {
    // E2E_NOW, Monday 23 November 2026 10:00 in Berlin, is not when these tests run.
    expect(Math.abs(Date.now() - E2E_NOW)).toBeGreaterThan(3_600_000);
    await page.goto(served.openUrl);
    const head = page.locator('.planner-page .head-line');
    await expect(head).toContainText('Monday 23 November · times in Berlin (UTC+1)');
    await expect(page.getByLabel('Current time')).toHaveText(/^now 10:0\d$/);
    // The rows and counts go by the same clock: windows open at 10:00 are open now.
    await expect(page.locator('.plan-row').first()).toContainText('In window now');
    await expect(page.getByLabel("Today's counts")).toContainText(/[1-9]\d* in window now/);
    await expect(page.locator('.data-age')).toHaveText('Sample data written at 09:30.');
  });
});
