import { DateTime } from 'luxon';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { callApi, E2E_NOW, expect, test } from './webHostFixture';

// A sales manager on a Monday (E2E_NOW: Monday 23 November, 10:00 in Berlin) wants the week:
// Team › Week, a row per rep, a column per day, what each rep has scheduled and did.

/** Wednesday of the tests' week, 11:00 in Berlin. */
const WEDNESDAY_11 = DateTime.fromMillis(E2E_NOW, { zone: 'Europe/Berlin' })
  .plus({ days: 2 })
  .set({ hour: 11 })
  .toMillis();

test.use({
  beforeStart: {
    // Anna books a call here for Wednesday (Book on the planner): not yet sent to the CRM.
    write: (db) => {
      const raw = rawHandle(db);
      const person = raw
        .prepare("select id from people where owner_id = 'u-r1' order by id limit 1")
        .pluck()
        .get() as string;
      raw
        .prepare(
          `insert into activities (id, person_id, owner_id, kind, channel, direction, started_at, subject,
             status, source_module) values ('e2e-week-booked', ?, 'u-r1', 'call', 'call', 'out', ?,
             'Call booked here', 'scheduled', 'local')`,
        )
        .run(person, WEDNESDAY_11);
      // Two of Anna's Zoho tasks due last Tuesday (17 November): one closed on the Thursday, one
      // still open. Stored as the sync stores them: the closing time, or 09:00 of the due date.
      const task = raw.prepare(
        `insert into activities (id, person_id, owner_id, kind, channel, direction, started_at, subject,
           status, source_module, source_id, due_date) values (?, ?, 'u-r1', 'task', 'task', 'out', ?,
           ?, ?, 'Tasks', ?, '2026-11-17')`,
      );
      const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
      task.run(
        'e2e-due-closed',
        person,
        at('2026-11-19T15:00'),
        'Send the offer',
        'completed',
        'z1',
      );
      task.run('e2e-due-open', person, at('2026-11-17T09:00'), 'Book the demo', 'scheduled', 'z2');
    },
  },
});

