import type { Route } from '@playwright/test';
import { DateTime } from 'luxon';
import { callApi, expect, test } from './webHostFixture';

// A manager leaves the Team page's week open on Sunday evening and reads it after midnight
// (review44b #5). That Sunday is the day clocks go forward in Berlin, 23 hours long: the week
// moves on at Greta's midnight all the same, not an hour late.

/** 45 seconds before midnight at the end of Sunday 28 March 2027, in Berlin. */
const SUNDAY_LATE = DateTime.fromISO('2027-03-29T00:00', { zone: 'Europe/Berlin' })
  .minus({ seconds: 45 })
  .toMillis();

test.describe('on Sunday evening', () => {
  test.use({ startAt: SUNDAY_LATE });

  test('left open overnight, the week turns to Monday at the manager’s midnight across a clock change', async ({
    page,
    served,
  }) => {
    test.setTimeout(150_000);
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await page.goto(`${served.openUrl}#/team?view=week`);
    const table = page.getByRole('table', { name: "The team's week" });
    const today = table.locator('thead th[aria-current="date"]');
    await expect(page.getByText(/week of 22 March to 28 March 2027/)).toBeVisible();
    await expect(today).toHaveText(/^Sun 28 Mar/);
    // The clock change is told: that Sunday is 23 hours long.
    await expect(today).toHaveText('Sun 28 Mar (23 h)');
    const thisWeek = page.getByRole('button', { name: 'This week' });
    await expect(thisWeek).toBeDisabled();

    // Past midnight in Berlin, with nothing else happening on the page: Monday, a new week.
    await expect(page.getByText(/week of 29 March to 4 April 2027/)).toBeVisible({
      timeout: 100_000,
    });
    await expect(today).toHaveText('Mon 29 Mar');
    await expect(thisWeek).toBeDisabled();
  });
});

// E2E_NOW, Monday 10:00: five minutes on is the same day.
test('the week is read again every five minutes, as the day view is', async ({ page, served }) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  let reads = 0;
  await page.route('**/api/call/getTeamWeek', async (route: Route) => {
    reads++;
    await route.continue();
  });
  await page.goto(`${served.openUrl}#/team?view=week`);
  await expect(page.getByRole('table', { name: "The team's week" })).toBeVisible();
  const before = reads;
  await page.clock.fastForward(5 * 60_000 + 1_000);
  await expect.poll(() => reads).toBeGreaterThan(before);
});
