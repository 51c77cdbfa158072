import type { Page } from '@playwright/test';
import { box } from './onScreen';
import { expect, test } from './webHostFixture';
import { DateTime } from 'luxon';

const panel = (page: Page) => page.getByRole('article', { name: 'Working hours' });
const hoursOf = (page: Page, weekday: string) =>
  panel(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: weekday }) });

async function openDay(page: Page, date: string): Promise<void> {
  const day = page.getByRole('textbox', { name: 'Day', exact: true });
  await day.fill(date);
  await day.press('Enter');
}

test('a closed Saturday leads, by the keyboard, to Settings › Working hours: the organisation’s hours per weekday, its holidays and where they come from', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  await openDay(page, '2026-11-28');
  const closed = page.getByRole('status').filter({ hasText: 'nothing to plan' });
  await expect(closed).toHaveText(
    /^Saturday is outside the organisation’s business hours: nothing to plan\./,
  );
  await closed.getByRole('button', { name: 'Go to Monday 30 November' }).focus();
  await page.keyboard.press('Tab');
  const link = closed.getByRole('link', { name: 'See your working hours' });
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/#\/settings\/working-hours\/2026-11-28$/);
  await expect(panel(page).getByRole('heading', { name: 'Working hours' })).toBeFocused();
  await expect(panel(page)).toContainText(
    'Your plan, its windows and its closed days follow the organisation’s business hours, from the demo organisation’s settings (sample data), in Berlin (UTC+1).',
  );
  await expect(hoursOf(page, 'Monday')).toHaveText(/Monday\s*08:00–18:00/);
  await expect(hoursOf(page, 'Friday')).toHaveText(/Friday\s*08:00–18:00/);
  await expect(hoursOf(page, 'Saturday')).toHaveText(/Saturday\s*closed/);
  await expect(hoursOf(page, 'Sunday')).toHaveText(/Sunday\s*closed/);
  // Anna works in Berlin, the hours' own zone: no second clock.
  await expect(panel(page).getByRole('columnheader', { name: 'Your time' })).toHaveCount(0);
  await expect(panel(page).getByRole('list', { name: 'Coming holidays' })).toHaveText(
    'Friday 25 December: Christmas Day',
  );
  // The demo has no editor for its hours, nor has the app for a CRM's: it says so.
  await expect(panel(page)).toContainText(
    'The demo organisation’s hours and holidays cannot be changed.',
  );
});

test('a London rep on the organisation’s Berlin hours reads them in both zones, the holiday on their own clock too', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/settings/working-hours`);
  await page.getByLabel('Signed in as').selectOption('u-r2');
  await expect(panel(page)).toContainText('“Your time” is your CRM profile’s zone, London (UTC).');
  await expect(panel(page).getByRole('columnheader', { name: 'Your time' })).toBeVisible();
  await expect(hoursOf(page, 'Monday')).toHaveText(/Monday\s*08:00–18:00\s*07:00–17:00/);
  await expect(panel(page).getByRole('list', { name: 'Coming holidays' })).toHaveText(
    'Friday 25 December: Christmas Day (your time Thu 24 Dec 23:00 – Fri 25 Dec 23:00)',
  );
});

test('a West Coast rep’s Thanksgiving leads to their shift’s hours and holiday; at 640 px the panel fits', async ({
  page,
  served,
}) => {
  await page.setViewportSize({ width: 640, height: 800 });
  await page.goto(served.openUrl);
  await page.getByLabel('Signed in as').selectOption('u-r8');
  await openDay(page, '2026-11-26');
  const closed = page.getByRole('status').filter({ hasText: 'nothing to plan' });
  await expect(closed).toHaveText(
    /^Thursday is a holiday \(Thanksgiving Day\) of your shift \(West Coast\): nothing to plan\./,
  );
  await closed.getByRole('link', { name: 'See your working hours' }).click();
  await expect(panel(page)).toContainText(
    'follow the hours of your shift, West Coast, from the demo organisation’s settings (sample data), in Los Angeles (UTC−8).',
  );
  await expect(hoursOf(page, 'Monday')).toHaveText(/Monday\s*08:00–17:00/);
  await expect(panel(page).getByRole('list', { name: 'Coming holidays' })).toHaveText(
    'Thursday 26 November: Thanksgiving Day',
  );
  const fits = await panel(page).evaluate((card) => ({
    card: card.scrollWidth <= card.clientWidth,
    // The page does not scroll sideways either.
    page:
      card.ownerDocument.documentElement.scrollWidth <=
      card.ownerDocument.documentElement.clientWidth,
  }));
  expect(fits).toEqual({ card: true, page: true });
  const { x, width } = await box(panel(page));
  expect(x + width).toBeLessThanOrEqual(640);
});

test('a manager looking at a rep’s closed day is sent to the rep’s hours, not their own', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  await page.getByLabel('Signed in as').selectOption('u-m1');
  await page.goto(`${served.openUrl}#/planner?day=2026-11-28&rep=u-r1`);
  const closed = page.getByRole('status').filter({ hasText: 'nothing to plan' });
  await expect(closed).toBeVisible();
  await expect(closed.getByRole('link', { name: 'See your working hours' })).toHaveCount(0);
  await closed.getByRole('link', { name: 'See Anna Keller’s working hours' }).click();
  await expect(page).toHaveURL(/#\/settings\/working-hours\/2026-11-28\?rep=u-r1$/);
  await expect(panel(page)).toContainText(
    'Anna Keller’s plan, its windows and its closed days follow the organisation’s business hours',
  );
});

test('a manager on a West Coast rep’s Thanksgiving reads the rep’s shift, named, on the plan and in Settings, never “your shift”', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  await page.getByLabel('Signed in as').selectOption('u-m2');
  await page.goto(`${served.openUrl}#/planner?day=2026-11-26&rep=u-r8`);
  const closed = page.getByRole('status').filter({ hasText: 'nothing to plan' });
  await expect(closed).toHaveText(
    /^Thursday is a holiday \(Thanksgiving Day\) of Jake Wilson’s shift \(West Coast\)/,
  );
  await closed.getByRole('link', { name: 'See Jake Wilson’s working hours' }).click();
  await expect(panel(page)).toContainText(/follow the hours of Jake Wilson’s shift, West Coast,/);
  await expect(panel(page)).not.toContainText('your shift');
});

test.describe('a holiday that is over', () => {
  // Monday 30 November 2026, 10:00 in Los Angeles: Thanksgiving (Thursday 26) is four days past.
  test.use({
    startAt: DateTime.fromISO('2026-11-30T10:00', { zone: 'America/Los_Angeles' }).toMillis(),
  });

  test('a past Thanksgiving’s link leads to a card that names it, though no holiday is ahead (review50 6)', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    await page.getByLabel('Signed in as').selectOption('u-r8');
    await openDay(page, '2026-11-26');
    const closed = page.getByRole('status').filter({ hasText: 'nothing to plan' });
    await expect(closed).toHaveText(
      /^Thursday is a holiday \(Thanksgiving Day\) of your shift \(West Coast\): nothing to plan\./,
    );
    await closed.getByRole('link', { name: 'See your working hours' }).click();
    await expect(page).toHaveURL(/#\/settings\/working-hours\/2026-11-26$/);
    // The list is of holidays to come, and it has none: the day the rep came from is named above it.
    await expect(panel(page)).toContainText(
      'The day you came from, Thursday 26 November, is a holiday: Thanksgiving Day.',
    );
    await expect(panel(page)).toContainText(
      'No holidays ahead in the demo organisation for your shift.',
    );
  });
});
