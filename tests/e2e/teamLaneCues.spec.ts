import type { Locator, Page } from '@playwright/test';
import { callApi, expect, test, type Served } from './webHostFixture';

/** The lane's blocks inside the board's box, right of the names (which stay over the track). */
async function blocksInSight(board: Locator, lane: Locator): Promise<number> {
  const frame = await board.boundingBox();
  const head = await board.locator('.team-axis .lane-head').boundingBox();
  if (!frame || !head) throw new Error('no board');
  const left = head.x + head.width;
  const right = frame.x + frame.width;
  const boxes = await lane.locator('.team-block').evaluateAll((els) =>
    els.map((e) => {
      const box = e.getBoundingClientRect();
      return { left: box.left, right: box.right };
    }),
  );
  return boxes.filter((b) => b.right > left + 4 && b.left < right - 4).length;
}

test.describe("the Team board's cues follow the window's width, not only a scroll", () => {
  test.use({ viewport: { width: 1024, height: 700 } });

  test('a lane whose windows come later says so in a narrow window, and neither the words nor the blank lane stay once the window is wide enough to show them', async ({
    page,
    served,
  }) => {
    // Greta in Berlin: her board starts at Chloe's Sydney day (Sun 23:00 Berlin); scrolled back
    // there, 800 px show the night, and Anna's Berlin day (from 07:00) is right of it.
    await page.setViewportSize({ width: 800, height: 700 });
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await page.goto(`${served.openUrl}#/team`);
    const board = page.getByRole('region', { name: "The team's day" });
    await expect(board.locator('.team-block').first()).toBeVisible();
    await board.evaluate((e) => e.scrollTo({ left: 0 }));
    await expect.poll(() => board.evaluate((e) => e.scrollLeft)).toBe(0);
    const anna = board.getByRole('group', { name: "Anna Keller's day" });
    const later = anna.getByRole('button', { name: /^Windows? .* →$|^\d+ windows? .* →$/ });
    await expect(later).toBeVisible();
    expect(await blocksInSight(board, anna)).toBe(0);

    // Wider, not scrolled: her windows are in sight, drawn, and the words went with the blank.
    await page.setViewportSize({ width: 1800, height: 900 });
    await expect.poll(() => blocksInSight(board, anna)).toBeGreaterThan(0);
    await expect(anna.locator('.lane-away')).toHaveCount(0);
    expect(await board.evaluate((e) => e.scrollLeft)).toBe(0);

    // Narrow again: the words come back, still without a scroll.
    await page.setViewportSize({ width: 800, height: 700 });
    await expect(later).toBeVisible();
    expect(await blocksInSight(board, anna)).toBe(0);
    expect(await board.evaluate((e) => e.scrollLeft)).toBe(0);
  });

  test('"← earlier" and its fade stay while the board is scrolled past the day’s start, whatever the width', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await page.goto(`${served.openUrl}#/team`);
    const board = page.getByRole('region', { name: "The team's day" });
    await expect(board.locator('.team-block').first()).toBeVisible();
    const earlier = page.getByRole('button', { name: '← earlier' });
    await expect(earlier).toBeVisible();
    // Narrower: still scrolled, the cue stays; as wide as the whole day: nothing is cut, it goes.
    await page.setViewportSize({ width: 800, height: 700 });
    await expect(earlier).toBeVisible();
    await expect(page.locator('.board-fade')).toBeVisible();
    const whole = await board.evaluate((e) => e.scrollWidth);
    await page.setViewportSize({ width: whole + 400, height: 900 });
    await expect.poll(() => board.evaluate((e) => e.scrollLeft)).toBe(0);
    await expect(earlier).toHaveCount(0);
    await expect(page.locator('.board-fade')).toHaveCount(0);
  });
});

/**
 * Anna's windows the page's CSV holds under `filter` (as the board reads them: "all in a CSV"),
 * each as its UTC start and end, the CSV's last two columns.
 */
