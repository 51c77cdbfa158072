import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import type { Planner } from '../../src/shared/contract';
import { callApi, expect, pauseClockSoon, test, type Served } from './webHostFixture';

// A past day looked back on (audit49 2, 3, 8): Friday 20 November, read on Monday 23 November.
const FRIDAY = '2026-11-20';

const friday = async (page: Page, served: Served): Promise<Planner> => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-r1' });
  return callApi(page.request, served, 'getPlanner', { date: FRIDAY });
};

test('a past day’s header says the worked windows the Team page says, and a row under Done counts in it', async ({
  page,
  served,
}) => {
  const plan = await friday(page, served);
  await page.goto(`${served.openUrl}#/planner?day=${FRIDAY}`);
  const worked = page.locator('.counts .count-worked');
  await expect(worked).toHaveText(/^\d+ of \d+ due worked, \d+ planned$/);
  const said = await worked.innerText();

  // A person whose call reached them in their window: their row is under Done, and counted.
  const reached = plan.rows.find((r) => r.reached?.inWindow && r.action === null);
  expect(reached).toBeDefined();
  const theirs = plan.rows.filter(
    (r) => r.personId === reached?.personId && r.reached?.inWindow && r.action !== 'done',
  ).length;
  await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(reached?.name ?? '');
  await expect(worked).toHaveText(`${theirs} worked`);

  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team?day=${FRIDAY}`);
  await page.reload();
  const lane = page
    .getByRole('region', { name: "The team's day" })
    .getByRole('group', { name: "Anna Keller's day" });
  await expect(lane.locator('.lane-windows')).toContainText(`Windows: ${said}`);
});

test('a past day’s rows name no touch after that day, and their reasons no “today”', async ({
  page,
  served,
}) => {
  const plan = await friday(page, served);
  const dayEnd = DateTime.fromISO(FRIDAY, { zone: plan.repTz }).plus({ days: 1 }).toMillis();
  expect(plan.rows.filter((r) => r.lastTouchAt !== null && r.lastTouchAt >= dayEnd)).toEqual([]);
  expect(plan.rows.filter((r) => /\b(today|yesterday)\b/.test(r.reason ?? ''))).toEqual([]);
  await page.goto(`${served.openUrl}#/planner?day=${FRIDAY}`);
  await expect(page.locator('.counts .count-worked')).toBeVisible();
  const sideLines = page.locator('.plan-row .side-line');
  await expect(sideLines.first()).toBeVisible();
  await expect(sideLines.filter({ hasText: /\b2[1-3] Nov\b/ })).toHaveCount(0);
  await expect(page.locator('.plan-row').filter({ hasText: /\btoday\b/ })).toHaveCount(0);
});

test('a snooze’s note and its Undo stay on today’s plan, not on the day before', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-r1' });
  await page.goto(served.openUrl);
  // The note goes by itself after 10 s: the clock held, it can only go with the day.
  await pauseClockSoon(page);
  const row = page.locator('.plan-row[data-state="now"]').first();
  await row.getByRole('button', { name: 'Snooze' }).click();
  const note = page.locator('.plan-note');
  // A sure row with only a ½★ hour next today offers the next sure window first
  // (plannerSnoozeSure.spec.ts): taken, it snoozes as the row's Snooze does on any other row.
  await expect(note).toContainText(/snoozed|Snooze to/);
  if (!(await note.textContent())?.includes('snoozed'))
    await row
      .getByRole('button', { name: /^Snooze to / })
      .first()
      .click();
  await expect(note).toContainText('snoozed');
  // Back to Friday, past the weekend's closed days.
  for (const day of ['2026-11-22', '2026-11-21', FRIDAY]) {
    await page.getByRole('button', { name: 'Previous day' }).click();
    await expect(page).toHaveURL(new RegExp(`day=${day}`));
  }
  await expect(page.locator('.counts')).toHaveAttribute('aria-label', /^Counts for /);
  await expect(note).toHaveCount(0, { timeout: 2_000 });
});
