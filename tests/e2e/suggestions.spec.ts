import { DateTime } from 'luxon';
import { callApi, expect, runAppTo, test } from './webHostFixture';
import type { Reminder } from '../../src/shared/contract';

test.describe('best-time suggestions in the planner and on the person page', () => {
  test('the person page shows windows with stars, both clocks and a reason', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    const first = page.getByRole('list', { name: 'Today’s people' }).locator('.plan-row').first();
    const name = (await first.locator('.person-link').textContent()) ?? '';
    await first.locator('.person-link').click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    const card = page.getByRole('article', { name: 'Best time to contact' });
    await expect(card.getByRole('img', { name: /of 5 stars/ }).first()).toBeVisible();
    await expect(card).toContainText('their time');
    await expect(card).toContainText('your time');
    await expect(card.locator('.window-item').first()).toContainText(/\d{2}:\d{2}–\d{2}:\d{2}/);
  });

  test('switching Calls off removes every call suggestion at once', async ({ page, served }) => {
    await page.goto(served.openUrl);
    const list = page.getByRole('list', { name: 'Today’s people' });
    await expect(list.getByText('☎ call').first()).toBeVisible();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('switch', { name: 'Calls' }).click();
    await expect(page.getByRole('switch', { name: 'Calls' })).not.toBeChecked();
    await page.getByRole('link', { name: 'Planner', exact: true }).click();
    await expect(list.getByText('✉ email').first()).toBeVisible();
    await expect(list.getByText('☎ call')).toHaveCount(0);
  });

  test('strikes a window through exactly 30 minutes after it ends, with no reload', async ({
    page,
    served,
  }) => {
    const plan = await callApi(page.request, served, 'getPlanner', {});
    const row = plan.rows.find((r) => r.start !== null && r.end !== null);
    expect(row).toBeTruthy();
    if (!row?.end) return;
    await page.goto(served.openUrl);
    await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(row.name);
    // By id, not name: the demo has namesakes.
    const item = page
      .locator(`.plan-row:has(.person-link[href="#/person/${row.personId}"])`)
      .filter({ hasText: row.channel === 'call' ? '☎ call' : '✉ email' });
    await expect(item.first()).toBeVisible();
    await runAppTo(page, served, row.end + 29 * 60_000);
    await expect(item.first()).toHaveAttribute('data-state', 'passed');
    await expect(item.first().locator('.window-time')).not.toHaveCSS(
      'text-decoration-line',
      'line-through',
    );
    await page.clock.fastForward(60_000);
    await expect(item.first()).toHaveAttribute('data-state', 'struck');
    await expect(item.first().locator('.window-time')).toHaveCSS(
      'text-decoration-line',
      'line-through',
    );
  });
});

test('a soft marker in the list shows the current time and moves as windows open and close', async ({
  page,
  served,
}) => {
  const plan = await callApi(page.request, served, 'getPlanner', {});
  const row = plan.rows.find(
    (r) =>
      r.channel === 'call' &&
      r.action === null &&
      r.start !== null &&
      r.end !== null &&
      r.end - r.start >= 30 * 60_000,
  );
  expect(row).toBeTruthy();
  if (!row?.start || !row.end) return;
  await page.goto(served.openUrl);
  await expect(page.locator('.plan-row').first()).toBeVisible();
  await runAppTo(page, served, row.start + 5 * 60_000);
  await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(row.name);
  const divider = page.locator('.now-divider');
  // The marker reads the same clock as the header.
  await expect(divider).toHaveText((await page.getByLabel('Current time').textContent()) ?? '');
  await expect(divider).toHaveText(/^now \d{2}:\d{2}$/);
  // The list's items in order: the marker, or a row's person, channel and state (group headers
  // left out: a group of windows open now sits above the marker).
  const items = () =>
    page
      .locator('.plan-list > :not(.plan-group)')
      .evaluateAll((els) =>
        els.map((e) =>
          e.classList.contains('now-divider')
            ? 'now'
            : `${e.querySelector('.person-link')?.getAttribute('href')} ${e.querySelector('.chip-call') ? 'call' : 'email'} ${e.querySelector('.plan-row')?.getAttribute('data-state')}`,
        ),
      );
  // By id, not name: the demo has namesakes.
  const mine = `#/person/${row.personId} call`;
  const place = async () => {
    const list = await items();
    const marker = list.indexOf('now');
    const at = list.findIndex((i) => i.startsWith(`${mine} `));
    // Open windows above the marker, everything else below it.
    for (const [i, item] of list.entries())
      if (i !== marker) expect(item.endsWith(' now'), item).toBe(i < marker);
    return at < 0 ? 'missing' : at < marker ? 'above' : 'below';
  };
  await expect(page.locator('.plan-row').first()).toBeVisible();
  expect(await place()).toBe('above');
  const before = await divider.textContent();
  await page.clock.fastForward(row.end - row.start - 4 * 60_000);
  await expect(divider).not.toHaveText(before ?? '');
  await expect.poll(place).toBe('below');
  await expect(divider).toHaveText((await page.getByLabel('Current time').textContent()) ?? '');
});

