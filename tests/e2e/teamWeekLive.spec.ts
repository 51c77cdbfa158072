import type { Route } from '@playwright/test';
import { callApi, expect, test } from './webHostFixture';

// The Team page's Week view as a manager relies on it: it follows who is signed in, and its
// Day / Week switch and Back behave as the day view's do (review44b, findings 1, 3 and 4).

test('the week follows a switch of user, and a week asked for before it never shows', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team?view=week`);
  await expect(page.getByText(/^Greta Lindqvist's team · week of 23 November/)).toBeVisible();

  // Greta steps to last week; that answer, read for her, is slow to arrive.
  let release = (): void => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let fetched = (): void => {};
  const answered = new Promise<void>((resolve) => (fetched = resolve));
  let held = 0;
  let late: Promise<void> | null = null;
  await page.route('**/api/call/getTeamWeek', async (route: Route) => {
    if (held++ > 0) return route.continue();
    const response = await route.fetch();
    fetched();
    late = released.then(() => route.fulfill({ response }));
    await late;
  });
  await page.getByRole('button', { name: 'Previous week' }).click();
  await answered;

  // Marcus signs in on the same window: his team's week, not Greta's.
  await page.getByLabel('Signed in as').selectOption('u-m2');
  const head = page.getByText(/'s team · week of 16 November/);
  await expect(head).toHaveText(/^Marcus Reed's team/);
  await expect(
    page.getByRole('button', { name: /^Diego Alvarez, Monday 16 November\./ }),
  ).toBeVisible();
  release();
  await late;
  // The answer read for Greta arrived after the switch: it is dropped.
  await page.waitForTimeout(500);
  await expect(head).toHaveText(/^Marcus Reed's team/);
  await expect(page.getByRole('button', { name: /^Anna Keller,/ })).toHaveCount(0);

  // A rep has no team: told so, not shown Marcus's.
  await page.getByLabel('Signed in as').selectOption('u-r1');
  await expect(page.getByRole('table', { name: "The team's week" })).toHaveCount(0);
  await expect(page.getByRole('note').filter({ hasText: 'Planner' })).toBeVisible();
});

test('while the day is still loading, the Week is one click away', async ({ page, served }) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  // A large organisation's cold day: its plans take seconds to make.
  let release = (): void => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/call/getTeamDay', async (route: Route) => {
    await released;
    await route.continue().catch(() => undefined);
  });
  await page.goto(`${served.openUrl}#/team`);
  await expect(page.getByText('Loading the team’s day…')).toBeVisible();
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Week' }).click();
  await expect(page.getByRole('table', { name: "The team's week" })).toBeVisible();
  release();
});

test('Back from a day opened in the week returns to the week; Day from the switch is today', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team?view=week&week=2026-11-16`);
  await expect(page.getByText(/week of 16 November to 22 November 2026/)).toBeVisible();
  await page.getByRole('button', { name: /^Anna Keller, Tuesday 17 November\./ }).click();
  const dayHead = page.getByText(/^Greta Lindqvist's team · \w+ \d+ \w+ · times in/);
  await expect(dayHead).toHaveText(/· Tuesday 17 November ·/);

  // Back: the week the day was opened from.
  await page.goBack();
  await expect(page.getByText(/week of 16 November to 22 November 2026/)).toBeVisible();
  await page.getByRole('button', { name: /^Anna Keller, Tuesday 17 November\./ }).click();
  await expect(dayHead).toHaveText(/· Tuesday 17 November ·/);

  // Week keeps the week; This week, then Day: the manager's today (Monday 23 November).
  const views = page.getByRole('group', { name: 'View' });
  await views.getByRole('button', { name: 'Week' }).click();
  await expect(page.getByText(/week of 16 November to 22 November 2026/)).toBeVisible();
  await page.getByRole('button', { name: 'This week' }).click();
  await expect(page.getByText(/week of 23 November to 29 November 2026/)).toBeVisible();
  await views.getByRole('button', { name: 'Day' }).click();
  await expect(dayHead).toHaveText(/· Monday 23 November ·/);
});
