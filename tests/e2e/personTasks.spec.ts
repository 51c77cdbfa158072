import { DateTime } from 'luxon';
import type { Locator, Page } from '@playwright/test';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { DEMO_KEPT_NOTE, DEMO_KEPT_TOLD } from '../../src/main/db/repos/demoKeptHere';
import { callApi, E2E_NOW, expect, test, type Served } from './webHostFixture';

const SUBJECT = 'E2E: send the signed offer';
const HOUR = 3_600_000;

// A task open in the CRM with a time only (no due date), placed the day before the tests' instant:
// overdue on its person's page, and Today is a move (placed earlier today, today would be its day).
const PLACED = E2E_NOW - 26 * HOUR;
test.use({
  beforeStart: {
    write: (db) => {
      rawHandle(db)
        .prepare(
          `insert into activities (id, person_id, owner_id, signal, kind, channel, direction,
             started_at, duration_s, subject, status, source_module, source_id)
           values ('e2e-task', 'p1', null, null, 'task', 'task', 'out', ?, null, ?, 'scheduled',
             'Tasks', 'e2e-task')`,
        )
        .run(PLACED, SUBJECT);
    },
  },
});

async function openTask(page: Page, served: Served): Promise<{ row: Locator; zone: string }> {
  const session = await callApi(page.request, served, 'getSession', {});
  const zone = session.currentUser?.timeZone ?? session.org.timeZone;
  await page.goto(`${served.openUrl}#/person/p1`);
  const row = page
    .getByRole('article', { name: 'Timeline' })
    .getByRole('listitem')
    .filter({ hasText: SUBJECT });
  await expect(row).toContainText('overdue');
  return { row, zone };
}

const shown = (at: number, zone: string): string =>
  DateTime.fromMillis(at, { zone }).toFormat('d LLL yyyy, HH:mm');

test('an overdue task is marked done from the keyboard: it shows done, after a reload too, and the demo keeps it here, saying so', async ({
  page,
  served,
}) => {
  const { row } = await openTask(page, served);
  const done = row.getByRole('button', { name: 'Mark done' });
  await done.focus();
  await page.keyboard.press('Enter');
  await expect(row).toContainText('done');
  await expect(row).not.toContainText('overdue');
  await expect(row.getByRole('button', { name: 'Mark done' })).toHaveCount(0);
  // The demo has no CRM: said once, with this first change.
  await expect(page.getByRole('article', { name: 'Timeline' }).getByRole('status')).toHaveText(
    DEMO_KEPT_TOLD,
  );

  await page.reload();
  const again = page
    .getByRole('article', { name: 'Timeline' })
    .getByRole('listitem')
    .filter({ hasText: SUBJECT });
  await expect(again).toContainText('done');
  await expect(again.getByRole('button', { name: 'Mark done' })).toHaveCount(0);
  const outbox = await callApi(page.request, served, 'getOutbox', {});
  expect(outbox.filter((o) => o.kind === 'task')).toEqual([
    expect.objectContaining({
      pushedAt: expect.any(Number),
      lastError: DEMO_KEPT_NOTE,
      payload: expect.objectContaining({ activityId: 'e2e-task', action: 'done' }),
    }),
  ]);
});

const day = (at: number, zone: string): string =>
  DateTime.fromMillis(at, { zone }).toFormat('ccc d LLL');

test('“Move to…” offers days, not times: › Tomorrow moves the task to tomorrow on the rep’s calendar', async ({
  page,
  served,
}) => {
  const { row, zone } = await openTask(page, served);
  await row.getByRole('button', { name: 'Move to…' }).click();
  const form = row.getByRole('form', { name: `Move “${SUBJECT}” to` });
  const tomorrow = DateTime.fromMillis(E2E_NOW, { zone }).plus({ days: 1 });
  // Overdue: today is a move too. No clock time anywhere: Zoho keeps the day only.
  await expect(form.getByRole('button', { name: `Today (${day(E2E_NOW, zone)})` })).toBeVisible();
  await expect(form.getByLabel(/^Due day/)).toHaveAttribute('type', 'date');
  await expect(form).not.toContainText(/\d\d:\d\d/);
  await form.getByRole('button', { name: `Tomorrow (${tomorrow.toFormat('ccc d LLL')})` }).click();
  // The timeline shows the day the rep moved it to.
  await expect(row).toContainText(tomorrow.toFormat('d LLL yyyy') + 'task');
  await expect(row).toContainText('planned');
  await expect(row).not.toContainText('overdue');
  // Still open: it can be done or moved again.
  await expect(row.getByRole('button', { name: 'Mark done' })).toBeVisible();
  const outbox = await callApi(page.request, served, 'getOutbox', {});
  expect(outbox.filter((o) => o.kind === 'task')).toEqual([
    expect.objectContaining({
      payload: expect.objectContaining({ action: 'move', dueDate: tomorrow.toISODate() }),
    }),
  ]);
});

test('a day typed before today is refused, saying so, and the task stays as it was; a later day moves it', async ({
  page,
  served,
}) => {
  const { row, zone } = await openTask(page, served);
  await row.getByRole('button', { name: 'Move to…' }).click();
  const form = row.getByRole('form', { name: `Move “${SUBJECT}” to` });
  const due = form.getByLabel(/^Due day/);
  const yesterday = E2E_NOW - 24 * HOUR;
  await due.fill(DateTime.fromMillis(yesterday, { zone }).toISODate() ?? '');
  await form.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(row.getByRole('alert')).toHaveText(
    `${day(yesterday, zone)} has passed. Choose today (${day(E2E_NOW, zone)}) or a later day.`,
  );
  await expect(row).toContainText('overdue');
  await expect(row).toContainText(shown(PLACED, zone));
  expect(
    (await callApi(page.request, served, 'getOutbox', {})).filter((o) => o.kind === 'task'),
  ).toEqual([]);

  await due.fill('2027-03-29');
  await form.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(row).toContainText('29 Mar 2027task');
  await expect(row).toContainText('planned');
});
