import type { Locator, Page } from '@playwright/test';
import { expect, test } from './webHostFixture';

const list = (page: Page) => page.getByRole('list', { name: 'Today’s people' });
const rows = (page: Page) => list(page).locator('.plan-row');

/** A box that must be there: the element is on screen. */
async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${locator.toString()} is not on screen`);
  return b;
}

test.describe('a 1024 × 700 window', () => {
  test.use({ viewport: { width: 1024, height: 700 } });

  test('every row shows its Done, Snooze and Skip, its links and its side line inside the row and the window', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    await expect(rows(page).first()).toBeVisible();
    const scroller = await box(page.locator('.plan-scroll'));
    let checked = 0;
    for (const row of await rows(page).all()) {
      const r = await box(row);
      // Only rows on screen: the list keeps a few more, above and below it, ready to scroll in.
      if (r.y + r.height > scroller.y + scroller.height || r.y < scroller.y) continue;
      const name = await row.locator('.person-link').innerText();
      const actions = row.locator('.plan-actions').locator('button, a');
      await expect(actions.getByText('Done', { exact: true })).toBeVisible();
      await expect(row.getByRole('button', { name: 'Snooze' })).toBeVisible();
      await expect(row.getByRole('button', { name: 'Skip' })).toBeVisible();
      const parts = [
        ...(await actions.all()),
        row.locator('.side-line'),
        row.getByRole('img', { name: /of 5 stars/ }),
      ];
      for (const part of parts) {
        const b = await box(part);
        const what = `${name}’s “${await part.innerText()}”`;
        expect(b.x, `${what} starts inside the row`).toBeGreaterThanOrEqual(r.x);
        expect(b.x + b.width, `${what} ends inside the row`).toBeLessThanOrEqual(r.x + r.width);
        expect(b.x + b.width, `${what} ends inside the window`).toBeLessThanOrEqual(1024);
        expect(b.y + b.height, `${what} stays on the row’s line`).toBeLessThanOrEqual(
          r.y + r.height,
        );
      }
      // The stars are shown whole: a cut-off fifth star would read as four.
      const stars = await box(row.getByRole('img', { name: /of 5 stars/ }));
      const head = await box(row.locator('.plan-why-head'));
      expect(stars.x + stars.width, `${name}’s stars are whole`).toBeLessThanOrEqual(
        head.x + head.width + 0.5,
      );
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(6);

    // The filters keep to one line each, and "More filters" does not break into a column of words.
    const more = await box(page.getByRole('button', { name: /More filters/ }));
    const channel = await box(page.getByRole('combobox', { name: 'Channel' }));
    expect(more.height, 'More filters is one line high').toBeLessThan(channel.height * 1.5);
    expect(more.x + more.width).toBeLessThanOrEqual(1024);
  });
});

test.describe('a 1440 × 900 window', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('rows keep their height and the side line and buttons their room', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    const second = rows(page).nth(1);
    await expect(second).toBeVisible();
    expect((await box(second)).height).toBeCloseTo(46, 0);
    const side = await box(second.locator('.plan-side'));
    expect(side.width).toBeCloseTo(300, 0);
  });
});
