import type { Locator, Page } from '@playwright/test';
import type { AlertsEvent } from '../../src/shared/alertsContract';
import { callApi, E2E_NOW, expect, test } from './webHostFixture';
import { box, expectWhole } from './onScreen';

// A past day looked back on (audit50 5): Friday 20 November, read on Monday 23 November. Anna's
// rows there say the most a state says: "Window passed · No answer at 14:35", "Emailed 16:31,
// after the window".
const FRIDAY = '2026-11-20';
const list = (page: Page) => page.getByRole('list', { name: 'Today’s people' });
const rows = (page: Page) => list(page).locator('.plan-row');

async function openFriday(page: Page, openUrl: string): Promise<void> {
  await page.goto(`${openUrl}#/planner?day=${FRIDAY}`);
  await expect(rows(page).first()).toBeVisible();
}

/** The words drawn: not those hidden, nor those only read out (visually hidden, clipped to 0). */
const seenText = (locator: Locator): Promise<string> =>
  locator.evaluate((element) => {
    const view = element.ownerDocument.defaultView;
    const seen = (node: typeof element): string => {
      const style = view?.getComputedStyle(node);
      if (style?.display === 'none' || style?.clip === 'rect(0px, 0px, 0px, 0px)') return '';
      return [...node.childNodes]
        .map((child) =>
          child.nodeType === child.TEXT_NODE
            ? (child.textContent ?? '')
            : seen(child as typeof element),
        )
        .join('');
    };
    return seen(element).trim();
  });

/** Each row the list draws: its state whole, its stars whole and inside the state's column. */
async function statesAndStarsWhole(page: Page): Promise<string[]> {
  const states: string[] = [];
  for (const row of await rows(page).all()) {
    const name = await row.locator('.person-link').innerText();
    const head = row.locator('.plan-why-head');
    const state = row.locator('.state-label');
    await expectWhole(state, `${name}’s state`);
    await expectWhole(head, `${name}’s channel, state and stars`);
    const h = await box(head);
    const s = await box(state);
    expect(s.x + s.width, `${name}’s state ends inside its column`).toBeLessThanOrEqual(
      h.x + h.width + 0.5,
    );
    const stars = row.getByRole('img', { name: /of 5 stars/ });
    if ((await stars.count()) > 0) {
      const b = await box(stars);
      expect(b.width, `${name}’s five stars are drawn`).toBeGreaterThan(50);
      expect(b.x + b.width, `${name}’s stars are whole`).toBeLessThanOrEqual(h.x + h.width + 0.5);
    }
    states.push(await seenText(state));
  }
  return states;
}

/** The title of the state's words, where a narrow column shows them short. */
const titled = (page: Page, text: RegExp): Locator =>
  list(page).locator('.state-label [title]').filter({ hasText: text }).first();

for (const width of [1280, 1024]) {
  test.describe(`a past day in a ${width} × 800 window`, () => {
    test.use({ viewport: { width, height: 800 } });

    test('every row’s state and its five stars are whole; the state’s whole words in its title', async ({
      page,
      served,
    }) => {
      await callApi(page.request, served, 'setCurrentUser', { userId: 'u-r1' });
      await openFriday(page, served.openUrl);
      const states = await statesAndStarsWhole(page);
      // How the call went, whole, and a contact after the window said short.
      expect(states).toContainEqual(expect.stringMatching(/^No answer at \d\d:\d\d$/));
      expect(states).toContainEqual(expect.stringMatching(/^(Called|Emailed) \d\d:\d\d, late$/));
      await expect(titled(page, /No answer at/)).toHaveAttribute(
        'title',
        /^Window passed · No answer at \d\d:\d\d$/,
      );
      await expect(titled(page, /, late$/)).toHaveAttribute(
        'title',
        /^(Called|Emailed) \d\d:\d\d, after the window$/,
      );
    });
  });
}

test.describe('a past day in a 1600 × 900 window', () => {
  test.use({ viewport: { width: 1600, height: 900 } });

  test('with room, the state is said in its whole words', async ({ page, served }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-r1' });
    await openFriday(page, served.openUrl);
    const states = await statesAndStarsWhole(page);
    expect(states).toContainEqual(
      expect.stringMatching(/^Window passed · No answer at \d\d:\d\d$/),
    );
    expect(states).toContainEqual(
      expect.stringMatching(/^(Called|Emailed) \d\d:\d\d, after the window$/),
    );
  });
});

/** A delivered alert as the core pushes it, about someone on the website now. */
function alertEvent(): AlertsEvent {
  return {
    delivered: [
      {
        id: 1,
        personId: null,
        visitId: null,
        visitorId: 'v-1',
        name: 'Olivia Moore',
        company: 'Moore Logistics',
        email: null,
        phone: null,
        category: 'customer_open_deal',
        rule: 'Customers',
        score: 70,
        pages: ['/pricing'],
        visitStartedAt: E2E_NOW - 4 * 60_000,
        alertAt: E2E_NOW - 1000,
        delivery: 'now',
        holdReason: null,
        deliverAt: null,
        deliveredAt: E2E_NOW,
        readAt: null,
        toastDismissedAt: null,
        bestWindow: null,
        title: 'Olivia Moore (Moore Logistics) is on the website',
        body: 'Customer with open deal · reading /pricing · score 70\nNext call window 14:00–15:00 ★★★',
      },
    ],
    digest: null,
    unread: 1,
    pausedUntil: null,
  };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
/** The part of `a` inside `b` (what a scrolling box shows of it), or null. */
function within(a: Box, b: Box): Box | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.min(a.x + a.width, b.x + b.width) - x;
  const height = Math.min(a.y + a.height, b.y + b.height) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

for (const [width, height] of [
  [1024, 700],
  [1280, 800],
  [640, 800],
] as const) {
  test.describe(`a hot-visitor toast in a ${width} × ${height} window`, () => {
    test.use({ viewport: { width, height } });

    test('covers no row and no “Low confidence” toggle: it sits under the list', async ({
      page,
      served,
    }) => {
      const event = alertEvent();
      await page.route('**/api/events*', (route) =>
        route.fulfill({
          status: 200,
          headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' },
          // A stream that ends and comes back says "everything changed", which clears the toasts.
          body: `retry: 3600000\nevent: alerts\ndata: ${JSON.stringify(event)}\n\n`,
        }),
      );
      await page.goto(served.openUrl);
      const toast = page.getByRole('status', { name: /Olivia Moore/ });
      await expect(toast).toBeVisible();
      // Held on screen while the pointer is on it, as a rep reading it would.
      await toast.hover();
      const t = await box(toast);
      expect(t.y + t.height, 'the toast is inside the window').toBeLessThanOrEqual(height);
      // What the page shows of the list: the list keeps a few more rows out of view, and the
      // page's own box clips what it scrolls.
      const shownList = within(
        await box(page.locator('.plan-scroll')),
        await box(page.locator('main')),
      );
      if (!shownList) throw new Error('the list is not on screen');
      expect(overlaps(t, shownList), 'the toast is off the list').toBe(false);
      let checked = 0;
      for (const part of await list(page).locator('.plan-row, .plan-group-toggle').all()) {
        const shown = within(await box(part), shownList);
        if (!shown) continue;
        const what = (await part.innerText()).split('\n')[0];
        expect(overlaps(t, shown), `the toast covers “${what}”`).toBe(false);
        checked++;
      }
      expect(checked, 'rows on screen').toBeGreaterThanOrEqual(2);
    });
  });
}
