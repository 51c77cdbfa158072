import type { Page } from '@playwright/test';
import { callApi, expect, fetchOrAbort, pauseClockSoon, test } from './webHostFixture';

const list = (page: Page) => page.getByRole('list', { name: 'Today’s people' });
const rows = (page: Page) => list(page).locator('.plan-row');

/** How often the page asks the core for `method`, from the moment this is called. */
function countRequests(page: Page, method: string): () => number {
  let asked = 0;
  page.on('request', (r) => {
    if (r.url().endsWith(`/api/call/${method}`)) asked++;
  });
  return () => asked;
}
const countPlanRequests = (page: Page) => countRequests(page, 'getPlanner');

/** The page's whole plan is on screen: its counts are no longer "Counting N rows…". */
async function planShown(page: Page): Promise<void> {
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByLabel("Today's counts")).toContainText('in window now');
}

test.describe('the Planner asks the core again only when the plan can have changed', () => {
  test('a setting the plan is not made with (reminders, an alerts rule) leaves it alone; turning email suggestions off asks again once', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    await planShown(page);
    // Stopped: no window ends during the test, and with it no reload of the plan for its next one.
    await pauseClockSoon(page);
    await expect(list(page).locator('.chip-email').first()).toBeVisible();
    const asked = countPlanRequests(page);

    // Saved elsewhere (Settings in another window, the tray): the page hears of each change and
    // reads the session again. Each reading answered is the moment a refetch would start.
    const sessionRead = () =>
      page.waitForResponse((r) => r.url().endsWith('/api/call/getSettings'));
    let read = sessionRead();
    // The tests' demo has reminders off: turned on, the sidebar asks for them, the plan stays.
    await callApi(page.request, served, 'updateSettings', { reminders: true });
    await read;
    read = sessionRead();
    await callApi(page.request, served, 'updateAlertSettings', { cooldownMinutes: 45 });
    await read;
    // A render and an effect after the session's answer, a request would be on its way.
    await page.waitForTimeout(500);
    expect(asked()).toBe(0);

    read = sessionRead();
    await callApi(page.request, served, 'updateSettings', { emailSuggestions: false });
    await read;
    await expect(list(page).locator('.chip-email')).toHaveCount(0);
    await expect(rows(page).first()).toBeVisible();
    await page.waitForTimeout(500);
    expect(asked()).toBe(1);
  });

  test('a mark asks for the plan once, not once for the change and again for the session', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    await planShown(page);
    await pauseClockSoon(page);
    const asked = countPlanRequests(page);

    const read = page.waitForResponse((r) => r.url().endsWith('/api/call/getSettings'));
    await page.keyboard.press('d');
    await read;
    await expect(page.getByText(/^1 done$/)).toBeVisible();
    await page.waitForTimeout(500);
    expect(asked()).toBe(1);
  });
});

test('the reminders in the sidebar (made from the whole plan) are asked for again once after a mark, and not after an alerts rule is saved', async ({
  page,
  served,
}) => {
  // Off in the tests' demo.
  await callApi(page.request, served, 'updateSettings', { reminders: true });
  await page.goto(served.openUrl);
  await planShown(page);
  await pauseClockSoon(page);
  const asked = countRequests(page, 'getReminders');

  let read = page.waitForResponse((r) => r.url().endsWith('/api/call/getSettings'));
  await callApi(page.request, served, 'updateAlertSettings', { cooldownMinutes: 45 });
  await read;
  await page.waitForTimeout(500);
  expect(asked()).toBe(0);

  read = page.waitForResponse((r) => r.url().endsWith('/api/call/getSettings'));
  await page.keyboard.press('d');
  await read;
  await page.waitForTimeout(500);
  expect(asked()).toBe(1);
});

test('two changes in a row: the session read last asked for is the one kept, whichever answer comes last', async ({
  page,
  served,
}) => {
  // The first reading after the page is up comes back late: after the second one's answer.
  let delayNext = false;
  await page.route('**/api/call/getSettings', async (route) => {
    const response = await fetchOrAbort(route);
    if (!response) return;
    if (delayNext) {
      delayNext = false;
      await new Promise((ok) => setTimeout(ok, 1_500));
    }
    await route.fulfill({ response });
  });
  await page.goto(`${served.openUrl}#/settings`);
  const calls = page.getByRole('switch', { name: 'Calls' });
  await expect(calls).toBeChecked();

  delayNext = true;
  const firstRead = page.waitForRequest((r) => r.url().endsWith('/api/call/getSettings'));
  await callApi(page.request, served, 'updateSettings', { callSuggestions: false });
  await firstRead;
  const laterRead = page.waitForResponse((r) => r.url().endsWith('/api/call/getSettings'));
  await callApi(page.request, served, 'updateSettings', { callSuggestions: true });
  await laterRead;
  // Both answers are in by now; the late one read calls off, before they were turned back on.
  await page.waitForTimeout(2_000);
  await expect(calls).toBeChecked();
  expect(await callApi(page.request, served, 'getSettings', {})).toMatchObject({
    callSuggestions: true,
  });
});
