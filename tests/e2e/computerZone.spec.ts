import { expect, test } from './webHostFixture';

const zoneNote = (page: import('@playwright/test').Page) =>
  page.getByRole('note', { name: 'Time zone' });

test.describe('a rep whose computer is on another zone than their CRM profile', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });

  test('is told where the planner’s times come from and how to change them, until they dismiss it', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    // The sample organisation has no CRM profile to change: the note says whose zone it is.
    await expect(zoneNote(page)).toContainText(
      "This computer is on Tokyo time (UTC+9); the sample organisation's plan, alerts and times are on Berlin time (UTC+1), the zone of the rep you are signed in as.",
    );
    await expect(zoneNote(page)).not.toContainText('CRM profile');
    await expect(page.getByLabel('Current time')).toBeVisible();
    await zoneNote(page).getByRole('button', { name: 'Dismiss' }).click();
    await expect(zoneNote(page)).toHaveCount(0);
    // Gone for this pair of zones while the app runs, also after another page.
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('link', { name: 'Planner' }).click();
    await expect(page.getByLabel('Current time')).toBeVisible();
    await expect(zoneNote(page)).toHaveCount(0);
    // And at the next start: a rep abroad for a week is told once.
    await page.reload();
    await expect(page.getByLabel('Current time')).toBeVisible();
    await expect(page.locator('.plan-row').first()).toBeVisible();
    await expect(zoneNote(page)).toHaveCount(0);
  });
});

test.describe('a rep whose computer is on their profile’s zone', () => {
  test.use({ timezoneId: 'Europe/Berlin' });

  test('sees no note about zones', async ({ page, served }) => {
    await page.goto(served.openUrl);
    await expect(page.getByLabel('Current time')).toBeVisible();
    await expect(page.locator('.plan-row').first()).toBeVisible();
    await expect(zoneNote(page)).toHaveCount(0);
  });
});
