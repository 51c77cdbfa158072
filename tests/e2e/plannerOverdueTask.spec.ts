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
        .all(rep.id, TASKS.length) as string[];
      if (people.length < TASKS.length) throw new Error(`the demo's ${rep.id} owns too few`);
      TASKS.forEach((t, i) => {
        const person = people[i] as string;
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
          .run(
            t.id,
            person,
            rep.id,
            DateTime.fromISO(`${t.due}T09:00`, { zone: BERLIN }).toMillis(),
            t.subject,
            t.id,
            t.due,
          );
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
