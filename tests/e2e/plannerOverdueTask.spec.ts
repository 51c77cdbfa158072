import { DateTime } from 'luxon';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { currentUser } from '../../src/main/core/session';
import { callApi, E2E_NOW, expect, pauseClockSoon, test } from './webHostFixture';

const BERLIN = 'Europe/Berlin';
// The tests' today is Monday 23 November: a task due Sunday was due yesterday, one due Friday
// 20 November last week. Zoho keeps both in its overdue view until they are done.
const TASKS = [
  { id: 'e2e-task-yesterday', due: '2026-11-22', subject: 'E2E: send the signed order' },
  { id: 'e2e-task-friday', due: '2026-11-20', subject: 'E2E: chase the quote' },
] as const;
// A task with a time only (no Due_Date, as the demo's and many Zoho tasks are), placed at 08:45
// this morning, 75 minutes before the tests' 10:00: still due today, not overdue (Zoho's rule).
const TIME_ONLY = {
  id: 'e2e-task-this-morning',
  at: E2E_NOW - 75 * 60_000,
  subject: 'E2E: send the price list',
} as const;

test.use({
  beforeStart: {
    write: (db) => {
      const rep = currentUser(db);
      if (!rep) throw new Error('the demo has no rep');
      const raw = rawHandle(db);
      raw.prepare(`update users set time_zone = ? where id = ?`).run(BERLIN, rep.id);
      const people = raw
        .prepare(`select id from people where owner_id = ? order by id limit ?`)
        .pluck()
        .all(rep.id, TASKS.length + 1) as string[];
      if (people.length < TASKS.length + 1) throw new Error(`the demo's ${rep.id} owns too few`);
      const clear = raw.prepare(
        `delete from activities where person_id = ? and (status = 'scheduled' or kind = 'meeting')`,
      );
      const insert = raw.prepare(
        `insert into activities (id, person_id, owner_id, signal, kind, channel, direction,
           started_at, duration_s, subject, status, source_module, source_id, due_date)
         values (?, ?, ?, null, 'task', 'task', 'out', ?, null, ?, 'scheduled', 'Tasks', ?, ?)`,
      );
      const rows = [
        ...TASKS.map((t) => ({
          ...t,
          at: DateTime.fromISO(`${t.due}T09:00`, { zone: BERLIN }).toMillis(),
        })),
        { ...TIME_ONLY, due: null },
      ];
      rows.forEach((t, i) => {
        const person = people[i] as string;
        clear.run(person);
        insert.run(t.id, person, rep.id, t.at, t.subject, t.id, t.due);
      });
    },
  },
});

for (const [task, words] of [
  [TASKS[0], 'overdue: task due yesterday'],
  [TASKS[1], 'overdue: task due Fri 20 Nov'],
] as const)
  test(`an open task due ${task.due} is on today’s plan, its row’s side line reading “${words}”, with its Done / Move to… dialog`, async ({
    page,
    served,
  }) => {
    const plan = await callApi(page.request, served, 'getPlanner', {});
    expect(plan.date).toBe(DateTime.fromMillis(E2E_NOW, { zone: BERLIN }).toISODate());
    const booked = plan.rows.find((r) => r.next?.taskId === task.id);
    if (!booked) throw new Error(`the task due ${task.due} is on no row of today’s plan`);
    await page.goto(served.openUrl);
    await pauseClockSoon(page);
    await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(booked.name);
    const row = page
      .getByRole('list', { name: 'Today’s people' })
      .locator(`.plan-row:has(.person-link[href="#/person/${booked.personId}"])`)
      .first();
    await expect(row.locator('.side-line')).toContainText(words);
    const button = row.getByRole('button', {
      name: `Task “${task.subject}”, ${words}: mark done or move (t)`,
    });
    await expect(button).toHaveText(words);
    await button.click();
    const dialog = page.getByRole('dialog', { name: `Task for ${booked.name}` });
    await expect(dialog).toContainText('overdue: was due');
    await expect(dialog.getByRole('button', { name: 'Mark done' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Move to…' })).toBeVisible();
  });

test('a task with a time only, placed at 08:45 this morning, reads “task due at 08:45” at 10:00, not overdue, while one due yesterday is overdue', async ({
  page,
  served,
}) => {
  const plan = await callApi(page.request, served, 'getPlanner', {});
  const morning = plan.rows.find((r) => r.next?.taskId === TIME_ONLY.id);
  const yesterday = plan.rows.find((r) => r.next?.taskId === TASKS[0].id);
  if (!morning || !yesterday) throw new Error('the tasks are on no row of today’s plan');
  const words = `task due at ${DateTime.fromMillis(TIME_ONLY.at, { zone: BERLIN }).toFormat('HH:mm')}`;
  expect(words).toBe('task due at 08:45');
  await page.goto(served.openUrl);
  await pauseClockSoon(page);
  const filter = page.getByRole('searchbox', { name: 'Filter the plan' });
  const rowOf = (personId: string) =>
    page
      .getByRole('list', { name: 'Today’s people' })
      .locator(`.plan-row:has(.person-link[href="#/person/${personId}"])`)
      .first();

  await filter.fill(morning.name);
  const row = rowOf(morning.personId);
  const button = row.getByRole('button', {
    name: `Task “${TIME_ONLY.subject}”, ${words}: mark done or move (t)`,
  });
  await expect(button).toHaveText(words);
  await expect(row.locator('.side-line')).not.toContainText('overdue');
  await button.click();
  const dialog = page.getByRole('dialog', { name: `Task for ${morning.name}` });
  await expect(dialog).toContainText(`“${TIME_ONLY.subject}” for ${morning.name}, due at 08:45`);
  await expect(dialog).not.toContainText('overdue');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await filter.fill(yesterday.name);
  await expect(rowOf(yesterday.personId).locator('.side-line')).toContainText(
    'overdue: task due yesterday',
  );

  // Its person's page words it as the plan does: planned, not overdue, all today.
  await page.goto(`${served.openUrl}#/person/${morning.personId}`);
  const entry = page
    .getByRole('article', { name: 'Timeline' })
    .getByRole('listitem')
    .filter({ hasText: TIME_ONLY.subject });
  await expect(entry).toContainText('planned');
  await expect(entry).not.toContainText('overdue');
});