async function annaInCsv(
  page: Page,
  served: Served,
  filter: { minStars?: 0 | 2 | 3; hidePassed?: boolean },
): Promise<{ start: number; end: number }[]> {
  const file = await callApi(page.request, served, 'exportTeamDay', {
    format: 'csv',
    repId: 'u-r1',
    ...filter,
  });
  return file.content
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => {
      const cells = line.split(',');
      return { start: Date.parse(cells.at(-2) ?? ''), end: Date.parse(cells.at(-1) ?? '') };
    });
}

test.describe('a lane under the Stars filter says what the limit cut and what the filter hides, apart', () => {
  test('"N more not shown" counts the windows the Stars or Hide passed filter leaves in that the board did not draw; the rest are "hidden by filters"', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    const day = await callApi(page.request, served, 'getTeamDay', {});
    const anna = day.reps.find((r) => r.repId === 'u-r1');
    if (!anna || anna.hiddenBlocks === 0) throw new Error("Anna's lane draws all her windows");
    const windows = anna.blocks.length + anna.hiddenBlocks;
    await page.goto(`${served.openUrl}#/team`);
    const lane = page.getByRole('group', { name: "Anna Keller's day" });
    const count = lane.locator('.lane-count');
    await expect(count).toContainText(`${anna.hiddenBlocks} more not shown: all in a CSV`);
    await expect(count).not.toContainText('hidden by filters');

    const stars = page.getByRole('combobox', { name: 'Stars' });
    const hidePassed = page.getByRole('checkbox', { name: 'Hide passed' });
    for (const [filter, apply] of [
      [{ minStars: 3 }, () => stars.selectOption({ label: '3★ or more' })],
      [{ minStars: 2 }, () => stars.selectOption({ label: '2★ or more' })],
      [
        { hidePassed: true },
        () => stars.selectOption({ label: 'Any stars' }).then(() => hidePassed.check()),
      ],
    ] as const) {
      // Her windows the filter leaves in, as the CSV lists them: the lane draws 150 of them at
      // most, and "more not shown" counts the rest; it counted the day's undrawn windows the
      // filter hides too before.
      const left = await annaInCsv(page, served, filter);
      expect(windows - left.length, `the filter hides some of Anna's windows`).toBeGreaterThan(0);
      const notShown = Math.max(0, left.length - anna.blocks.length);
      await apply();
      await expect(count).toContainText(
        new RegExp(
          `, ${notShown > 0 ? `${notShown} more not shown: all in a CSV · ` : ''}${windows - left.length} hidden by filters$`,
        ),
      );
      await expect(
        lane.getByRole('button', { name: "Anna Keller's windows in a CSV" }),
      ).toHaveCount(notShown > 0 ? 1 : 0);
      await expect(lane.locator('.team-block')).not.toHaveCount(0);
      const drawnStars = await lane
        .locator('.team-block')
        .evaluateAll((els) =>
          els.map((e) =>
            Number(/([\d.]+) of 5 stars/.exec(e.getAttribute('aria-label') ?? '')?.[1]),
          ),
        );
      expect(Math.min(...drawnStars)).toBeGreaterThanOrEqual(
        'minStars' in filter ? filter.minStars : 0,
      );
    }

    await hidePassed.uncheck();
    await expect(count).toContainText(`${anna.hiddenBlocks} more not shown: all in a CSV`);
    await expect(count).not.toContainText('hidden by filters');
  });

  test("a lane's hourly strip counts the windows the filter leaves in, drawn or not", async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    const day = await callApi(page.request, served, 'getTeamDay', {});
    const anna = day.reps.find((r) => r.repId === 'u-r1');
    if (!anna) throw new Error('no lane of Anna’s');
    /** The strip's shaded hours, each as its tooltip says, of these windows. */
    const strip = (windows: { start: number; end: number }[]): string[] => {
      const counts = new Array<number>(anna.density.length).fill(0);
      for (const w of windows)
        for (
          let h = Math.max(0, Math.floor((w.start - day.axis.from) / 3_600_000));
          h < Math.min(counts.length, Math.ceil((w.end - day.axis.from) / 3_600_000));
          h++
        )
          counts[h] = (counts[h] ?? 0) + 1;
      return counts.flatMap((n) => (n > 0 ? [`${n} window${n === 1 ? '' : 's'} open`] : []));
    };
    await page.goto(`${served.openUrl}#/team`);
    const shades = page
      .getByRole('group', { name: "Anna Keller's day" })
      .locator('.lane-density span');
    const titles = (): Promise<(string | null)[]> =>
      shades.evaluateAll((spans) => spans.map((s) => s.getAttribute('title')));
    await expect.poll(titles).toEqual(strip(await annaInCsv(page, served, {})));

    // Every window of hers under 3★ leaves the strip, those the board does not draw too.
    await page.getByRole('combobox', { name: 'Stars' }).selectOption({ label: '3★ or more' });
    const good = strip(await annaInCsv(page, served, { minStars: 3 }));
    await expect.poll(titles).toEqual(good);
    expect(good).not.toEqual(strip(await annaInCsv(page, served, {})));
  });
});

