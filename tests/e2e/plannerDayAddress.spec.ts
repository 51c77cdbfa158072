import type { Page } from '@playwright/test';
import { expect, test, type Served } from './webHostFixture';

// The Planner's day is kept in its address (#/planner?day=…). One edited by hand, or an old link,
// may name a day that is no date or one the planner does not show (plans are kept 90 days back
// and made 365 ahead): the page says it shows today instead, as the Team page does. A day of
// another year is headed with its year. E2E_NOW is Monday 23 November 2026, 10:00 in Berlin.

const head = (page: Page) => page.locator('.planner-page .head-line');
const dayField = (page: Page) => page.getByRole('textbox', { name: 'Day', exact: true });
/** The note on a day not shown (a future day has a note of its own). */
const note = (page: Page) =>
  page.locator('.planner-page').getByRole('note').filter({ hasText: 'showing today' });

async function openDay(page: Page, served: Served, day: string): Promise<void> {
  await page.goto(`${served.openUrl}#/planner?day=${day}`);
  await page.reload();
}

test('a day before the plans kept, one that is no date, or over a year ahead: today is shown, saying so', async ({
  page,
  served,
}) => {
  const cases: [string, string][] = [
    ['1999-01-01', 'No plans are kept for “1999-01-01”, more than 90 days back: showing today.'],
    ['2026-02-30', 'No such day as “2026-02-30”: showing today.'],
    ['2027-11-24', 'No plans are made for “2027-11-24”, more than 365 days ahead: showing today.'],
  ];
  for (const [day, said] of cases) {
    await openDay(page, served, day);
    await expect(note(page)).toHaveText(said);
    await expect(head(page)).toContainText('Monday 23 November · times in Berlin');
    await expect(dayField(page)).toHaveValue('Mon 23 Nov 2026');
  }

  // Another day picked: the address names it, and the note goes.
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(dayField(page)).toHaveValue('Tue 24 Nov 2026');
  await expect(head(page)).toContainText('Tuesday 24 November · times in Berlin');
  await expect(note(page)).toHaveCount(0);
});

test('a day of next year is headed with its year; this year’s without', async ({
  page,
  served,
}) => {
  await openDay(page, served, '2027-05-01');
  await expect(head(page)).toContainText('Saturday 1 May 2027 · times in Berlin');
  await expect(dayField(page)).toHaveValue('Sat 1 May 2027');
  await expect(note(page)).toHaveCount(0);

  await openDay(page, served, '2026-12-01');
  await expect(head(page)).toContainText('Tuesday 1 December · times in Berlin');
  await expect(head(page)).not.toContainText('2026');
});
