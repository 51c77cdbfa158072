import { callApi, expect, test } from './webHostFixture';

test.describe('working the plan from the keyboard and the row', () => {
  test('j/k move the selection, d marks done, s snoozes, x skips, and done rows sink', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    const rows = page.getByRole('list', { name: 'Today’s people' }).locator('.plan-row');
    await expect(rows.first()).toHaveAttribute('aria-current', 'true');
    const firstName = await rows.first().locator('.person-link').textContent();
    await page.keyboard.press('j');
    await expect(rows.nth(1)).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('k');
    await expect(rows.first()).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('d');
    // The done row leaves the top; the counts say one is done.
    await expect(page.getByText(/^1 done$/)).toBeVisible();
    await expect(rows.first()).toHaveAttribute('data-action', '');
    await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(firstName ?? '');
    await expect(page.locator('.plan-row[data-action="done"]').first()).toBeVisible();
    await page
      .locator('.plan-row[data-action="done"]')
      .first()
      .getByRole('button', { name: 'Undo' })
      .click();
    await expect(page.getByText(/^0 done$/)).toBeVisible();
    await page.getByRole('searchbox', { name: 'Filter the plan' }).fill('');
    await page.getByRole('searchbox', { name: 'Filter the plan' }).blur();
    // A row is a person on a channel: the same person's other channel may be next in line.
    const rowKey = async (): Promise<string> =>
      `${await rows.first().locator('.person-link').getAttribute('href')} ${await rows.first().locator('.chip-call, .chip-email').textContent()}`;
    const skippedKey = await rowKey();
    const skipped = (await rows.first().locator('.person-link').textContent()) ?? '';
    await page.keyboard.press('x');
    await expect.poll(rowKey).not.toBe(skippedKey);
    const snoozed = (await rows.first().locator('.person-link').textContent()) ?? '';
    await page.keyboard.press('s');
    await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(skipped);
    await expect(page.locator('.plan-row[data-action="skipped"]').first()).toBeVisible();
    await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(snoozed);
    await expect(page.locator('.plan-row[data-action="snoozed"]').first()).toBeVisible();
  });

  test('enter opens the selected person', async ({ page, served }) => {
    await page.goto(served.openUrl);
    const first = page.getByRole('list', { name: 'Today’s people' }).locator('.plan-row').first();
    const name = (await first.locator('.person-link').textContent()) ?? '';
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  });

  test('logging a call puts it on the timeline and in the outbox', async ({ page, served }) => {
    await page.goto(served.openUrl);
    await page.getByRole('combobox', { name: 'Channel' }).selectOption('call');
    const row = page.getByRole('list', { name: 'Today’s people' }).locator('.plan-row').first();
    const name = (await row.locator('.person-link').textContent()) ?? '';
    await row.getByRole('button', { name: 'Log' }).click();
    const dialog = page.getByRole('dialog', { name: `Log a call with ${name}` });
    // Nothing is assumed: no outcome is chosen and no length is filled in.
    for (const label of ['Answered', 'No answer', 'Busy', 'Voicemail', 'Wrong number'])
      await expect(dialog.getByRole('radio', { name: label })).not.toBeChecked();
    const length = dialog.getByLabel('Length (minutes)');
    await expect(length).toHaveValue('');
    await expect(length).toBeDisabled();
    await dialog.getByRole('button', { name: 'Save call' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Choose how the call went.');
    await dialog.getByRole('radio', { name: 'Answered' }).check();
    await dialog.getByRole('button', { name: 'Save call' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/Enter how many minutes you talked/);
    await length.fill('7');
    await dialog.getByLabel('Note').fill('Asked for the enterprise price list');
    await dialog.getByRole('button', { name: 'Save call' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(/^1 done$/)).toBeVisible();
    await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(name);
    await page.locator('.plan-row[data-action="done"]').first().locator('.person-link').click();
    const timeline = page.getByRole('article', { name: 'Timeline' });
    const entry = timeline.getByRole('listitem').filter({
      hasText: 'Asked for the enterprise price list',
    });
    await expect(entry).toContainText('by us · answered · 7 min');
    const outbox = await callApi(page.request, served, 'getOutbox', {});
    expect(
      outbox.find(
        (e) => e.kind === 'call' && e.payload['note'] === 'Asked for the enterprise price list',
      )?.payload,
    ).toMatchObject({ outcome: 'answered', durationS: 420 });
  });

  test('a call is logged from the keyboard alone, and a voicemail has no length', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    await page.getByRole('combobox', { name: 'Channel' }).selectOption('call');
    await page.getByRole('combobox', { name: 'Channel' }).blur();
    const row = page.getByRole('list', { name: 'Today’s people' }).locator('.plan-row').first();
    const name = (await row.locator('.person-link').textContent()) ?? '';
    await page.keyboard.press('l');
    const dialog = page.getByRole('dialog', { name: `Log a call with ${name}` });
    await expect(dialog).toBeVisible();
    // 1-5 pick the outcome; the length only opens for an answered call.
    await page.keyboard.press('1');
    await expect(dialog.getByRole('radio', { name: 'Answered' })).toBeChecked();
    await expect(dialog.getByLabel('Length (minutes)')).toBeEnabled();
    await page.keyboard.press('4');
    await expect(dialog.getByRole('radio', { name: 'Voicemail' })).toBeChecked();
    await expect(dialog.getByRole('radio', { name: 'Voicemail' })).toBeFocused();
    await expect(dialog.getByLabel('Length (minutes)')).toBeDisabled();
    // Arrow keys move through the outcomes as in any radio group.
    await page.keyboard.press('ArrowDown');
    await expect(dialog.getByRole('radio', { name: 'Wrong number' })).toBeChecked();
    await page.keyboard.press('ArrowUp');
    await expect(dialog.getByRole('radio', { name: 'Voicemail' })).toBeChecked();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    const outbox = await callApi(page.request, served, 'getOutbox', {});
    // Newest first.
    expect(outbox.find((e) => e.kind === 'call')?.payload).toMatchObject({
      outcome: 'voicemail',
      durationS: 0,
    });
  });

  test('filters by channel and stars narrow the list', async ({ page, served }) => {
    await page.goto(served.openUrl);
    const list = page.getByRole('list', { name: 'Today’s people' });
    await page.getByRole('combobox', { name: 'Channel' }).selectOption('email');
    await expect(list.getByText('☎ call')).toHaveCount(0);
    await page.getByRole('combobox', { name: 'Stars at least' }).selectOption('4');
    const stars = await list
      .getByRole('img', { name: /of 5 stars/ })
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(stars.length).toBeGreaterThan(0);
    for (const s of stars) expect(Number(s?.split(' ')[0])).toBeGreaterThanOrEqual(4);
  });
});

test('another day can be picked: tomorrow is all upcoming, yesterday all struck through', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  const day = page.getByLabel('Day', { exact: true });
  const today = await day.inputValue();
  const shift = (d: string, n: number) => {
    const t = new Date(`${d}T12:00:00Z`);
    t.setUTCDate(t.getUTCDate() + n);
    return t.toISOString().slice(0, 10);
  };
  const rows = page.getByRole('list', { name: 'Today’s people' }).locator('.plan-row');
  await day.fill(shift(today, 1));
  await expect(day).toHaveValue(shift(today, 1));
  await expect(rows.first()).toHaveAttribute('data-state', /upcoming|none/);
  expect(
    await page.locator('.plan-row[data-state="now"], .plan-row[data-state="struck"]').count(),
  ).toBe(0);
  await day.fill(shift(today, -1));
  await expect(rows.first()).toHaveAttribute('data-state', /struck|none/);
  expect(
    await page.locator('.plan-row[data-state="now"], .plan-row[data-state="upcoming"]').count(),
  ).toBe(0);
  await page.getByRole('button', { name: 'Today' }).click();
  await expect(day).toHaveValue(today);
});

test("a manager picks a rep and sees that rep's day; the header says how old the data is", async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  await expect(page.getByText(/^Sample data written at \d{2}:\d{2}\.$/)).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Owner' })).toHaveCount(0);
  await page.getByLabel('Signed in as').selectOption({ label: 'Greta Lindqvist (manager)' });
  const owner = page.getByRole('combobox', { name: 'Owner' });
  await owner.selectOption({ label: 'Tom Brennan' });
  await expect(page.getByText(/times in Europe\/London/)).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Today’s people' }).locator('.plan-row').first(),
  ).toBeVisible();
  await page.getByLabel('Signed in as').selectOption({ label: 'Anna Keller (rep)' });
  await expect(page.getByRole('combobox', { name: 'Owner' })).toHaveCount(0);
  await expect(page.getByText(/times in Europe\/Berlin/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('rows passed over by a long jump come back whole when the list stops', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  const rows = page.getByRole('list', { name: 'Today’s people' }).locator('.plan-row');
  await expect(rows.first().getByRole('button', { name: 'Done' })).toBeVisible();
  // A scrollbar drag: more than a screen each frame.
  await page.evaluate(`new Promise((resolve) => {
    const scroller = document.querySelector('.plan-scroll');
    let frames = 20;
    const step = () => {
      scroller.scrollTop += 2000;
      if (--frames > 0) requestAnimationFrame(step); else resolve();
    };
    requestAnimationFrame(step);
  })`);
  const shown = page.locator('.plan-row:not(.action-done):not(.action-skipped)');
  await expect(shown.first()).toBeVisible();
  await expect(shown.first().getByRole('button', { name: 'Done' })).toBeVisible();
  await expect(shown.first().locator('.reason')).toBeVisible();
  expect(await page.locator('.plan-side:empty').count()).toBe(0);
});

test.describe('on an organisation of 2,000 people', () => {
  test.use({ demoPeople: 2000 });

  test('a plan longer than a screen shows its first rows at once, then all of them', async ({
    page,
    served,
  }) => {
    const answers: Promise<{ value: { rows: { name: string }[]; total: number } }>[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/call/getPlanner')) answers.push(r.json());
    });
    await page.goto(served.openUrl);
    const counts = page.getByLabel("Today's counts");
    await expect(counts).toContainText('in window now');
    expect(answers).toHaveLength(2);
    const [first, whole] = (await Promise.all(answers)).map((a) => a.value);
    if (!first || !whole) throw new Error('expected two answers');
    const total = whole.rows.length;
    expect(total).toBeGreaterThan(100);
    expect(first.rows).toHaveLength(100);
    expect(first.total).toBe(total);
    // The day's counts cover the whole plan, not the first rows.
    const numbers = ((await counts.innerText()).match(/\d+/g) ?? []).map(Number);
    expect(numbers.reduce((a, b) => a + b, 0)).toBe(total);
    // The plan's last person is in the list.
    const last = whole.rows[total - 1]?.name ?? '';
    await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(last);
    await expect(
      page.getByRole('list', { name: 'Today’s people' }).getByRole('link', { name: last }).first(),
    ).toBeVisible();
  });
});

test('a row names the day’s other windows and work already booked in the CRM', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  // Ask the plan which rows have what, then look each row up by name rather than hoping it is
  // on the first screen.
  const { rows } = await callApi(page.request, served, 'getPlanner', {});
  const list = page.getByRole('list', { name: 'Today’s people' });
  const sideOf = async (name: string | undefined, text: RegExp) => {
    expect(name).toBeDefined();
    await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(name ?? '');
    return list.locator('.side-line', { hasText: text }).first();
  };
  // The last touch says what it was ("emailed 3 d ago", "they called 5 h ago") and comes first.
  const touched = rows.find(
    (r) => r.lastTouch?.startsWith('email') || r.lastTouch?.startsWith('call'),
  );
  await expect(
    await sideOf(touched?.name, /^(they )?(emailed|called) \d+ (min|h|d) ago/),
  ).toBeVisible();
  const other = rows.find((r) => r.alternatives.length > 0);
  await expect(await sideOf(other?.name, /(^| · )also \d\d:\d\d/)).toBeVisible();
  const booked = rows.find((r) => r.next !== null);
  await expect(
    await sideOf(booked?.name, /(^| · )(call booked|task due|meeting) at \d\d:\d\d$/),
  ).toBeVisible();
});