test('a filter changed asks for the day again, keeping the lanes meanwhile, and a late answer for an earlier filter does not replace the later one', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  const day = await callApi(page.request, served, 'getTeamDay', {});
  const anna = day.reps.find((r) => r.repId === 'u-r1');
  if (!anna) throw new Error('no lane of Anna’s');
  const windows = anna.blocks.length + anna.hiddenBlocks;
  const good = (await annaInCsv(page, served, { minStars: 3 })).length;
  const toCome = (await annaInCsv(page, served, { hidePassed: true })).length;
  // The two answers read apart on the page: Hide passed's has windows not drawn, 3★'s another count.
  expect(toCome - anna.blocks.length).not.toBe(Math.max(0, good - anna.blocks.length));
  // The answer for Hide passed is held until the test lets it go; the sparklines' reads counted.
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const isHidePassed = (input: unknown): boolean =>
    (input as Record<string, unknown> | null)?.['hidePassed'] === true;
  await page.route('**/api/call/getTeamDay', async (route) => {
    if (isHidePassed(route.request().postDataJSON())) await held;
    await route.continue();
  });
  let trendReads = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/call/getTeamTrend')) trendReads++;
  });
  await page.goto(`${served.openUrl}#/team`);
  const lane = page.getByRole('group', { name: "Anna Keller's day" });
  const count = lane.locator('.lane-count');
  await expect(count).toContainText(`${anna.hiddenBlocks} more not shown: all in a CSV`);
  await expect(
    page.getByRole('table', { name: 'Coverage per rep' }).getByRole('img', {
      name: /last 10 working days/,
    }),
  ).not.toHaveCount(0);
  expect(trendReads).toBe(1);

  const hidePassed = page.getByRole('checkbox', { name: 'Hide passed' });
  const asked = page.waitForRequest(
    (r) => r.url().endsWith('/api/call/getTeamDay') && isHidePassed(r.postDataJSON()),
  );
  await hidePassed.check();
  await asked;
  // While the day is asked for again, the lanes stay (their drawn blocks filtered at once).
  await expect(lane.locator('.team-block')).not.toHaveCount(0);
  await hidePassed.uncheck();
  await page.getByRole('combobox', { name: 'Stars' }).selectOption({ label: '3★ or more' });
  const threeText = new RegExp(
    `, ${good > anna.blocks.length ? `${good - anna.blocks.length} more not shown: all in a CSV · ` : ''}${windows - good} hidden by filters$`,
  );
  await expect(count).toContainText(threeText);

  // The answer for Hide passed comes last: the lane stays as 3★ or more draws it.
  const answered = page.waitForResponse(
    (r) => r.url().endsWith('/api/call/getTeamDay') && isHidePassed(r.request().postDataJSON()),
  );
  release();
  await answered;
  // A frame and a moment for the page to take the answer, had it taken it.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200)))');
  await expect(count).toContainText(threeText);
  // The sparklines do not depend on the filters: not read again.
  expect(trendReads).toBe(1);
});
