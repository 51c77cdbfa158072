import { DateTime } from 'luxon';
import type { Page } from '@playwright/test';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { currentUser } from '../../src/main/core/session';
import { DEMO_KEPT_TOLD } from '../../src/main/db/repos/demoKeptHere';
import { callApi, E2E_NOW, expect, pauseClockSoon, test, type Served } from './webHostFixture';

const SUBJECT = 'E2E: send the price list';
const TASK = 'e2e-plan-task';
const MINUTE = 60_000;

// A task the CRM holds open for someone on the rep's plan, placed 45 minutes before the tests'
// instant with no due date: due all today, the row's side line says "task due at …", not overdue
// (Zoho's rule: overdue once the day is over). The person's other work booked
// today goes, so the task is what the side line names.
test.use({
  beforeStart: {
    write: (db) => {
      const rep = currentUser(db);
      if (!rep) throw new Error('the demo has no rep');
      const raw = rawHandle(db);
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
             started_at, duration_s, subject, status, source_module, source_id)
           values (?, ?, ?, null, 'task', 'task', 'out', ?, null, ?, 'scheduled', 'Tasks', ?)`,
        )
        .run(TASK, person, rep.id, E2E_NOW - 45 * MINUTE, SUBJECT, TASK);
    },
  },
});

const list = (page: Page) => page.getByRole('list', { name: 'Today’s people' });

/** The plan filtered to the task's person; their rows, and the rep's zone. */
async function openRow(page: Page, served: Served) {
  const plan = await callApi(page.request, served, 'getPlanner', {});
  const booked = plan.rows.find((r) => r.next?.taskId === TASK);
  if (!booked) throw new Error('the task is on no row of the plan');
  await page.goto(served.openUrl);
  await pauseClockSoon(page);
  await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(booked.name);
  const rows = list(page).locator(
    `.plan-row:has(.person-link[href="#/person/${booked.personId}"])`,
  );
  const clock = (at: number) => DateTime.fromMillis(at, { zone: plan.repTz }).toFormat('HH:mm');
  await expect(rows.first().locator('.side-line')).toContainText(
    `task due at ${clock(E2E_NOW - 45 * MINUTE)}`,
  );
  await expect(rows.first().locator('.side-line')).not.toContainText('overdue');
  return { rows, booked, zone: plan.repTz, clock };
}

test('the task in a row’s side line is marked done from the row: the line goes at once, and the demo keeps the change here', async ({
  page,
  served,
}) => {
  const { rows, booked } = await openRow(page, served);
  await rows
    .first()
    .getByRole('button', { name: new RegExp(`^Task “${SUBJECT}”, task due at`) })
    .click();
  const dialog = page.getByRole('dialog', { name: `Task for ${booked.name}` });
  await expect(dialog).toContainText(SUBJECT);
  await dialog.getByRole('button', { name: 'Mark done' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(rows.first().locator('.side-line')).not.toContainText('task due');
  // The demo has no CRM: the first change says so once (demoKeptHere.ts).
  await expect(page.locator('.plan-note[role="status"]')).toHaveText(
    `${booked.name}: task “${SUBJECT}” done. ${DEMO_KEPT_TOLD}`,
  );
  const outbox = await callApi(page.request, served, 'getOutbox', {});
  expect(outbox.filter((o) => o.kind === 'task')).toEqual([
    expect.objectContaining({
      payload: expect.objectContaining({ activityId: TASK, action: 'done' }),
    }),
  ]);
  // The person page says the same.
  const person = await callApi(page.request, served, 'getPerson', { id: booked.personId });
  expect(person.timeline.find((t) => t.id === TASK)?.status).toBe('completed');
});

test('t on the selected row opens its task with the focus on Mark done; Escape cancels; “Move to…” offers no Today for a task placed earlier today, and › Tomorrow (a day, no time) moves it', async ({
  page,
  served,
}) => {
  const { rows, booked, zone } = await openRow(page, served);
  const row = rows.first();
  await row.click({ position: { x: 5, y: 5 } });
  await expect(row).toHaveAttribute('aria-current', 'true');

  await page.keyboard.press('t');
  const dialog = page.getByRole('dialog', { name: `Task for ${booked.name}` });
  await expect(dialog.getByRole('button', { name: 'Mark done' })).toBeFocused();
  // Escape cancels: nothing changed, the task still due on the row.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(row.locator('.side-line')).toContainText('task due at');
  expect(
    (await callApi(page.request, served, 'getOutbox', {})).filter((o) => o.kind === 'task'),
  ).toEqual([]);

  await page.keyboard.press('t');
  await expect(dialog.getByRole('button', { name: 'Mark done' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  // A day, not a time: Zoho keeps a task's due date (Due_Date) and no hour. Placed earlier today
  // with no due date, the task is due today already: Today would only drop its hour (taskDue.ts).
  const today = DateTime.fromMillis(E2E_NOW, { zone }).toFormat('ccc d LLL');
  const tomorrow = DateTime.fromMillis(E2E_NOW, { zone }).plus({ days: 1 }).toFormat('ccc d LLL');
  const tomorrowPick = dialog.getByRole('button', { name: `Tomorrow (${tomorrow})` });
  await expect(tomorrowPick).toBeVisible();
  await expect(dialog.getByRole('button', { name: `Today (${today})` })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: /Later today|09:00/ })).toHaveCount(0);
  await tomorrowPick.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.plan-note[role="status"]')).toContainText(
    `${booked.name}: task “${SUBJECT}” moved to ${tomorrow}.`,
  );
  const outbox = await callApi(page.request, served, 'getOutbox', {});
  expect(outbox.filter((o) => o.kind === 'task')).toEqual([
    expect.objectContaining({
      payload: expect.objectContaining({
        action: 'move',
        dueDate: DateTime.fromMillis(E2E_NOW, { zone }).plus({ days: 1 }).toISODate(),
      }),
    }),
  ]);
});
