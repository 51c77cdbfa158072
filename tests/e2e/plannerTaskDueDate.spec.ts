import { DateTime } from 'luxon';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { currentUser } from '../../src/main/core/session';
import { callApi, E2E_NOW, expect, pauseClockSoon, test } from './webHostFixture';

const SUBJECT = 'E2E: call back about the renewal';
const TASK = 'e2e-task-due-today';
const NEW_YORK = 'America/New_York';
// Zoho's Due_Date, a day with no time: the tests' Monday 23 November. The app places it at 09:00
// Berlin (the organisation's hour, zohoActivityMap's dueInstant), 03:00 in New York, where the
// rep opens the planner at 04:00: an hour after that placing, twenty hours before the date ends.
const DUE_DATE = '2026-11-23';
const PLACED = DateTime.fromISO(`${DUE_DATE}T09:00`, { zone: 'Europe/Berlin' }).toMillis();

test.use({
  beforeStart: {
    write: (db) => {
      const rep = currentUser(db);
      if (!rep) throw new Error('the demo has no rep');
      const raw = rawHandle(db);
      raw.prepare(`update users set time_zone = ? where id = ?`).run(NEW_YORK, rep.id);
      const person = raw
        .prepare(`select id from people where owner_id = ? order by id limit 1`)
        .pluck()
        .get(rep.id) as string | undefined;
      if (!person) throw new Error(`the demo's ${rep.id} owns nobody`);
      raw
        .prepare(
          `delete from activities where person_id = ? and (status = 'scheduled' or kind = 'meeting')`,
        )
        .run(person);
      raw
        .prepare(
          `insert into activities (id, person_id, owner_id, signal, kind, channel, direction,
             started_at, duration_s, subject, status, source_module, source_id, due_date)
           values (?, ?, ?, null, 'task', 'task', 'out', ?, null, ?, 'scheduled', 'Tasks', ?, ?)`,
        )
        .run(TASK, person, rep.id, PLACED, SUBJECT, TASK, DUE_DATE);
    },
  },
});

test('a New York rep at 04:00 reads a task due today as “task due today”, not overdue from the organisation’s 09:00, in the row, its dialog and the person page', async ({
  page,
  served,
}) => {
  const plan = await callApi(page.request, served, 'getPlanner', {});
  expect(plan.repTz).toBe(NEW_YORK);
  expect(DateTime.fromMillis(E2E_NOW, { zone: NEW_YORK }).toFormat('yyyy-MM-dd HH:mm')).toBe(
    `${DUE_DATE} 04:00`,
  );
  const booked = plan.rows.find((r) => r.next?.taskId === TASK);
  if (!booked) throw new Error('the task is on no row of the plan');
  await page.goto(served.openUrl);
  await pauseClockSoon(page);
  await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(booked.name);
  const row = page
    .getByRole('list', { name: 'Today’s people' })
    .locator(`.plan-row:has(.person-link[href="#/person/${booked.personId}"])`)
    .first();
  const side = row.locator('.side-line');
  await expect(side).toContainText('task due today');
  await expect(side).not.toContainText('overdue');
  // No clock time: 03:00 is where the app placed the date, not when it is due.
  const task = row.getByRole('button', {
    name: `Task “${SUBJECT}”, task due today: mark done or move (t)`,
  });
  await expect(task).toHaveText('task due today');

  await task.click();
  const dialog = page.getByRole('dialog', { name: `Task for ${booked.name}` });
  await expect(dialog).toContainText(`for ${booked.name}, due today`);
  await expect(dialog).not.toContainText('overdue');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // The person page's timeline: planned, dated by its due date with no clock time.
  const person = await callApi(page.request, served, 'getPerson', { id: booked.personId });
  expect(person.timeline.find((t) => t.id === TASK)).toEqual(
    expect.objectContaining({ status: 'scheduled', dueDate: DUE_DATE }),
  );
  await page.goto(`${served.openUrl}#/person/${booked.personId}`);
  const item = page
    .getByRole('article', { name: 'Timeline' })
    .locator('li')
    .filter({ hasText: SUBJECT });
  await expect(item).toContainText('23 Nov 2026');
  await expect(item).toContainText('planned');
  await expect(item).not.toContainText('overdue');
  await expect(item).not.toContainText('03:00');
});
