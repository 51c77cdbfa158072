import type { Locator } from '@playwright/test';
import { DateTime } from 'luxon';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { callApi, expect, test } from './webHostFixture';

// Greta manages from Berlin on Monday 23 November, 10:00 (E2E_NOW). She reads a rep's cell of the
// Team week ("Calls: 23 logged in Zoho · 6 not done. Tasks: 4 due"), opens it, and checks the number in the
// day: the day names the same calls and tasks, apart from its windows (audit46 problems 2 and 5).

test.use({
  beforeStart: {
    // Zoho holds a call for Anna on Tuesday 11:00 (Berlin) as scheduled, and a task due that day.
    write: (db) => {
      const raw = rawHandle(db);
      const person = raw
        .prepare("select id from people where owner_id = 'u-r1' order by id limit 1")
        .pluck()
        .get() as string;
      const at = DateTime.fromISO('2026-11-24T11:00', { zone: 'Europe/Berlin' }).toMillis();
      const row = raw.prepare(
        `insert into activities (id, person_id, owner_id, kind, channel, direction, started_at, subject,
           status, source_module, source_id, due_date) values (?, ?, 'u-r1', ?, ?, 'out', ?, ?,
           'scheduled', ?, ?, ?)`,
      );
      row.run('e2e-tue-call', person, 'call', 'call', at, 'Call back', 'Calls', 'zc1', null);
      row.run(
        'e2e-tue-task',
        person,
        'task',
        'task',
        at,
        'Send the offer',
        'Tasks',
        'zt1',
        '2026-11-24',
      );
    },
  },
});

/** A cell's lines as its button reads them out: between the rep and date, and "Open the day". */
async function cellLines(cell: Locator): Promise<string[]> {
  const spoken = (await cell.getAttribute('aria-label')) ?? '';
  return spoken.split('. ').slice(1, -1);
}

test('a cell of the week opened: the day names its calls and tasks for the rep, and the team’s beside its windows', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team?view=week`);
  const week = page.getByRole('table', { name: "The team's week" });
  // Chloe works in Sydney, where Monday is nearly over: calls made and not done, tasks due.
  const cell = week.getByRole('button', { name: /^Chloe Martin, Monday 23 November\./ });
  const lines = await cellLines(cell);
  expect(lines.some((l) => /^Calls: \d+ logged in Zoho · \d+ not done/.test(l))).toBe(true);
  const teamLines = (await week.locator('tfoot td').first().innerText()).split('\n');
  expect(teamLines.some((l) => l.startsWith('Calls: '))).toBe(true);

  await cell.click();
  await expect(
    page.getByText(/Greta Lindqvist's team · Monday 23 November · times in/),
  ).toBeVisible();
  // The week it came from is in the address, as a past week's is.
  expect(new URL(page.url()).hash).toBe('#/team?week=2026-11-23');
  const lane = page
    .getByRole('region', { name: "The team's day" })
    .getByRole('group', { name: "Chloe Martin's day" });
  for (const line of lines) await expect(lane.locator('.lane-head')).toContainText(line);
  // The lane's own count is of windows, and says so.
  await expect(lane.locator('.lane-windows')).toContainText(/^Windows: \d+ of \d+ due worked/);
  // The coverage table: the rep's calls and tasks, and the team's, in a column named for them.
  const table = page.getByRole('table', { name: 'Coverage per rep' });
  await expect(table.getByRole('columnheader', { name: 'Calls and tasks' })).toBeVisible();
  const row = table.getByRole('row', { name: /^Chloe Martin/ });
  // Both name the open tasks her planner carries onto today from earlier days, the same words.
  await expect(row.locator('td').last()).toHaveText(lines.join(''));
  await expect(table.locator('tfoot td').last()).toHaveText(teamLines.join(''));
});

test('a day of this week opened from its cell keeps the week in the address; Back and Week return to it', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team?view=week`);
  const cell = page.getByRole('button', { name: /^Anna Keller, Tuesday 24 November\./ });
  const lines = await cellLines(cell);
  await cell.click();
  await expect(page.getByText(/Greta Lindqvist's team · Tuesday 24 November · /)).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/team?day=2026-11-24&week=2026-11-23');
  const lane = page.getByRole('group', { name: "Anna Keller's day" });
  expect(lines).toEqual(['Calls: 1 scheduled', 'Tasks: 1 due']);
  for (const line of lines) await expect(lane.locator('.lane-head')).toContainText(line);

  await page.goBack();
  await expect(page.getByText(/week of 23 November to 29 November 2026/)).toBeVisible();
  await cell.click();
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Week' }).click();
  await expect(page.getByText(/week of 23 November to 29 November 2026/)).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/team?view=week&week=2026-11-23');
});