test('a manager switches to the week, reads a rep’s day in it, and opens that day', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  const week = await callApi(page.request, served, 'getTeamWeek', {});
  const anna = week.reps.find((r) => r.name === 'Anna Keller');
  const wednesday = anna?.cells[2];
  if (!wednesday) throw new Error('Anna Keller has no week');
  expect(wednesday.booked).toBe(1);

  await page.goto(`${served.openUrl}#/team`);
  await expect(page.getByRole('region', { name: "The team's day" })).toBeVisible();
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Week' }).click();
  const table = page.getByRole('table', { name: "The team's week" });
  await expect(table).toBeVisible();
  await expect(
    page.getByText(/Greta Lindqvist's team · week of 23 November to 29 November 2026/),
  ).toBeVisible();
  // Monday to Sunday, then the week's totals; one row per rep of the day view, then the team's.
  await expect(table.locator('thead th')).toHaveText([
    'Rep',
    'Mon 23 Nov',
    'Tue 24 Nov',
    'Wed 25 Nov',
    'Thu 26 Nov',
    'Fri 27 Nov',
    'Sat 28 Nov',
    'Sun 29 Nov',
    'Week',
  ]);
  await expect(table.locator('tbody tr')).toHaveCount(week.reps.length);

  // Anna's Wednesday: the calls scheduled, the one booked here among them, read out whole.
  const cell = table.getByRole('button', { name: /^Anna Keller, Wednesday 25 November\./ });
  await expect(cell).toContainText(`Calls: ${wednesday.callsScheduled} scheduled (1 booked here)`);
  await expect(cell).toHaveAccessibleName(
    /Calls: \d+ scheduled \(1 booked here\)\..*Open the day$/,
  );
  // The organisation is closed at weekends: Anna's Saturday says so.
  await expect(
    table.getByRole('button', { name: /^Anna Keller, Saturday 28 November\. Not a working day/ }),
  ).toBeVisible();

  // The choice survives a reload.
  await page.reload();
  await expect(page.getByRole('table', { name: "The team's week" })).toBeVisible();

  // Last week: past days say what was done against what was planned.
  await page.getByRole('button', { name: 'Previous week' }).click();
  await expect(page.getByText(/week of 16 November to 22 November 2026/)).toBeVisible();
  const last = await callApi(page.request, served, 'getTeamWeek', { week: '2026-11-16' });
  const made = last.reps.find((r) => r.name === 'Anna Keller')?.cells[1]?.callsMade ?? 0;
  expect(made).toBeGreaterThan(0);
  const tuesday = page.getByRole('button', { name: /^Anna Keller, Tuesday 17 November\./ });
  await expect(tuesday).toContainText(`Calls: ${made} logged in Zoho`);
  // Audit50 8: the line says what it counts, beside the rep's planner's own rows marked done.
  await expect(tuesday.getByText(`Calls: ${made} logged in Zoho`)).toHaveAttribute(
    'title',
    /^Logged in Zoho: every call the CRM holds as made by the rep that day, on their plan or not\. The rep’s planner counts only its own rows/,
  );
  // Tasks on the day they were due, done of due, the open ones overdue: the task closed on
  // Thursday counts on Tuesday, not on Thursday.
  const annaLast = last.reps.find((r) => r.name === 'Anna Keller')?.cells ?? [];
  const due = annaLast[1]?.tasks ?? 0;
  const done = annaLast[1]?.tasksDone ?? 0;
  expect([due, done, annaLast[3]?.tasksDone ?? 0]).toEqual([2, 1, 0]);
  await expect(tuesday).toContainText('Tasks: 1 of 2 done · 1 overdue');
  await expect(
    page.getByRole('button', { name: /^Anna Keller, Thursday 19 November\./ }),
  ).not.toContainText('Tasks:');
  await page.getByRole('button', { name: 'This week' }).click();

  // The cell opens that day in the day view, from the keyboard as with the mouse.
  await page.getByRole('button', { name: /^Anna Keller, Wednesday 25 November\./ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: "The team's day" })).toBeVisible();
  await expect(
    page.getByText(/Greta Lindqvist's team · Wednesday 25 November · times in/),
  ).toBeVisible();
  await expect(
    page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Day' }),
  ).toHaveAttribute('aria-pressed', 'true');
});

/** A4 landscape less the print's 10 mm margins, in CSS pixels (277 mm × 190 mm at 96 dpi). */
const SHEET = { width: 1047, height: 718 };

test('printed, the week is one landscape sheet: the title and the table, no app chrome', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.setViewportSize({ width: 1280, height: 820 });
  await page.goto(`${served.openUrl}#/team?view=week`);
  const table = page.getByRole('table', { name: "The team's week" });
  await expect(table).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: SHEET.width, height: SHEET.height });
  for (const chrome of [
    page.getByRole('navigation'),
    page.getByRole('note').filter({ hasText: 'Sample data' }),
    page.getByRole('button', { name: 'Previous week' }),
    page.getByRole('combobox', { name: 'Channel' }),
  ])
    await expect(chrome).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  await expect(page.getByText(/Greta Lindqvist's team · week of 23 November/)).toBeVisible();
  await expect(table).toBeVisible();
  const box = await table.boundingBox();
  if (!box) throw new Error('the week has no table');
  expect(box.x + box.width, 'the table is as wide as the sheet at most').toBeLessThanOrEqual(
    SHEET.width,
  );
  expect(box.y + box.height, 'the title and the table fit one sheet').toBeLessThanOrEqual(
    SHEET.height,
  );
  await page.screenshot({ path: test.info().outputPath('week-print.png'), fullPage: true });
});

test('an admin’s week is the whole organisation’s, as their day is', async ({ page, served }) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-a1' });
  await page.goto(`${served.openUrl}#/team?view=week`);
  await expect(page.getByRole('table', { name: "The team's week" })).toBeVisible();
  await expect(
    page.getByText(/^The whole organisation · week of 23 November to 29 November 2026/),
  ).toBeVisible();
  await expect(page.getByText(/Ingrid Vogel's team/)).toHaveCount(0);
});
