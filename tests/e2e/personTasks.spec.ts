import { DateTime } from 'luxon';
import type { Locator, Page } from '@playwright/test';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { DEMO_KEPT_NOTE, DEMO_KEPT_TOLD } from '../../src/main/db/repos/demoKeptHere';
import { callApi, E2E_NOW, expect, test, type Served } from './webHostFixture';

const SUBJECT = 'E2E: send the signed offer';
const HOUR = 3_600_000;

// A task open in the CRM, due two hours before the tests' instant: overdue on its person's page.
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
        .run(E2E_NOW - 2 * HOUR, SUBJECT);
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

test('“Move to…” › Tomorrow 09:00 puts the task at 09:00 tomorrow on the rep’s clock', async ({
  page,
  served,
}) => {
  const { row, zone } = await openTask(page, served);
  await row.getByRole('button', { name: 'Move to…' }).click();
  const form = row.getByRole('form', { name: `Move “${SUBJECT}” to` });
  await form.getByRole('button', { name: 'Tomorrow 09:00' }).click();
  const tomorrow9 = DateTime.fromMillis(E2E_NOW, { zone })
    .plus({ days: 1 })
    .set({ hour: 9, minute: 0, second: 0, millisecond: 0 })
    .toMillis();
  // Zoho keeps a task's day, not its time: the timeline shows the day the rep moved it to.
  await expect(row).toContainText(
    DateTime.fromMillis(tomorrow9, { zone }).toFormat('d LLL yyyy') + 'task',
  );
  await expect(row).toContainText('planned');
  await expect(row).not.toContainText('overdue');
  // Still open: it can be done or moved again.
  await expect(row.getByRole('button', { name: 'Mark done' })).toBeVisible();
});

test('a time typed in the past is refused, saying so, and the task stays as it was', async ({
  page,
  served,
}) => {
  const { row, zone } = await openTask(page, served);
  await row.getByRole('button', { name: 'Move to…' }).click();
  const form = row.getByRole('form', { name: `Move “${SUBJECT}” to` });
  const due = form.getByLabel(/^Due/);
  const past = E2E_NOW - 5 * HOUR;
  await due.fill(DateTime.fromMillis(past, { zone }).toFormat("yyyy-MM-dd'T'HH:mm"));
  await form.getByRole('button', { name: 'Move', exact: true }).click();
  // The core's sentence names the task: said once, not wrapped in a second "X was not moved".
  await expect(row.getByRole('alert')).toHaveText(
    /^The task “E2E: send the signed offer” cannot be moved to .*: that has passed\. Choose a later time\.$/,
  );
  await expect(row).toContainText('overdue');
  await expect(row).toContainText(shown(E2E_NOW - 2 * HOUR, zone));
  const outbox = await callApi(page.request, served, 'getOutbox', {});
  expect(outbox.filter((o) => o.kind === 'task')).toEqual([]);
});

test('a time the clocks skip (02:30 the night Berlin goes to summer time) is refused, naming the gap, and the task stays as it was', async ({
  page,
  served,
}) => {
  const { row, zone } = await openTask(page, served);
  expect(zone).toBe('Europe/Berlin');
  await row.getByRole('button', { name: 'Move to…' }).click();
  const form = row.getByRole('form', { name: `Move “${SUBJECT}” to` });
  await form.getByLabel(/^Due/).fill('2027-03-28T02:30');
  await form.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(row.getByRole('alert')).toHaveText(
    '02:30 does not exist on 28 Mar 2027 in Berlin: the clocks go forward from 02:00 to 03:00. Choose a time before 02:00 or from 03:00.',
  );
  await expect(row).not.toContainText('28 Mar 2027, 03:30');
  await expect(row).toContainText('overdue');
  await expect(row).toContainText(shown(E2E_NOW - 2 * HOUR, zone));
  const outbox = await callApi(page.request, served, 'getOutbox', {});
  expect(outbox.filter((o) => o.kind === 'task')).toEqual([]);

  // The minute after the gap is a time: the task moves there.
  await form.getByLabel(/^Due/).fill('2027-03-28T03:00');
  await form.getByRole('button', { name: 'Move', exact: true }).click();
  // Moved to that day (Zoho keeps the day, not the time).
  await expect(row).toContainText('28 Mar 2027task');
  await expect(row).toContainText('planned');
});
