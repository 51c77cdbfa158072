import { expect, test } from './webHostFixture';
import type { Planner } from '../../src/shared/contract';

test.describe('best-time suggestions in the planner and on the person page', () => {
  test('the person page shows windows with stars, both clocks and a reason', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    const first = page.getByRole('list', { name: 'Today’s people' }).getByRole('listitem').first();
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
    await page.getByRole('link', { name: 'Planner' }).click();
    await expect(list.getByText('✉ email').first()).toBeVisible();
    await expect(list.getByText('☎ call')).toHaveCount(0);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('switch', { name: 'Calls' }).click();
    await expect(page.getByRole('switch', { name: 'Calls' })).toBeChecked();
  });

  test('strikes a window through exactly 30 minutes after it ends, with no reload', async ({
    page,
    served,
  }) => {
    const token = new URL(served.openUrl).searchParams.get('token') ?? '';
    const response = await page.request.post(`${served.url}api/call/getPlanner`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {},
    });
    const plan = ((await response.json()) as { value: Planner }).value;
    const row = plan.rows.find((r) => r.start !== null && r.end !== null);
    expect(row).toBeTruthy();
    if (!row?.end) return;
    await page.clock.install({ time: row.end + 29 * 60_000 });
    await page.goto(served.openUrl);
    await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(row.name);
    const item = page
      .locator(`.plan-row:has(.person-link:text-is("${row.name}"))`)
      .filter({ hasText: row.channel === 'call' ? '☎ call' : '✉ email' });
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
