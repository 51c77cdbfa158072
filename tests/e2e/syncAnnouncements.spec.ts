import type { Page } from '@playwright/test';
import type { CrmAccount } from '../../src/shared/contract';
import { E2E_NOW, expect, pauseClockSoon, test } from './webHostFixture';

// "Last synced 30 min ago" becomes "31 min ago" a minute later. Inside a live region a screen
// reader read that out every minute; what the user must hear of the sync (a failure, new data, a
// sign-out, going offline) is said once, and the age is there to read.

const MIN = 60_000;

/** The text of every live region on the page: what a screen reader would announce as it changes. */
function liveRegions(page: Page): Promise<string[]> {
  return page
    .locator('[aria-live], [role="status"], [role="alert"], [role="log"], [role="timer"]')
    .evaluateAll((els) =>
      els
        .filter((e) => e.getAttribute('aria-live') !== 'off')
        .map((e) => `${e.getAttribute('aria-label') ?? e.className}: ${e.textContent ?? ''}`),
    );
}

test('with a CRM connected, the minutes passing since the last sync are not announced', async ({
  page,
  served,
}) => {
  // The tests' organisation is the demo: its session and account, said to be a Zoho
  // organisation's synced at 09:30, give the lines a real CRM shows.
  await page.route('**/api/call/getSession', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { value?: { org: { isDemo: boolean } } };
    if (body.value) body.value.org.isDemo = false;
    await route.fulfill({ response, json: body });
  });
  await page.route('**/api/call/getCrmAccount', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { value?: CrmAccount };
    if (body.value) {
      body.value.activeDataSet = 'crm';
      body.value.crm = {
        provider: 'zoho',
        dataCentre: 'EU',
        orgName: 'Weber GmbH',
        keptAcrossRestarts: true,
      };
      body.value.sync = { ...body.value.sync, state: 'idle', lastSyncedAt: E2E_NOW - 30 * MIN };
    }
    await route.fulfill({ response, json: body });
  });
  await page.goto(served.openUrl);
  await expect(
    page.getByRole('list', { name: 'Today’s people' }).locator('.plan-row').first(),
  ).toBeVisible();
  // Stopped: the minutes pass only when the test says.
  await pauseClockSoon(page);
  const age = page.locator('.planner-page .data-age');
  const sidebar = page.getByRole('status', { name: 'Data freshness' });
  await expect(age).toHaveText('Last synced 30 min ago.');
  await expect(sidebar).toHaveText('Zoho CRM, synced 30 min ago');
  const heard = await liveRegions(page);

  await page.clock.runFor(2 * MIN);
  await expect(age).toHaveText('Last synced 32 min ago.');
  await expect(sidebar).toHaveText('Zoho CRM, synced 32 min ago');
  expect(await liveRegions(page)).toEqual(heard);
  // Nothing of the sync is said while nothing happened to it.
  await expect(page.getByRole('status', { name: 'Sync news' })).toHaveText('');

  // Going offline is heard, once.
  await page.context().setOffline(true);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(
    'Offline, data from 09:30.',
  );
  const offline = await liveRegions(page);
  await page.clock.runFor(2 * MIN);
  expect(await liveRegions(page)).toEqual(offline);
});
