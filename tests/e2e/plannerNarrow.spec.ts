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

/** The rows wholly inside the list's scroll box: the list keeps a few more, out of view. */
async function rowsOnScreen(page: Page) {
  const scroller = await box(page.locator('.plan-scroll'));
  const out = [];
  for (const row of await rows(page).all()) {
    const r = await box(row);
    if (r.y + r.height > scroller.y + scroller.height || r.y < scroller.y) continue;
    out.push({ row, r });
  }
  return out;
}

test.describe('a 640 × 800 window (a 1280-px window at 200 % zoom)', () => {
  test.use({ viewport: { width: 640, height: 800 } });

  test('every row shows whom it is for, its company, and every button inside the row and the window', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    await expect(rows(page).first()).toBeVisible();
    const shown = await rowsOnScreen(page);
    expect(shown.length, 'rows on screen').toBeGreaterThanOrEqual(2);
    let before: { y: number; height: number } | null = null;
    for (const { row, r } of shown) {
      const link = row.locator('.person-link');
      const name = await link.innerText();
      // Read whole, not a 0-px box: the one thing a rep needs from the row.
      const n = await box(link);
      expect(n.width, `${name}’s name has room to be read`).toBeGreaterThanOrEqual(60);
      await expectWhole(link, `${name}’s name`);
      expect(n.x, `${name}’s name starts inside the row`).toBeGreaterThanOrEqual(r.x);
      expect(n.x + n.width, `${name}’s name ends inside the row`).toBeLessThanOrEqual(
        r.x + r.width,
      );
      const company = await box(row.locator('.plan-who .subtle'));
      expect(company.width, `${name}’s company is shown`).toBeGreaterThanOrEqual(40);
      expect(company.x + company.width).toBeLessThanOrEqual(r.x + r.width);
      // The row's content fits the row: nothing to scroll to sideways.
      expect(await row.evaluate((e) => e.scrollWidth - e.clientWidth), name).toBeLessThanOrEqual(0);
      const actions = row.locator('.plan-actions').locator('button, a');
      await expect(actions.getByText('Skip', { exact: true })).toBeVisible();
      for (const part of await actions.all()) {
        const b = await box(part);
        const what = `${name}’s “${await part.innerText()}”`;
        expect(b.x, `${what} starts inside the row`).toBeGreaterThanOrEqual(r.x);
        expect(b.x + b.width, `${what} ends inside the row`).toBeLessThanOrEqual(r.x + r.width);
        expect(b.x + b.width, `${what} ends inside the window`).toBeLessThanOrEqual(640);
        expect(b.y + b.height, `${what} is inside the row`).toBeLessThanOrEqual(r.y + r.height);
      }
      // The taller rows are placed as tall as they are: none drawn over the one before.
      if (before)
        expect(r.y, `${name}’s row is under the one before`).toBeGreaterThanOrEqual(
          before.y + before.height,
        );
      before = r;
    }
  });

  test('a row’s Skip is reached by the keyboard from its name, and pressed where it is seen', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    const done = page.getByLabel("Today's counts").locator('.count-done');
    await expect(done).toHaveText('0 done');
    const [first, second] = await rowsOnScreen(page);
    if (!first || !second) throw new Error('fewer than two rows on screen');
    // The keyboard: Tab from the name goes through the row's links and buttons, each on screen.
    await first.row.locator('.person-link').focus();
    let focused = '';
    for (let i = 0; i < 10 && focused !== 'Skip'; i++) {
      await page.keyboard.press('Tab');
      const f = page.locator(':focus');
      focused = await f.innerText();
      const b = await box(f);
      expect(b.x + b.width, `“${focused}” is inside the window`).toBeLessThanOrEqual(640);
      expect(b.x, `“${focused}” is inside the window`).toBeGreaterThanOrEqual(0);
    }
    expect(focused).toBe('Skip');
    await page.keyboard.press('Enter');
    await expect(done).toHaveText('0 done · 1 skipped');
    // The mouse, where the button is drawn (no scrolling into view first).
    const [next] = await rowsOnScreen(page);
    if (!next) throw new Error('no row on screen');
    const skip = await box(next.row.getByRole('button', { name: 'Skip' }));
    await page.mouse.click(skip.x + skip.width / 2, skip.y + skip.height / 2);
    await expect(done).toHaveText('0 done · 2 skipped');
  });

  test('the focused row shows one line of its reason, its whole reason on hover, and the day’s windows', async ({
    page,
    served,
  }) => {
    await expectFocusedRowWhole(page, served.openUrl);
  });
});

test.describe('a 1024 × 768 window: the reason and the buttons', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('every row’s reason ends before its first button, and its name has room to be read', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    await expect(rows(page).first()).toBeVisible();
    let calls = 0;
    for (const { row } of await rowsOnScreen(page)) {
      const name = await row.locator('.person-link').innerText();
      const reason = row.locator('.reason');
      if ((await reason.count()) === 0) continue;
      const first = await box(row.locator('.plan-actions').locator('button, a').first());
      const r = await box(reason);
      // "…10:00-11:0Call": the reason's "…" was drawn under the blue Call link.
      expect(r.x + r.width, `${name}’s reason ends before its buttons`).toBeLessThanOrEqual(
        first.x,
      );
      expect((await box(row.locator('.person-link'))).width, `${name}’s name`).toBeGreaterThan(60);
      if ((await row.locator('.call-link').count()) > 0) calls++;
    }
    expect(calls, 'call rows (with the Call link) on screen').toBeGreaterThanOrEqual(3);
  });
});

