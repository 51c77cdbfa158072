import { holdAlert, pauseAlerts } from './heldAlertRows';
import { box } from './onScreen';
import { callApi, E2E_NOW, expect, test } from './webHostFixture';

const HOUR = 3_600_000;

/**
 * At 601–700 px the sidebar is a bar across the top (styles.css), but the toast strip's own
 * layout switched at 600 px: an alert's toast turned the bar back into a full-height column and
 * pushed the page into a column beside it until the toast went (review52 1). Anna paused alerts;
 * one alert waits for the pause's end, and resuming delivers it as a toast.
 */
test.use({
  viewport: { width: 640, height: 800 },
  beforeStart: {
    write: (db) => {
      const until = E2E_NOW + HOUR;
      pauseAlerts(db, 'u-r1', until, E2E_NOW - HOUR);
      holdAlert(db, {
        userId: 'u-r1',
        visitorId: 'e2e-visitor',
        name: null,
        at: E2E_NOW - 5 * 60_000,
        reason: 'paused',
        deliverAt: until,
      });
    },
  },
});

test('at 640 px a toast keeps the sidebar a bar across the top and the page the window’s width', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  await expect(page.locator('.plan-row').first()).toBeVisible();
  const main = page.locator('main.content');
  const sidebar = page.locator('.sidebar');
  const without = { main: await box(main), bar: await box(sidebar) };
  expect(without.main.width).toBeGreaterThan(600);

  await callApi(page.request, served, 'resumeAlerts', {});
  const toast = page.locator('.alert-toast');
  await expect(toast).toHaveCount(1);
  const bar = await box(sidebar);
  const page640 = await box(main);
  const strip = await box(page.locator('.alert-toasts'));
  // The bar stays a bar: as wide as the window, no taller than without the toast.
  expect(bar.width).toBeGreaterThan(600);
  expect(bar.height).toBeLessThanOrEqual(without.bar.height + 1);
  // The page keeps the window's width, below the bar; the strip under the page.
  expect(page640.x).toBeLessThan(1);
  expect(page640.width).toBeGreaterThan(600);
  expect(page640.y).toBeGreaterThanOrEqual(bar.y + bar.height - 1);
  expect(strip.y).toBeGreaterThanOrEqual(page640.y + page640.height - 1);
});
