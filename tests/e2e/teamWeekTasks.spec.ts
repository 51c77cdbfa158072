import type { APIRequestContext, Locator } from '@playwright/test';
import { DateTime } from 'luxon';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { taskOverdue } from '../../src/shared/taskDue';
import type { Served } from './servedHost';
import { callApi, expect, test } from './webHostFixture';

// Greta manages from Berlin on Monday 23 November, 10:00 (E2E_NOW). Anna left a Zoho task with no
// Due_Date (last changed Sunday 22 November, 16:00) open: her planner calls it overdue since
// Sunday's midnight and carries it onto today. The Team week must say the same of it.

test.use({
  beforeStart: {
    write: (db) => {
      const raw = rawHandle(db);
      const person = raw
        .prepare("select id from people where owner_id = 'u-r1' order by id limit 1")
        .pluck()
        .get() as string;
      raw
        .prepare(
          `insert into activities (id, person_id, owner_id, kind, channel, direction, started_at,
             subject, status, source_module, source_id, due_date) values ('e2e-sun-task', ?,
             'u-r1', 'task', 'task', 'out', ?, 'Send the brochure', 'scheduled', 'Tasks', 'zt-sun', null)`,
        )
        .run(person, DateTime.fromISO('2026-11-22T16:00', { zone: 'Europe/Berlin' }).toMillis());
    },
  },
});

/** A cell's lines as its button reads them out: between the rep and date, and "Open the day". */
async function cellLines(cell: Locator): Promise<string[]> {
  const spoken = (await cell.getAttribute('aria-label')) ?? '';
  return spoken.split('. ').slice(1, -1);
}

/** How many open tasks Anna's plan of `date` lists as overdue, on rows or in "Other tasks due". */
async function planOverdue(
  request: APIRequestContext,
  served: Served,
  date: string,
): Promise<number> {
  await callApi(request, served, 'setCurrentUser', { userId: 'u-r1' });
  const plan = await callApi(request, served, 'getPlanner', { date });
  await callApi(request, served, 'setCurrentUser', { userId: 'u-m1' });
  const tasks = new Map<string, boolean>();
  for (const r of plan.rows)
    if (r.next?.taskId) tasks.set(r.next.taskId, taskOverdue(r.next, plan.now, plan.repTz));
  for (const t of plan.tasksWithoutRow ?? []) tasks.set(t.id, taskOverdue(t, plan.now, plan.repTz));
  return [...tasks.values()].filter(Boolean).length;
}

/** The overdue count of a cell's "Tasks:" line (0 without one). */
function overdueOf(lines: readonly string[]): number {
  const tasks = lines.find((l) => l.startsWith('Tasks: ')) ?? '';
  return Number(/(\d+) overdue/.exec(tasks)?.[1] ?? 0);
}

test('a task with a time only reads overdue on its past day and on today’s cell, as Anna’s plan and the Team day say', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  const sundayOverdue = await planOverdue(page.request, served, '2026-11-22');
  const todayOverdue = await planOverdue(page.request, served, '2026-11-23');
  expect(sundayOverdue).toBeGreaterThan(0);

  // Last week: Sunday's cell counts the task as her plan of Sunday does, overdue, not apart.
  await page.goto(`${served.openUrl}#/team?view=week&week=2026-11-16`);
  const sunday = page.getByRole('button', { name: /^Anna Keller, Sunday 22 November\./ });
  await expect(sunday).toContainText('Tasks: ');
  const sundayLines = await cellLines(sunday);
  expect(sundayLines.join(' ')).not.toContain('no due date');
  expect(overdueOf(sundayLines)).toBe(sundayOverdue);

  // This week: today's cell names the open tasks her plan of today carries, as the day does.
  await page.goto(`${served.openUrl}#/team?view=week`);
  const today = page.getByRole('button', { name: /^Anna Keller, Monday 23 November\./ });
  await expect(today).toContainText('Tasks: ');
  const todayLines = await cellLines(today);
  expect(overdueOf(todayLines)).toBe(todayOverdue);
  await today.click();
  const lane = page.getByRole('group', { name: "Anna Keller's day" });
  for (const line of todayLines) await expect(lane.locator('.lane-head')).toContainText(line);
  const row = page.getByRole('table', { name: 'Coverage per rep' }).getByRole('row', {
    name: /^Anna Keller/,
  });
  await expect(row.locator('td').last()).toHaveText(todayLines.join(''));
});
