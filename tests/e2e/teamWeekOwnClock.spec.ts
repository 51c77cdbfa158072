import { emptyWeekCell } from '../../src/shared/teamContract';
import { callApi, editAnswers, expect, test } from './webHostFixture';

// Greta manages from Berlin on Monday 23 November, 10:00 (E2E_NOW). Chloe works in Sydney, where
// it is already 20:00 and her Monday's calls are all behind her; Yui in Tokyo, where it is 18:00.
// The week's cells are each rep's own day, so they are read on each rep's own clock (audit45b 2,
// 4, 6).

test('a rep ahead of the manager reads their passed calls as not done, not as still scheduled', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  const week = await callApi(page.request, served, 'getTeamWeek', {});
  const ahead = week.reps.filter((r) => ['Australia/Sydney', 'Asia/Tokyo'].includes(r.timeZone));
  expect(ahead.length).toBeGreaterThan(0);
  await page.goto(`${served.openUrl}#/team?view=week`);
  const table = page.getByRole('table', { name: "The team's week" });
  await expect(table).toBeVisible();
  let checked = 0;
  for (const rep of ahead) {
    const monday = rep.cells[0];
    if (!monday || monday.callsScheduled === 0) continue;
    // Their day's calls are all due by 17:30 on their clock: every one still open is not done.
    const cell = table.getByRole('button', {
      name: new RegExp(`^${rep.name}, Monday 23 November\\.`),
    });
    await expect(cell).toContainText(
      `${monday.callsMade} logged in Zoho · ${monday.callsScheduled} not done`,
    );
    await expect(cell).not.toContainText('scheduled');
    expect(monday.callsOverdue).toBe(monday.callsScheduled);
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
});

test('a day opened from the week is kept in the address: a reload and Week find it again', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team?view=week&week=2026-11-16`);
  await page.getByRole('button', { name: /^Yui Mori, Wednesday 18 November\./ }).click();
  const dayTitle = page.getByText(/Greta Lindqvist's team · Wednesday 18 November · times in/);
  await expect(dayTitle).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/team?day=2026-11-18&week=2026-11-16');

  // A reload (or the link sent to a colleague) lands on that Wednesday, not on today.
  await page.reload();
  await expect(dayTitle).toBeVisible();
  // Another day picked in the day view is kept too.
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(page.getByText(/Greta Lindqvist's team · Thursday 19 November · /)).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/team?day=2026-11-19&week=2026-11-16');

  // Week returns to the week the day was opened from; Back from a fresh opening, likewise.
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Week' }).click();
  await expect(page.getByText(/week of 16 November to 22 November 2026/)).toBeVisible();
  await page.getByRole('button', { name: /^Yui Mori, Tuesday 17 November\./ }).click();
  await expect(page.getByText(/Greta Lindqvist's team · Tuesday 17 November · /)).toBeVisible();
  await page.goBack();
  await expect(page.getByText(/week of 16 November to 22 November 2026/)).toBeVisible();

  // Day from the switch is today, the week still kept for Week.
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Day' }).click();
  await expect(page.getByText(/Greta Lindqvist's team · Monday 23 November · /)).toBeVisible();
});

test('a week of a clock change names both offsets; an empty past week is "that week"', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  // Weeks within the planner's days (90 back, 365 ahead): next spring's change, last autumn's.
  await page.goto(`${served.openUrl}#/team?view=week&week=2027-03-22`);
  await expect(page.getByText(/week of 22 March to 28 March 2027/)).toBeVisible();
  await expect(
    page.getByText(/days in Berlin \(UTC\+1, from 28 Mar UTC\+2\), each rep's on their own clock/),
  ).toBeVisible();
  // The demo's history fills every week in reach: this one's counts are taken away.
  await editAnswers(page, 'getTeamWeek', (week) => {
    for (const rep of week.reps)
      rep.cells = rep.cells.map((c) => emptyWeekCell(c.date, c.working, c.dayOff));
  });
  await page.goto(`${served.openUrl}#/team?view=week&week=2026-10-19`);
  await expect(page.getByText(/week of 19 October to 25 October 2026/)).toBeVisible();
  await expect(
    page.getByText(/days in Berlin \(UTC\+2, from 25 Oct UTC\+1\), each rep's on their own clock/),
  ).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'Nothing scheduled' })).toHaveText(
    'Nothing scheduled, logged or alerted for the team that week.',
  );
});

test('a week in the address that is no date is named, and this week shown', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team?view=week&week=2026-13-45`);
  await expect(page.getByText(/week of 23 November to 29 November 2026/)).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'No such week' })).toHaveText(
    'No such week as “2026-13-45”: showing this week.',
  );
  // Moving on from it leaves the message behind.
  await page.getByRole('button', { name: 'Previous week' }).click();
  await expect(page.getByText(/week of 16 November to 22 November 2026/)).toBeVisible();
  await expect(page.getByText('No such week')).toHaveCount(0);
});
