import type { Locator } from '@playwright/test';
import { callApi, expect, test } from './webHostFixture';

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

test.describe('a lane under the Stars filter says what the limit cut and what the filter hides, apart', () => {
  test('"N more not shown" counts the windows the board did not draw; the filter’s are "hidden by filters"', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    const day = await callApi(page.request, served, 'getTeamDay', {});
    const anna = day.reps.find((r) => r.repId === 'u-r1');
    if (!anna || anna.hiddenBlocks === 0) throw new Error("Anna's lane draws all her windows");
    const underThree = anna.blocks.filter((b) => b.stars < 3).length;
    expect(underThree, 'Anna has drawn windows under 3★').toBeGreaterThan(0);
    await page.goto(`${served.openUrl}#/team`);
    const lane = page.getByRole('group', { name: "Anna Keller's day" });
    const count = lane.locator('.lane-count');
    await expect(count).toContainText(`${anna.hiddenBlocks} more not shown: all in a CSV`);
    await expect(count).not.toContainText('hidden by filters');

    await page.getByRole('combobox', { name: 'Stars' }).selectOption({ label: '3★ or more' });
    // The limit's count is the core's, whatever the filter; it read 36 + the filter's before.
    await expect(count).toContainText(
      new RegExp(
        `, ${anna.hiddenBlocks} more not shown: all in a CSV · ${underThree} hidden by filters$`,
      ),
    );
    await expect(
      lane.getByRole('button', { name: "Anna Keller's windows in a CSV" }),
    ).toBeVisible();

    // A lane the board draws whole says only what the filter hides, with no CSV to point to.
    const whole = day.reps.find(
      (r) => r.hiddenBlocks === 0 && r.blocks.some((b) => b.stars < 3) && r.dayOff === null,
    );
    if (whole) {
      const other = page.getByRole('group', { name: `${whole.name}'s day` });
      const hidden = whole.blocks.filter((b) => b.stars < 3).length;
      await expect(other.locator('.lane-count')).toContainText(
        new RegExp(`, ${hidden} hidden by filters$`),
      );
      await expect(other.locator('.lane-count')).not.toContainText('more not shown');
      await expect(other.getByRole('button', { name: /windows in a CSV$/ })).toHaveCount(0);
    }

    await page.getByRole('combobox', { name: 'Stars' }).selectOption({ label: 'Any stars' });
    await expect(count).toContainText(`${anna.hiddenBlocks} more not shown: all in a CSV`);
    await expect(count).not.toContainText('hidden by filters');
  });

  test("a lane's hourly strip counts the windows the filter leaves in, as its blocks are", async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    const day = await callApi(page.request, served, 'getTeamDay', {});
    const anna = day.reps.find((r) => r.repId === 'u-r1');
    if (!anna) throw new Error('no lane of Anna’s');
    const under = anna.blocks.filter((b) => b.stars < 3);
    expect(under.length, 'Anna has drawn windows under 3★').toBeGreaterThan(0);
    /** The strip's shaded hours, each as its tooltip says: the core's counts less `without`'s. */
    const strip = (without: typeof under): string[] => {
      const counts = [...anna.density];
      for (const b of without)
        for (
          let h = Math.floor((b.start - day.axis.from) / 3_600_000);
          h < Math.ceil((b.end - day.axis.from) / 3_600_000);
          h++
        )
          counts[h] = (counts[h] ?? 0) - 1;
      return counts.flatMap((n) => (n > 0 ? [`${n} window${n === 1 ? '' : 's'} open`] : []));
    };
    await page.goto(`${served.openUrl}#/team`);
    const shades = page
      .getByRole('group', { name: "Anna Keller's day" })
      .locator('.lane-density span');
    const titles = (): Promise<(string | null)[]> =>
      shades.evaluateAll((spans) => spans.map((s) => s.getAttribute('title')));
    await expect.poll(titles).toEqual(strip([]));

    // Her windows under 3★ leave the strip with their blocks; those the board does not draw
    // stay, as in "more not shown".
    await page.getByRole('combobox', { name: 'Stars' }).selectOption({ label: '3★ or more' });
    await expect.poll(titles).toEqual(strip(under));
    expect(strip(under)).not.toEqual(strip([]));
  });
});
