import type { Page } from '@playwright/test';
import { E2E_NOW, expect, test } from './webHostFixture';

const list = (page: Page) => page.getByRole('list', { name: 'Today’s people' });
const rows = (page: Page) => list(page).locator('.plan-row');
const DAY = 24 * 3_600_000;

test('offline, the Planner says how old its data is the moment the connection drops, with the day once the data is another day’s (PL-3)', async ({
  page,
  context,
  served,
}) => {
  // The tests' organisation is the demo, whose line says "Sample data": its session, said to be a
  // synced organisation's, is one whose line speaks of syncing (written at DEMO_WRITTEN_AT, 09:30).
  await page.route('**/api/call/getSession', async (route) => {
    try {
      const response = await route.fetch();
      const body = (await response.json()) as { ok: boolean; value?: { org: { isDemo: boolean } } };
      if (body.value) body.value.org.isDemo = false;
      await route.fulfill({ response, json: body });
    } catch {
      await route.abort('internetdisconnected');
    }
  });
  await page.goto(served.openUrl);
  await expect(rows(page).first()).toBeVisible();
  // Stopped: the page's 30-second tick does not come; only the browser's own events move the line.
  const at = (await page.evaluate('Date.now()')) as number;
  await page.clock.pauseAt(at + 1_000);
  const age = page.locator('.data-age');
  await expect(age).toHaveText('Last synced 30 min ago.');

  await context.setOffline(true);
  await expect(age).toHaveText('Offline, data from 09:30.');
  await context.setOffline(false);
  await expect(age).toHaveText('Last synced 30 min ago.');

  // The app left open offline until the next morning.
  await context.setOffline(true);
  await page.clock.setSystemTime(E2E_NOW + DAY);
  await page.clock.runFor(30_000);
  await expect(age).toHaveText('Offline, data from Monday 23 November, 09:30.');
});
