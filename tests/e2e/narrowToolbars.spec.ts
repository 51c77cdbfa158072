import type { Page } from '@playwright/test';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { callApi, expect, test, type Served } from './webHostFixture';

// A manager whose team has a long rep name, and a rep at 200 % zoom: every page's toolbar wraps
// onto more lines instead of running past the window, and the page never scrolls sideways.

const LONG_REP = 'Bartholomew Fitzgerald-Montgomery-Worthington';

/** Every control of the page's toolbars inside the window, and the page wider than nothing. */
async function expectToolbarsInside(page: Page, where: string): Promise<void> {
  const toolbars = page.locator('main .filters, main .board-filters, main .visit-filters');
  await expect(toolbars.first()).toBeVisible();
  const width = page.viewportSize()?.width ?? 0;
  // In one look: the page is measured as it is, not while a slow check after check goes on.
  const { controls, outside } = await page
    .locator(
      'main :is(.filters, .board-filters, .visit-filters) :is(button, select, input:not([type="checkbox"]), label)',
    )
    .evaluateAll((all, right) => {
      const shown = all.filter((e) => e.getClientRects().length > 0);
      return {
        controls: shown.length,
        outside: shown
          .filter((e) => {
            const b = e.getBoundingClientRect();
            return b.left < 0 || b.right > right + 0.5;
          })
          .map((e) => e.getAttribute('aria-label') ?? (e.textContent ?? '').slice(0, 30)),
      };
    }, width);
  const { scroll, client } = await page
    .locator('main')
    .evaluate((m) => ({ scroll: m.scrollWidth, client: m.clientWidth }));
  expect(controls, `${where} has controls`).toBeGreaterThan(0);
  expect(outside, `${where}: the controls cut by the window's edge`).toEqual([]);
  expect(scroll, `${where} does not scroll sideways`).toBeLessThanOrEqual(client);
}

async function visit(page: Page, served: Served, hash: string, ready: string): Promise<void> {
  await page.goto(`${served.openUrl}#/${hash}`);
  await expect(page.getByRole('heading', { level: 1, name: ready })).toBeVisible();
  // The page's data in: its toolbar has the width it will keep.
  await expect(page.getByText('Loading…')).toHaveCount(0);
}

test.describe('a manager with a long rep name in a 1024 × 768 window', () => {
  test.use({
    viewport: { width: 1024, height: 768 },
    beforeStart: {
      write: (db) => {
        rawHandle(db).prepare(`update users set name = ? where id = 'u-r2'`).run(LONG_REP);
      },
    },
  });

  test('the Planner’s toolbar is inside the window with the long name picked, More filters included', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await visit(page, served, 'planner', 'Planner');
    const owner = page.getByRole('combobox', { name: 'Owner' });
    await owner.selectOption({ label: LONG_REP });
    await expect(page.getByRole('button', { name: /More filters/ })).toBeInViewport({ ratio: 1 });
    await expectToolbarsInside(page, 'Planner');
    // The long name is cut in the list, and whole on hover.
    await expect(owner).toHaveAttribute('title', LONG_REP);
    // Tabbing to More filters leaves the page where it is.
    await page.getByRole('combobox', { name: 'Channel' }).focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: /More filters/ })).toBeFocused();
    expect(await page.locator('main').evaluate((m) => m.scrollLeft)).toBe(0);
  });

  test('the Team’s, Visits’ and People’s toolbars are inside the window', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await visit(page, served, 'team', 'Team');
    await expect(page.getByRole('region', { name: "The team's day" })).toBeVisible();
    await expectToolbarsInside(page, 'Team');
    await visit(page, served, 'visits', 'Visits');
    await expectToolbarsInside(page, 'Visits');
    await visit(page, served, 'people', 'People');
    await expectToolbarsInside(page, 'People');
  });
});

test.describe('a rep at 200 % zoom (a 1280 × 768 window)', () => {
  test.use({ viewport: { width: 640, height: 384 }, deviceScaleFactor: 2 });

  test('the Planner’s, Visits’ and People’s toolbars wrap inside the window, and the plan does not slide sideways', async ({
    page,
    served,
  }) => {
    await visit(page, served, 'planner', 'Planner');
    await expect(page.locator('.plan-row').first()).toBeVisible();
    await expectToolbarsInside(page, 'Planner');
    await page.getByRole('button', { name: /More filters/ }).click();
    await expect(page.getByRole('combobox', { name: 'Deal stage' })).toBeVisible();
    await expectToolbarsInside(page, 'Planner with More filters open');
    await visit(page, served, 'visits', 'Visits');
    await expectToolbarsInside(page, 'Visits');
    await visit(page, served, 'people', 'People');
    await expectToolbarsInside(page, 'People');
  });

  test('a manager’s Team toolbar wraps between controls, never inside a button’s words', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await visit(page, served, 'team', 'Team');
    await expect(page.getByRole('region', { name: "The team's day" })).toBeVisible();
    await expectToolbarsInside(page, 'Team');
    const csv = await page.getByRole('button', { name: 'Export CSV' }).boundingBox();
    const day = await page.getByRole('textbox', { name: 'Day', exact: true }).boundingBox();
    expect(csv?.height, 'Export CSV is one line high').toBeLessThan((day?.height ?? 0) * 1.5);
  });
});
