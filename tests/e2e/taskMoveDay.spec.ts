import { DateTime } from 'luxon';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { currentUser } from '../../src/main/core/session';
import { callApi, E2E_NOW, expect, test, type Served } from './webHostFixture';
import type { Locator, Page, Route } from '@playwright/test';

// "Move to…" moves a CRM task to a day of the rep's calendar (Zoho keeps a task's Due_Date, no
// time): the days it offers, and the day kept, are the rep's, wherever the organisation is (the
// demo's is in Berlin, weekdays 08:00–18:00).

const SUBJECT = 'E2E: send the renewal quote';
const TASK = 'e2e-move-day';

/**
 * The signed-in rep works from `zone` in the organisation's hours, with a task on p1 due `due`
 * (null: none, placed at a time only, as the demo's tasks are).
 */
function repWithTask(zone: string, due: string | null, placedAt: number) {
  return {
    write: (db: Db) => {
      const rep = currentUser(db);
      if (!rep) throw new Error('the demo has no rep');
      const raw = rawHandle(db);
      raw.prepare('update users set time_zone = ?, shift_id = null where id = ?').run(zone, rep.id);
      raw
        .prepare(
          `insert into activities (id, person_id, owner_id, signal, kind, channel, direction,
             started_at, duration_s, subject, status, source_module, source_id, due_date)
           values (?, 'p1', ?, null, 'task', 'task', 'out', ?, null, ?, 'scheduled', 'Tasks', ?, ?)`,
        )
        .run(TASK, rep.id, placedAt, SUBJECT, TASK, due);
    },
  };
}

const berlin9 = (date: string): number =>
  DateTime.fromISO(`${date}T09:00`, { zone: 'Europe/Berlin' }).toMillis();

async function openMoveForm(page: Page, served: Served) {
  await page.goto(`${served.openUrl}#/person/p1`);
  const row = page
    .getByRole('article', { name: 'Timeline' })
    .getByRole('listitem')
    .filter({ hasText: SUBJECT });
  await row.getByRole('button', { name: 'Move to…' }).click();
  const form = row.getByRole('form', { name: `Move “${SUBJECT}” to` });
  return { row, form };
}

/** The task's moves kept in the outbox, as the day each names. */
async function movedTo(page: Page, served: Served): Promise<unknown[]> {
  const outbox = await callApi(page.request, served, 'getOutbox', {});
  return outbox
    .filter((o) => o.kind === 'task')
    .map((o) => (o.payload as { dueDate?: string }).dueDate);
}

test.describe('a Tokyo rep at 18:00 on Monday 23 Nov (10:00 in Berlin)', () => {
  test.use({ beforeStart: repWithTask('Asia/Tokyo', '2026-11-23', berlin9('2026-11-23')) });

  test('a task due today is offered no “Today”; › Tomorrow (Tue 24 Nov) keeps 24 Nov, the day sent to Zoho', async ({
    page,
    served,
  }) => {
    expect(DateTime.fromMillis(E2E_NOW, { zone: 'Asia/Tokyo' }).toFormat('ccc d LLL HH:mm')).toBe(
      'Mon 23 Nov 18:00',
    );
    const { row, form } = await openMoveForm(page, served);
    const tomorrow = form.getByRole('button', { name: 'Tomorrow (Tue 24 Nov)' });
    await expect(tomorrow).toBeVisible();
    // Due today already: moving it to today would be no move.
    await expect(form.getByRole('button', { name: /^Today/ })).toHaveCount(0);
    // Tuesday is a working day: no second button for it.
    await expect(form.getByRole('button', { name: /Next working day/ })).toHaveCount(0);
    await tomorrow.click();
    await expect(form).toHaveCount(0);
    await expect(row).toContainText('24 Nov 2026task');
    expect(await movedTo(page, served)).toEqual(['2026-11-24']);
    const person = await callApi(page.request, served, 'getPerson', { id: 'p1' });
    expect(person.timeline.find((t) => t.id === TASK)?.dueDate).toBe('2026-11-24');
  });

  test('the day in the date field is said beside it as the app writes days, whatever the browser shows', async ({
    page,
    served,
  }) => {
    const { form } = await openMoveForm(page, served);
    const field = form.getByLabel(/^Due day/);
    await expect(field).toHaveValue('2026-11-24');
    await expect(form.locator('output')).toHaveText('Tue 24 Nov');
    await field.fill('2027-01-08');
    await expect(form.locator('output')).toHaveText('Fri 8 Jan 2027');
    await field.fill('');
    await expect(form.locator('output')).toHaveCount(0);
  });
});

test.describe('a New York rep at 23:30 on Sunday 1 Nov, the 25-hour day their clocks go back', () => {
  const ny = (iso: string): number =>
    DateTime.fromISO(iso, { zone: 'America/New_York' }).toMillis();
  // Placed at 00:30 (summer time) with no due date: 24 hours before now by UTC's clock, the same
  // Sunday on the rep's.
  test.use({
    startAt: ny('2026-11-01T23:30'),
    beforeStart: repWithTask('America/New_York', null, ny('2026-11-01T00:30')),
  });

  test('a task placed at a time today, with no due date, is offered no “Today”, and the same day typed is refused: nothing kept', async ({
    page,
    served,
  }) => {
    const { row, form } = await openMoveForm(page, served);
    await expect(form.getByRole('button')).toHaveText(['Tomorrow (Mon 2 Nov)', 'Move', 'Cancel']);
    await form.getByLabel(/^Due day/).fill('2026-11-01');
    await form.getByRole('button', { name: 'Move', exact: true }).click();
    await expect(row.getByRole('alert')).toHaveText(
      'The task is due Sun 1 Nov already: choose another day.',
    );
    expect(await movedTo(page, served)).toEqual([]);
    // The core refuses it too, naming the task: the form is not the only guard.
    await expect(
      callApi(page.request, served, 'changeTask', {
        activityId: TASK,
        action: 'move',
        dueDate: '2026-11-01',
      }),
    ).rejects.toThrow(`The task “${SUBJECT}” is due Sun 1 Nov already: nothing changed.`);
    expect(await movedTo(page, served)).toEqual([]);
  });
});

