import { callApi, E2E_NOW, expect, test } from './webHostFixture';

// Greta manages from Berlin on Monday 23 November, 10:00 (E2E_NOW). A day in the Team page's
// address that is no date falls back to today, as a week that is no date falls back to this
// week: both say so, or the manager reads today's lanes as the day their link asked for.

test('a day in the address that is no date is named, and today shown', async ({ page, served }) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team?day=2026-13-45`);
  await expect(page.getByText(/Greta Lindqvist's team · Monday 23 November · /)).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'No such day' })).toHaveText(
    'No such day as “2026-13-45”: showing today.',
  );
  // Moving on from it leaves the message behind.
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(page.getByText(/Greta Lindqvist's team · Tuesday 24 November · /)).toBeVisible();
  await expect(page.getByText('No such day')).toHaveCount(0);
});

test('a word for a day is named too, and the week kept beside it still leads Week back', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team?day=tomorrow&week=2026-11-16`);
  await expect(page.getByText(/Greta Lindqvist's team · Monday 23 November · /)).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'No such day' })).toHaveText(
    'No such day as “tomorrow”: showing today.',
  );
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Week' }).click();
  await expect(page.getByText(/week of 16 November to 22 November 2026/)).toBeVisible();
  await expect(page.getByText('No such')).toHaveCount(0);
});

test('a good day in the address says nothing of the kind', async ({ page, served }) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team?day=2026-11-18`);
  await expect(page.getByText(/Greta Lindqvist's team · Wednesday 18 November · /)).toBeVisible();
  await expect(page.getByText('No such day')).toHaveCount(0);
});

// The planner shows 90 days back (plans are kept that long) to a year ahead: a day beyond that on
// the Team page was a made-up plan of today's windows, every one missed, headed with no year.
test('a day beyond the days the planner shows is named, and today shown', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team?day=1999-01-01`);
  await expect(page.getByText(/Greta Lindqvist's team · Monday 23 November · /)).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'No plans' })).toHaveText(
    'No plans are kept for “1999-01-01”, more than 90 days back: showing today.',
  );
  await expect(page.getByText(/Friday 1 January/)).toHaveCount(0);
});

test('a week beyond them is named, and this week shown', async ({ page, served }) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team?view=week&week=2031-01-06`);
  await expect(page.getByText(/week of 23 November to 29 November 2026/)).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'No plans' })).toHaveText(
    'No plans are made for the week of “2031-01-06”, more than 365 days ahead: showing this week.',
  );
});

test('a day of next year within them is shown, headed with its year', async ({ page, served }) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team?day=2027-05-01`);
  await expect(page.getByText(/Greta Lindqvist's team · Saturday 1 May 2027 · /)).toBeVisible();
  await expect(page.getByText('No plans')).toHaveCount(0);
});

test("the week's steps stop at the planner's days, and a day beyond them opens nothing", async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  // 90 days before Monday 23 November is Tuesday 25 August.
  await page.goto(`${served.openUrl}#/team?view=week&week=2026-08-31`);
  await expect(page.getByText(/week of 31 August to 6 September 2026/)).toBeVisible();
  await page.getByRole('button', { name: 'Previous week' }).click();
  await expect(page.getByText(/week of 24 August to 30 August 2026/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Previous week' })).toBeDisabled();
  const table = page.getByRole('table', { name: "The team's week" });
  await expect(table.getByRole('button', { name: /, Monday 24 August\. / }).first()).toBeDisabled();
  await expect(
    table.getByRole('button', { name: /, Monday 24 August\. / }).first(),
  ).toHaveAttribute('title', 'No plan is kept for this day: plans are kept 90 days');
  await table
    .getByRole('button', { name: /, Tuesday 25 August\. .*Open the day$/ })
    .first()
    .click();
  await expect(page.getByText(/Greta Lindqvist's team · Tuesday 25 August · /)).toBeVisible();
});

/** Tuesday 24 November 00:00 in Berlin, Greta's midnight. */
const MIDNIGHT = E2E_NOW + 14 * 3_600_000;

// A Team page left open over the manager's midnight: the days an address may name, and today,
// are the new day's from then on, with nothing in the data changing to prompt a redraw. The page's
// clock and the host's both run on from 40 seconds before it (a cold day is read meanwhile).
test.describe('left open over the manager’s midnight', () => {
  test.use({ startAt: MIDNIGHT - 40_000 });

  test('a day that was the first the planner shows is beyond them from then on, and today is shown', async ({
    page,
    served,
  }) => {
    test.setTimeout(150_000);
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    // 90 days before Monday 23 November: the first day the planner shows, until midnight.
    await page.goto(`${served.openUrl}#/team?day=2026-08-25`);
    await expect(page.getByText(/Greta Lindqvist's team · Tuesday 25 August · /)).toBeVisible();
    await expect(page.getByText('No plans')).toHaveCount(0);

    await expect(page.getByRole('note').filter({ hasText: 'No plans' })).toHaveText(
      'No plans are kept for “2026-08-25”, more than 90 days back: showing today.',
      { timeout: 100_000 },
    );
    // Tuesday is a cold day, made while the page waits.
    await expect(page.getByText(/Greta Lindqvist's team · Tuesday 24 November · /)).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByRole('textbox', { name: 'Day', exact: true })).toHaveValue(
      'Tue 24 Nov 2026',
    );
  });

  test("today's day turns to the new day at midnight, not at the next reload", async ({
    page,
    served,
  }) => {
    test.setTimeout(150_000);
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await page.goto(`${served.openUrl}#/team`);
    await expect(page.getByText(/Greta Lindqvist's team · Monday 23 November · /)).toBeVisible();

    // Well before the page's five-minute reload: the new day is read at midnight itself.
    await expect(page.getByText(/Greta Lindqvist's team · Tuesday 24 November · /)).toBeVisible({
      timeout: 100_000,
    });
    await expect(page.getByRole('textbox', { name: 'Day', exact: true })).toHaveValue(
      'Tue 24 Nov 2026',
    );
  });
});
