import { callApi, expect, test } from './webHostFixture';

// A manager prints the Team page (Ctrl+P, or to PDF) for a meeting: the sheet is the board of the
// day, under a title with the team, the day and the zone, every rep's lane over the whole day,
// and the legend; no sidebar, banner or controls.

/** A4 landscape less the print's 10 mm margins, in CSS pixels (277 mm × 96 / 25.4). */
const PRINTED_WIDTH = 1047;

test.use({ viewport: { width: 1280, height: 820 } });

test('printed, the Team page is the whole day’s board with its title and legend, and no app chrome', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  const day = await callApi(page.request, served, 'getTeamDay', {});
  await page.goto(`${served.openUrl}#/team`);
  const board = page.getByRole('region', { name: "The team's day" });
  await expect(board.locator('.team-block').first()).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: PRINTED_WIDTH, height: 740 });
  for (const chrome of [
    page.getByRole('navigation'),
    page.getByRole('note').filter({ hasText: 'Sample data' }),
    page.getByRole('textbox', { name: 'Day', exact: true }),
    page.getByRole('button', { name: 'Export CSV' }),
    page.getByRole('combobox', { name: 'Stars' }),
    page.getByRole('article', { name: 'Coverage' }),
  ])
    await expect(chrome).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  await expect(
    page.getByText(/Greta Lindqvist's team · Monday 23 November · times in /),
  ).toBeVisible();
  await expect(page.getByRole('list', { name: 'Legend' })).toBeVisible();

  // Every rep's lane, and the day's last hour mark inside the printed width.
  await expect(board.getByRole('group', { name: /'s day$/ })).toHaveCount(day.reps.length);
  for (const lane of day.reps)
    await expect(board.getByRole('group', { name: `${lane.name}'s day` })).toBeVisible();
  const ticks = board.locator('.tick');
  const last = await ticks.last().boundingBox();
  const first = await ticks.first().boundingBox();
  if (!last || !first) throw new Error('the board has no hour marks');
  expect(first.x, 'the first hour is on the sheet').toBeGreaterThanOrEqual(0);
  expect(last.x + last.width, 'the last hour is on the sheet').toBeLessThanOrEqual(PRINTED_WIDTH);
  const canvas = await board.locator('.team-canvas').boundingBox();
  expect((canvas?.x ?? 0) + (canvas?.width ?? Infinity)).toBeLessThanOrEqual(PRINTED_WIDTH);
  // The blocks of the whole day are drawn, not only those of the part the screen showed.
  const latest = Math.max(...day.reps.flatMap((r) => r.blocks.map((b) => b.start)));
  await expect
    .poll(() =>
      board
        .locator('.team-block')
        .evaluateAll((els) =>
          Math.max(...els.map((e) => Number(e.getAttribute('data-key')?.split('|')[2]))),
        ),
    )
    .toBeGreaterThanOrEqual(latest - 2 * 3_600_000);
  // A names' column of readable words: the names are not scaled down with the hours.
  const name = await board
    .locator('.lane-head strong')
    .first()
    .evaluate((e) => {
      const box = e.getBoundingClientRect();
      return box.height;
    });
  expect(name).toBeGreaterThan(10);
});