test.describe('a New York rep at 16:00 on Friday 23 Oct, two days before Europe’s clocks go back', () => {
  const friday4pm = DateTime.fromISO('2026-10-23T16:00', { zone: 'America/New_York' }).toMillis();
  test.use({
    startAt: friday4pm,
    beforeStart: repWithTask('America/New_York', '2026-10-22', berlin9('2026-10-22')),
  });

  test('an overdue task is offered Today, Tomorrow and the next working day, Monday 26 Oct; Monday is kept and sent', async ({
    page,
    served,
  }) => {
    const { row, form } = await openMoveForm(page, served);
    await expect(form.getByRole('button')).toHaveText([
      'Today (Fri 23 Oct)',
      'Tomorrow (Sat 24 Oct)',
      'Monday (Mon 26 Oct)',
      'Move',
      'Cancel',
    ]);
    await form.getByRole('button', { name: 'Next working day: Monday (Mon 26 Oct)' }).click();
    await expect(form).toHaveCount(0);
    await expect(row).toContainText('26 Oct 2026task');
    await expect(row).toContainText('planned');
    expect(await movedTo(page, served)).toEqual(['2026-10-26']);

    // After a reload, still Monday.
    await page.reload();
    await expect(
      page
        .getByRole('article', { name: 'Timeline' })
        .getByRole('listitem')
        .filter({ hasText: SUBJECT }),
    ).toContainText('26 Oct 2026task');
  });
});

test.describe('the form read again at each opening', () => {
  test.describe('a Tokyo rep at 18:00 on Monday 23 Nov', () => {
    test.use({ beforeStart: repWithTask('Asia/Tokyo', '2026-11-23', berlin9('2026-11-23')) });

    test('after a move to a day typed, the form opens on tomorrow again, not on the day the task is due now', async ({
      page,
      served,
    }) => {
      const { row, form } = await openMoveForm(page, served);
      const field = form.getByLabel(/^Due day/);
      await expect(field).toHaveValue('2026-11-24');
      await field.fill('2026-11-27');
      await form.getByRole('button', { name: 'Move', exact: true }).click();
      await expect(form).toHaveCount(0);
      await expect(row).toContainText('27 Nov 2026task');

      await row.getByRole('button', { name: 'Move to…' }).click();
      await expect(field).toHaveValue('2026-11-24');
      await form.getByRole('button', { name: 'Move', exact: true }).click();
      await expect(form).toHaveCount(0);
      await expect(row.getByRole('alert')).toHaveCount(0);
      await expect(row).toContainText('24 Nov 2026task');
      // The outbox lists the latest first.
      expect(await movedTo(page, served)).toEqual(['2026-11-24', '2026-11-27']);
    });
  });

  test.describe('a Berlin rep forty seconds before midnight on Monday 23 Nov', () => {
    const midnight = DateTime.fromISO('2026-11-24T00:00', { zone: 'Europe/Berlin' }).toMillis();
    test.use({
      startAt: midnight - 40_000,
      beforeStart: repWithTask('Europe/Berlin', '2026-11-20', berlin9('2026-11-20')),
    });

    test('opened again after midnight it offers Tuesday’s days, never Monday’s, even when Monday’s answer comes late', async ({
      page,
      served,
    }) => {
      // The host's clock runs on from 23:59:20; the test waits for it to pass midnight.
      test.setTimeout(120_000);
      const picks = (form: Locator) => form.getByRole('button', { name: /^(Today|Tomorrow)/ });
      const { row, form } = await openMoveForm(page, served);
      const field = form.getByLabel(/^Due day/);
      await expect(picks(form)).toHaveText(['Today (Mon 23 Nov)', 'Tomorrow (Tue 24 Nov)']);
      await form.getByRole('button', { name: 'Cancel' }).click();

      // The next opening's days, still read on Monday, are slow to arrive.
      let release = (): void => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let fetched = (): void => {};
      const answered = new Promise<void>((resolve) => (fetched = resolve));
      let late: Promise<void> | null = null;
      let reads = 0;
      await page.route('**/api/call/getTaskMoveDays', async (route: Route) => {
        if (reads++ > 0) return route.continue();
        const response = await route.fetch();
        fetched();
        late = released.then(() => route.fulfill({ response }));
        await late;
      });
      await row.getByRole('button', { name: 'Move to…' }).click();
      await answered;
      // Nothing from the last opening meanwhile: neither its days nor the day it proposed.
      await expect(form).toBeVisible();
      await expect(picks(form)).toHaveCount(0);
      await expect(field).toHaveValue('');
      await form.getByRole('button', { name: 'Cancel' }).click();

      await expect
        .poll(async () => (await callApi(page.request, served, 'getSession', {})).now, {
          timeout: 60_000,
        })
        .toBeGreaterThanOrEqual(midnight);
      await row.getByRole('button', { name: 'Move to…' }).click();
      await expect(picks(form)).toHaveText(['Today (Tue 24 Nov)', 'Tomorrow (Wed 25 Nov)']);
      await expect(field).toHaveValue('2026-11-25');

      // Monday's answer, read for the opening before, arrives now: it is dropped.
      release();
      await late;
      await page.waitForTimeout(500);
      await expect(picks(form)).toHaveText(['Today (Tue 24 Nov)', 'Tomorrow (Wed 25 Nov)']);
      await expect(field).toHaveValue('2026-11-25');
    });
  });
});