test('a reminder comes five minutes before windows open, and not once Reminders is off', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'updateSettings', { reminders: true });
  const reminders = await callApi(page.request, served, 'getReminders', {});
  // At 10:00 on the demo's Monday, windows open later in the day.
  expect(reminders.length).toBeGreaterThan(0);
  const next = reminders[0] as Reminder;
  const toast = page.getByRole('status', { name: 'Reminder' });

  await page.goto(served.openUrl);
  await expect(page.getByRole('list', { name: 'Today’s people' })).toBeVisible();
  await runAppTo(page, served, next.at - 60_000);
  await expect(toast).toHaveCount(0);
  await page.clock.fastForward(61_000);
  await expect(toast).toContainText(/Windows open (in \d+ min|now)/);
  for (const p of next.people) await expect(toast).toContainText(p.name);
  await toast.getByRole('button', { name: 'Dismiss' }).click();
  await expect(toast).toHaveCount(0);

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('switch', { name: 'Reminders' }).click();
  await expect(page.getByRole('switch', { name: 'Reminders' })).not.toBeChecked();
  await page.getByRole('link', { name: 'Planner', exact: true }).click();
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/call/getReminders')) asked.push(r.url());
  });
  await page.reload();
  // Settled, first: the plan is on screen, so the session and its settings came before it, and
  // the reminders' schedule would have been asked for with them...
  await expect(
    page.getByRole('list', { name: 'Today’s people' }).locator('.plan-row').first(),
  ).toBeVisible();
  await runAppTo(page, served, next.at - 60_000);
  // ...then the page's clock shows the minute the reminder was due, or later: its timer has run.
  await page.clock.fastForward(90_000);
  const { repTz } = await callApi(page.request, served, 'getPlanner', {});
  const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const due = minuteOf(DateTime.fromMillis(next.at, { zone: repTz }).toFormat('HH:mm'));
  await expect
    .poll(async () =>
      minuteOf(((await page.getByLabel('Current time').textContent()) ?? '').slice(4)),
    )
    .toBeGreaterThanOrEqual(due);
  // No schedule was asked for (one arriving late would raise the notice after this check), and
  // no notice is up.
  expect(asked).toEqual([]);
  await expect(toast).toHaveCount(0);
});

test('the reminder hides no control, goes when its windows open, and follows the signed-in user', async ({
  page,
  served,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await callApi(page.request, served, 'updateSettings', { reminders: true });
  const anna = await callApi(page.request, served, 'getReminders', {});
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-r2' });
  const tom = await callApi(page.request, served, 'getReminders', {});
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-r1' });
  const next = anna[0] as Reminder;
  const toast = page.getByRole('status', { name: 'Reminder' });

  await page.goto(served.openUrl);
  await expect(
    page.getByRole('list', { name: 'Today’s people' }).locator('.plan-row').first(),
  ).toBeVisible();
  await runAppTo(page, served, next.at - 60_000);
  await page.clock.fastForward(61_000);
  for (const p of next.people) await expect(toast).toContainText(p.name);

  // Nothing on the page is under it: no row's button, no filter, no link.
  const covered = (await toast.evaluate((box) => {
    const b = box.getBoundingClientRect();
    return [...box.ownerDocument.querySelectorAll('main button, main a, main select, main input')]
      .filter((c) => {
        const r = c.getBoundingClientRect();
        return (
          r.width > 0 &&
          r.left < b.right &&
          r.right > b.left &&
          r.top < b.bottom &&
          r.bottom > b.top
        );
      })
      .map((c) => c.textContent);
  })) as string[];
  expect(covered).toEqual([]);

  // Another user: none of Anna's people, and Tom's own reminder if one is due right now.
  const at = next.at + 1_000;
  const tomDue = tom.find((r) => r.at <= at && at < r.start);
  await page.getByLabel('Signed in as').selectOption({ label: 'Tom Brennan (rep)' });
  await expect(page.getByText(/times in London \(UTC\)/)).toBeVisible();
  if (tomDue) for (const p of tomDue.people) await expect(toast).toContainText(p.name);
  else await expect(toast).toHaveCount(0);
  for (const p of next.people)
    await expect(
      page.getByRole('status', { name: 'Reminder' }).filter({ hasText: p.name }),
    ).toHaveCount(0);
  // Back to Anna: hers again, rebuilt from her plan.
  await page.getByLabel('Signed in as').selectOption({ label: 'Anna Keller (rep)' });
  for (const p of next.people) await expect(toast).toContainText(p.name);

  // When its windows open, the planner shows them as open and the notice has done its job.
  await page.clock.fastForward(next.start - at + 1_000);
  await expect(toast).toHaveCount(0);
});
