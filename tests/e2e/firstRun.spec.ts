import { expect, test } from './webHostFixture';

/**
 * A new user on the demo organisation wants their own data: the banner says to connect the CRM,
 * and the way there is one click, not a hunt down Settings past alerts and the backtest.
 */
test.use({ viewport: { width: 1024, height: 700 } });

test('the sample-data banner takes a new user to the CRM account form in one click, in a 1024×700 window', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  const banner = page.getByRole('note').filter({ hasText: 'Sample data.' });
  await banner.getByRole('link', { name: 'Connect your CRM' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const panel = page.getByRole('article', { name: 'CRM account' });
  const form = panel.getByRole('form', { name: 'Connect Zoho CRM' });
  // The form is on screen, its heading focused: a keyboard user Tabs straight into it.
  await expect(form.getByLabel('Client ID')).toBeInViewport();
  await expect(panel.getByRole('heading', { name: 'CRM account' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Data centre')).toBeFocused();
});

test('Settings opened from the sidebar leads with the CRM account, where the demo is left for real data', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText('CRM account');
  await expect(
    page.getByRole('article', { name: 'CRM account' }).getByLabel('Client ID'),
  ).toBeInViewport();
});

test('with both channels switched off, the planner’s link lands on the best-time switches, not the CRM account above them', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/settings`);
  const bestTime = page.getByRole('article', { name: 'Best time' });
  for (const channel of ['Calls', 'Emails']) {
    // A click, not uncheck(): the switch shows the stored setting once the core has it.
    await bestTime.getByRole('switch', { name: channel }).click();
    await expect(bestTime.getByRole('switch', { name: channel })).not.toBeChecked();
  }
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Planner' })
    .click();
  await page.getByRole('link', { name: 'Settings › Best time' }).click();
  await expect(bestTime.getByRole('heading', { name: 'Best time › Communication' })).toBeFocused();
  await expect(bestTime.getByRole('switch', { name: 'Calls' })).toBeInViewport();
});
