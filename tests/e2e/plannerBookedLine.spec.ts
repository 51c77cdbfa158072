import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { currentUser } from '../../src/main/core/session';
import type { PlannerRow } from '../../src/shared/contract';
import { callApi, E2E_NOW, expect, test } from './webHostFixture';
import { expectShownWhole } from './sideLineShown';

// A call booked with someone who also has an open task: the row's side line names the booked call
// ahead of the task (what is next with the person), and the task keeps its button. The manager
// looking at the rep's plan from the team reads the same line.

const MINUTE = 60_000;
const TASK = 'e2e-booked-line-task-';

// Every one of the rep's people has a task Zoho holds open, placed 45 minutes before the tests'
// instant with no due date (so due all today, not overdue), and nothing else booked today:
// whoever the test books with has one.
test.use({
  beforeStart: {
    write: (db) => {
      const rep = currentUser(db);
      if (!rep) throw new Error('the demo has no rep');
      const raw = rawHandle(db);
      const people = raw
        .prepare(`select id from people where owner_id = ?`)
        .pluck()
        .all(rep.id) as string[];
      const clear = raw.prepare(
        `delete from activities where person_id = ? and (status = 'scheduled' or kind = 'meeting')`,
      );
      const task = raw.prepare(
        `insert into activities (id, person_id, owner_id, signal, kind, channel, direction,
           started_at, duration_s, subject, status, source_module, source_id)
         values (?, ?, ?, null, 'task', 'task', 'out', ?, null, 'Send the offer', 'scheduled',
           'Tasks', ?)`,
      );
      for (const person of people) {
        clear.run(person);
        task.run(`${TASK}${person}`, person, rep.id, E2E_NOW - 45 * MINUTE, `${TASK}${person}`);
      }
    },
  },
});

const list = (page: Page) => page.getByRole('list', { name: 'Today’s people' });
const rowOf = (page: Page, personId: string) =>
  list(page)
    .locator(`.plan-row:has(.person-link[href="#/person/${personId}"])`)
    .filter({ hasText: '☎ call' });

test('a call booked with someone whose task is open shows in the side line ahead of the task, on the rep’s plan and the manager’s view of it', async ({
  page,
  served,
}) => {
  const plan = await callApi(page.request, served, 'getPlanner', {});
  const callRows = plan.rows.filter((r) => r.channel === 'call');
  const once = (r: PlannerRow) => callRows.filter((o) => o.personId === r.personId).length === 1;
  const target = callRows.find(
    (r) =>
      r.state === 'upcoming' &&
      (r.stars ?? 0) >= 2 &&
      r.action === null &&
      r.next?.taskId?.startsWith(TASK) === true &&
      r.start !== null &&
      once(r),
  );
  if (!target?.start) throw new Error('no call row to come with an open task');
  const clock = (ms: number) => DateTime.fromMillis(ms, { zone: plan.repTz }).toFormat('HH:mm');
  const task = `task due at ${clock(E2E_NOW - 45 * MINUTE)}`;

  await page.goto(served.openUrl);
  await expect(page.locator('.user-picker-face')).toHaveText(/Anna Keller/);
  await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(target.name);
  const row = rowOf(page, target.personId);
  await expect(row.locator('.side-line')).toContainText(task);
  await expect(row.locator('.side-line')).not.toContainText('overdue');
  await row.getByRole('button', { name: 'Book' }).click();
  const dialog = page.getByRole('dialog', { name: `Book a call with ${target.name}` });
  const at = target.start + 10 * MINUTE;
  await dialog.getByLabel('Call time').fill(clock(at));
  await dialog.getByRole('button', { name: 'Book call' }).click();
  await expect(dialog).toBeHidden();

  // The booked call first, then the task, which is still a button (done or moved from the row):
  // both on screen, whole, in a 1400 px window. In a narrow one the booking stays whole and the
  // task's button gives way first (its name and the line's title have it whole).
  const booked = `call booked at ${clock(at)}`;
  await expect(row.locator('.side-line')).toContainText(`${booked} · ${task}`);
  const taskButton = row.getByRole('button', {
    name: /^Task “Send the offer”, task due at/,
  });
  await page.setViewportSize({ width: 1400, height: 820 });
  await expectShownWhole(row, booked);
  await expectShownWhole(row, task);
  await page.setViewportSize({ width: 1024, height: 700 });
  await expectShownWhole(row, booked);
  await expect(taskButton).toBeVisible();

  // The manager, on the rep's plan (TM-1): the same line, read-only, the booking on screen.
  await page.setViewportSize({ width: 1400, height: 820 });
  await page.getByLabel('Signed in as').selectOption({ label: 'Greta Lindqvist (manager)' });
  await page.getByRole('combobox', { name: 'Owner' }).selectOption({ label: 'Anna Keller' });
  await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(target.name);
  const managers = rowOf(page, target.personId);
  await expect(managers.locator('.side-line')).toContainText(`${booked} · ${task}`);
  await expectShownWhole(managers, booked);
});
