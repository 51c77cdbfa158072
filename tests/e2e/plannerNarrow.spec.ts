import type { Page } from '@playwright/test';
import { callApi, E2E_NOW, editAnswers, expect, test } from './webHostFixture';
import { box, expectWhole } from './onScreen';

const list = (page: Page) => page.getByRole('list', { name: 'Today’s people' });
const rows = (page: Page) => list(page).locator('.plan-row');

/**
 * The focused row opens to a line of its reason and a line of the day's windows, both inside it:
 * its height is fixed in the virtualised list, so a reason wrapping to two lines pushed the
 * windows under the next row. The first row is given a reason no width holds on one line.
 */
async function expectFocusedRowWhole(page: Page, openUrl: string): Promise<void> {
  let reason = '';
  await editAnswers(page, 'getPlanner', (plan) => {
    const first = plan.rows[0];
    if (!first?.reason) return;
    first.reason = `${first.reason}; ${first.reason}; ${first.reason}`;
    reason = first.reason;
  });
  await page.goto(openUrl);
  const focused = list(page).locator('.plan-slot.expanded .plan-row');
  await expect(focused).toBeVisible();
  if (!reason) throw new Error('the demo’s first row has no reason');
  const full = focused.locator('.reason-full');
  const windows = focused.locator('.day-windows');
  await expect(windows).toContainText('windows: ');
  const more = await box(focused.locator('.plan-more'));
  const line = await box(windows);
  expect(
    line.y + line.height,
    'the day’s windows are not cut at the row’s end',
  ).toBeLessThanOrEqual(more.y + more.height + 0.5);
  const next = await box(list(page).locator('.plan-slot:not(.expanded)').nth(0));
  expect(line.y + line.height, 'the day’s windows are above the next row').toBeLessThanOrEqual(
    Math.max(next.y, (await box(focused)).y + (await box(focused)).height),
  );
  expect((await box(full)).height, 'the reason is one line').toBeLessThan(line.height * 1.5);
  await expect(full).toHaveAttribute('title', reason);
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

  test('the focused row shows one line of its reason, its whole reason on hover, and the day’s windows', async ({
    page,
    served,
  }) => {
    await expectFocusedRowWhole(page, served.openUrl);
  });
});

test.describe('a 1024 × 700 window an hour into the day', () => {
  // 11:05: the windows that ended at 11:00 read "Window just ended", the longest state there is.
  test.use({ viewport: { width: 1024, height: 700 }, startAt: E2E_NOW + 65 * 60_000 });

  test('a row’s state and its contact’s time are whole: the longest zone name, every chip, a snoozed mark', async ({
    page,
    served,
  }) => {
    const plan = await callApi(page.request, served, 'getPlanner', {});
    // Under 2★ a row is in a collapsed group.
    const ended = plan.rows.find(
      (r) => r.state === 'passed' && r.action === null && (r.stars ?? 0) >= 2,
    );
    if (!ended?.start || !ended.end) throw new Error('the demo has no window that ended at 11:00');
    const { start, end } = ended;
    const later = plan.rows.find((r) => r.state === 'upcoming' && r.name !== ended.name);
    if (!later) throw new Error('the demo has no window later in the day');
    const tuesdayNine = E2E_NOW + 23 * 3_600_000;
    // Adelaide's offset, "UTC+10:30", as long as a zone's offset gets; the title names the city.
    // The ended row also carries every chip a row can; the later person is snoozed to Tuesday.
    await editAnswers(page, 'getPlanner', (plan) => {
      for (const r of plan.rows) {
        r.contactTz = 'Australia/Adelaide';
        if (r.personId === ended.personId && r.channel === ended.channel && r.start === start) {
          r.movedFrom = { start: start - 3_600_000, end: end - 3_600_000 };
          r.onSiteNow = true;
          r.category = 'customer_open_deal';
        }
        if (r.personId === later.personId)
          Object.assign(r, {
            action: 'snoozed',
            start: null,
            end: null,
            state: 'none',
            alternatives: [],
            nextWindow: { start: tuesdayNine, end: tuesdayNine + 3_600_000, stars: 4 },
          });
      }
    });
    await page.goto(served.openUrl);
    const filter = page.getByRole('searchbox', { name: 'Filter the plan' });

    /** Every row on screen: its contact's time and its state whole, its stars inside the row. */
    async function wholeRows(): Promise<string[]> {
      const states: string[] = [];
      for (const row of await rows(page).all()) {
        const name = await row.locator('.person-link').innerText();
        const head = await box(row.locator('.plan-why-head'));
        const state = row.locator('.state-label');
        await expectWhole(state, `${name}’s state`);
        const s = await box(state);
        expect(s.x + s.width, `${name}’s state ends inside its column`).toBeLessThanOrEqual(
          head.x + head.width + 0.5,
        );
        states.push(await state.innerText());
        const stars = row.getByRole('img', { name: /of 5 stars/ });
        if ((await stars.count()) > 0) {
          const b = await box(stars);
          expect(b.x + b.width, `${name}’s stars are whole`).toBeLessThanOrEqual(
            head.x + head.width + 0.5,
          );
        }
        const contact = row.locator('.contact-time');
        if ((await contact.count()) > 0) {
          await expect(contact).toContainText('UTC+10:30');
          await expect(contact).toHaveAttribute('title', /Adelaide \(UTC\+10:30\)/);
          await expectWhole(contact, `${name}’s time`);
        }
      }
      return states;
    }

    await filter.fill(ended.name);
    // The moved window's and the visitor's chips are whole, before the reason, inside the row.
    const endedRow = rows(page).filter({ has: page.locator('.chip-onsite:visible') });
    // The visitor's category is in the chip's title there.
    await expect(endedRow.locator('.chip-onsite:visible')).toHaveAttribute(
      'title',
      /Customer with open deal/,
    );
    for (const [chip, text] of [
      ['.chip-onsite', 'on the website'],
      ['.chip-moved', 'moved from'],
    ] as const) {
      const shown = endedRow.locator(`${chip}:visible`);
      await expect(shown).toHaveCount(1);
      await expect(shown).toContainText(text);
      await expectWhole(shown, `the ${text} chip`);
      // Inside the reason's line, which ends in "…" where it is cut.
      const b = await box(shown);
      const line = await box(endedRow.locator('.reason'));
      expect(b.x + b.width, `the ${text} chip ends inside its line`).toBeLessThanOrEqual(
        line.x + line.width,
      );
    }
    expect(await wholeRows()).toContain('Window just ended');

    await filter.fill(later.name);
    await page.getByRole('button', { name: /Done today/ }).click();
    await expect(rows(page).first()).toBeVisible();
    expect(await wholeRows()).toContain('✓ Snoozed to Tue 09:00');
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

  test('the focused row shows one line of its reason, its whole reason on hover, and the day’s windows', async ({
    page,
    served,
  }) => {
    await expectFocusedRowWhole(page, served.openUrl);
  });
});