test.describe('a 1280 × 800 window on a busy morning', () => {
  // 11:05: windows just ended and under 2★ ended; the rep has worked one and reached one early.
  test.use({ viewport: { width: 1280, height: 800 }, startAt: E2E_NOW + 65 * 60_000 });

  test('the header’s counts keep to one line, "1 worked" and "1 reached early" with them', async ({
    page,
    served,
  }) => {
    await editAnswers(page, 'getPlanner', (plan) => {
      const open = plan.rows.find((r) => r.state === 'now' && !r.action && !r.reached);
      if (open?.start) open.reached = { at: open.start + 60_000, inWindow: true };
      const ended = plan.rows.find(
        (r) => r.state === 'passed' && !r.action && !r.reached && (r.stars ?? 0) >= 2,
      );
      if (ended?.start) ended.reached = { at: ended.start - 3_600_000, inWindow: false };
    });
    await page.goto(served.openUrl);
    const counts = page.getByLabel("Today's counts");
    await expect(counts.locator('.count-worked')).toHaveText('1 worked');
    await expect(counts.locator('.count-reached')).toHaveCount(1);
    await expect(counts.locator('.count-missed')).toContainText('just ended');
    const chips = counts.locator('.count, .counts-info');
    const tops = await chips.evaluateAll((els) =>
      els.map((e) => Math.round(e.getBoundingClientRect().top)),
    );
    expect(new Set(tops).size, `the counts on one line: ${tops.join(', ')}`).toBe(1);
    const last = await box(chips.last());
    expect(last.x + last.width).toBeLessThanOrEqual(1280);
  });
});

/** A busy morning: one row worked in its window and one reached before its window ended. */
async function busyMorning(page: Page): Promise<void> {
  await editAnswers(page, 'getPlanner', (plan) => {
    const open = plan.rows.find((r) => r.state === 'now' && !r.action && !r.reached);
    if (open?.start) open.reached = { at: open.start + 60_000, inWindow: true };
    const ended = plan.rows.find(
      (r) => r.state === 'passed' && !r.action && !r.reached && (r.stars ?? 0) >= 2,
    );
    if (ended?.start) ended.reached = { at: ended.start - 3_600_000, inWindow: false };
  });
}

test.describe('a 640 × 800 window on a busy morning (a 1280-px window at 200 % zoom)', () => {
  test.use({ viewport: { width: 640, height: 800 }, startAt: E2E_NOW + 65 * 60_000 });

  test('the header’s counts take two whole lines: what is open, then how the day went', async ({
    page,
    served,
  }) => {
    await busyMorning(page);
    await page.goto(served.openUrl);
    const counts = page.getByLabel("Today's counts");
    await expect(counts.locator('.count-worked')).toHaveText('1 worked');
    await expect(counts.locator('.count-reached')).toHaveCount(1);
    const chips = await counts.locator('.count, .counts-info').all();
    const lines = new Map<number, string[]>();
    for (const chip of chips) {
      const b = await box(chip);
      const text = await chip.innerText();
      await expectWhole(chip, `the count “${text}”`);
      expect(b.x + b.width, `“${text}” ends inside the window`).toBeLessThanOrEqual(640);
      expect(b.height, `“${text}” is one line high`).toBeLessThan(30);
      const top = Math.round(b.y);
      lines.set(top, [...(lines.get(top) ?? []), text]);
    }
    // A line break between "40 upcoming" and "0 done", not one that leaves "0 done" with the
    // open counts and "1 worked" starting a line of its own.
    const [open, day, ...more] = [...lines.entries()].sort(([a], [b]) => a - b).map(([, t]) => t);
    expect(more, 'two lines of counts').toEqual([]);
    expect(open).toEqual([
      expect.stringMatching(/^\d+ worth a call now$/),
      expect.stringMatching(/^\d+ worth an email now$/),
      expect.stringMatching(/^\d+ in window now$/),
      expect.stringMatching(/^\d+ upcoming$/),
    ]);
    expect(day).toEqual([
      expect.stringMatching(/^0 done/),
      '1 worked',
      '1 reached before their window',
      expect.stringMatching(/^\d+ missed/),
      '?',
    ]);
  });
});

for (const width of [1280, 1440, 1920]) {
  test.describe(`a ${width} × 800 window`, () => {
    test.use({ viewport: { width, height: 800 } });

    test('a call row’s six actions keep inside its side column, clear of the reason', async ({
      page,
      served,
    }) => {
      await page.goto(served.openUrl);
      await expect(rows(page).first()).toBeVisible();
      let calls = 0;
      for (const { row } of await rowsOnScreen(page)) {
        const name = await row.locator('.person-link').innerText();
        const side = await box(row.locator('.plan-side'));
        const why = await box(row.locator('.plan-why'));
        const actions = await row.locator('.plan-actions').locator('button, a').all();
        for (const part of actions) {
          const b = await box(part);
          const what = `${name}’s “${await part.innerText()}”`;
          expect(b.x, `${what} starts inside the side column`).toBeGreaterThanOrEqual(side.x);
          expect(b.x, `${what} starts after the reason’s column`).toBeGreaterThanOrEqual(
            why.x + why.width,
          );
          expect(b.x + b.width, `${what} ends inside the side column`).toBeLessThanOrEqual(
            side.x + side.width,
          );
        }
        if (actions.length === 6) calls++;
      }
      expect(calls, 'rows with Call, Log, Book, Done, Snooze and Skip on screen').toBeGreaterThan(
        2,
      );
    });
  });
}
