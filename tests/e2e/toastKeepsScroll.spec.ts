import type { Page } from '@playwright/test';
import { holdAlert, pauseAlerts } from './heldAlertRows';
import { callApi, E2E_NOW, expect, runAppTo, test, type Served } from './webHostFixture';

/** How long a toast stays on screen (AlertToasts' SHOWN_MS). */
const SHOWN_MS = 10_000;
const HOUR = 3_600_000;

/**
 * The toast strip under the page makes the page shorter while a toast shows (review50b 7): a
 * list scrolled down must keep the same first row in view as the toast comes and goes, scrolled
 * to its very end too (the strip's room stays until the rep scrolls back up). Anna (a
 * rep) and Maria (a manager) each paused alerts, and one alert each waits for the pause's end:
 * resuming delivers it, a toast, while the list stays where it was scrolled.
 */
test.use({
  viewport: { width: 1024, height: 640 },
  beforeStart: {
    write: (db) => {
      const until = E2E_NOW + HOUR;
      for (const userId of ['u-r1', 'u-m1']) {
        pauseAlerts(db, userId, until, E2E_NOW - HOUR);
        holdAlert(db, {
          userId,
          visitorId: 'e2e-visitor',
          name: null,
          at: E2E_NOW - 5 * 60_000,
          reason: 'paused',
          deliverAt: until,
        });
      }
    },
  },
});

/** Scrolls the box that scrolls the list (the nearest ancestor of its items that scrolls) to
 * `by` px, and marks it for firstInView. In the page: the tests' types have no DOM. */
async function scrollDown(page: Page, items: string, by: number): Promise<void> {
  await page.evaluate(`(() => {
    let box = document.querySelector(${JSON.stringify(items)})?.parentElement ?? null;
    const scrolls = (e) =>
      e.scrollHeight > e.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(e).overflowY);
    while (box && !scrolls(box)) box = box.parentElement;
    if (!box) throw new Error('nothing scrolls the list');
    box.dataset.e2eScroller = '';
    box.scrollTop = ${String(by)};
  })()`);
}

/** What is in view: the scroller's offset and the first item whose bottom is below its top edge. */
async function firstInView(page: Page, items: string): Promise<{ top: number; first: string }> {
  return (await page.evaluate(`(() => {
    const box = document.querySelector('[data-e2e-scroller]');
    const edge = box.getBoundingClientRect().top;
    const shown = [...box.querySelectorAll(${JSON.stringify(items)})]
      .map((e) => ({ e, rect: e.getBoundingClientRect() }))
      .filter(({ rect }) => rect.bottom > edge + 1)
      .sort((x, y) => x.rect.top - y.rect.top)[0];
    return { top: box.scrollTop, first: shown ? shown.e.textContent.slice(0, 60) : '' };
  })()`)) as { top: number; first: string };
}

/** Scrolls the list down, resumes alerts (a toast comes), lets it go: the same first row all along. */
async function keepsItsPlace(page: Page, served: Served, items: string, by: number): Promise<void> {
  await expect(page.locator(items).nth(3)).toBeVisible();
  await scrollDown(page, items, by);
  await page.waitForTimeout(300);
  const before = await firstInView(page, items);
  expect(before.top).toBeGreaterThan(0);
  const toast = page.locator('.alert-toast');
  await expect(toast).toHaveCount(0);
  await callApi(page.request, served, 'resumeAlerts', {});
  await expect(toast).toHaveCount(1);
  await page.waitForTimeout(300);
  expect(await firstInView(page, items), 'with the toast shown').toEqual(before);
  const { now } = await callApi(page.request, served, 'getSession', {});
  await runAppTo(page, served, now + SHOWN_MS + 1_000);
  await expect(toast).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(await firstInView(page, items), 'once the toast has gone').toEqual(before);
}

/** Scrolls the marked box to its very end. */
async function scrollToEnd(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const box = document.querySelector('[data-e2e-scroller]');
    box.scrollTop = box.scrollHeight;
  })()`);
}

/**
 * The toast comes, the rep scrolls the list to its very end, the toast goes: the browser would
 * keep the last row at the bottom as the page grows back, moving the list up by the strip's
 * height. What the rep sees stays; scrolled back up from the end, the page has its height again.
 */
async function keepsTheEnd(
  page: Page,
  served: Served,
  items: string,
  /** What is looked at in view (the end of a page may show none of its items). */
  seen = items,
): Promise<void> {
  await expect(page.locator(items).nth(3)).toBeVisible();
  await scrollDown(page, items, 0);
  const toast = page.locator('.alert-toast');
  await callApi(page.request, served, 'resumeAlerts', {});
  await expect(toast).toHaveCount(1);
  await scrollToEnd(page);
  await page.waitForTimeout(300);
  const before = await firstInView(page, seen);
  expect(before.top).toBeGreaterThan(0);
  const { now } = await callApi(page.request, served, 'getSession', {});
  await runAppTo(page, served, now + SHOWN_MS + 1_000);
  await expect(toast).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(await firstInView(page, seen), 'once the toast has gone').toEqual(before);
  const main = page.locator('main');
  const kept = (await main.boundingBox())?.height ?? 0;
  expect(kept, 'the page keeps the strip’s height').toBeLessThan(640 - 20);
  // Scrolled back up, the room goes without moving the list: the page is the window's height.
  await scrollDown(page, items, before.top - 200);
  await page.waitForTimeout(300);
  const up = await firstInView(page, seen);
  expect(up.top).toBe(before.top - 200);
  await expect.poll(async () => (await main.boundingBox())?.height).toBeGreaterThan(kept);
  expect(await firstInView(page, seen), 'as the room goes').toEqual(up);
}

test('the People list keeps its first row in view as a toast comes and goes', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/people`);
  await keepsItsPlace(page, served, '.people-list [role="row"]', 1_200);
});

test('the Team board keeps its first lane in view as a toast comes and goes', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team`);
  await keepsItsPlace(page, served, '.team-lane', 150);
});

test('the People list scrolled to its end stays where it is when the toast goes', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/people`);
  await keepsTheEnd(page, served, '.people-list [role="row"]');
});

test('the Team board scrolled to its end stays where it is when the toast goes', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  await page.goto(`${served.openUrl}#/team`);
  await keepsTheEnd(page, served, '.team-lane', 'main h2, main h3, main li, main tr, .team-lane');
});
