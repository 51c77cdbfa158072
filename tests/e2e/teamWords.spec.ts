import { callApi, expect, test } from './webHostFixture';

/** What a manager reads on the Team page before hovering anything. */
test.describe('the Team page in a manager’s words', () => {
  test('a lane with more windows than it draws says how many of how many: "best 150 drawn" beside "51 planned" read as 150 of 51', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-d1' });
    await page.goto(`${served.openUrl}#/team`);
    const lane = page
      .getByRole('region', { name: "The team's day" })
      .getByRole('group', { name: "Diego Alvarez's day" });
    const count = lane.locator('.lane-count');
    await expect(count).toHaveText(/^\d+ planned, none due yet, 150 of \d+ drawn$/);
    const [, planned, all] = /(\d+) planned, none due yet, 150 of (\d+) drawn/.exec(
      (await count.textContent()) ?? '',
    ) ?? ['', '0', '0'];
    // Every window of the day is there to draw; one per person and channel is planned.
    expect(Number(all)).toBeGreaterThan(150);
    expect(Number(all)).toBeGreaterThanOrEqual(Number(planned));
  });

  test('a lane says what is due as the coverage counts it: none due yet at 04:00 in New York, not "0 of 51 worked"; "N of M due worked" once some are', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-d1' });
    await page.goto(`${served.openUrl}#/team`);
    const board = page.getByRole('region', { name: "The team's day" });
    const table = page.getByRole('table', { name: 'Coverage per rep' });
    const cells = async (rep: string) => {
      const row = table.getByRole('row', { name: new RegExp(`^${rep}`) });
      await expect(row).toBeVisible();
      return (await row.locator('td').allInnerTexts()).map((t) => t.trim());
    };
    // Monday 10:00 in Berlin is 04:00 in New York: nothing of Diego's is due, the table reads "–".
    const diego = board.getByRole('group', { name: "Diego Alvarez's day" }).locator('.lane-count');
    const [planned, , worked, outside, missed, share] = await cells('Diego Alvarez');
    expect([worked, outside, missed, share]).toEqual(['0', '0', '0', '–']);
    await expect(diego).toContainText(new RegExp(`^${planned} planned, none due yet`));
    await expect(board).not.toContainText(/\b0 of \d+ worked/);
    // Yui Mori's day in Tokyo is nearly over: some due, and the lane counts them as the table's share.
    const yui = board.getByRole('group', { name: "Yui Mori's day" }).locator('.lane-count');
    const [yPlanned, , yWorked, yOutside, yMissed, yShare] = await cells('Yui Mori');
    const due = Number(yWorked) + Number(yOutside) + Number(yMissed);
    expect(due).toBeGreaterThan(0);
    await expect(yui).toContainText(
      new RegExp(`^${yWorked} of ${due} due worked, ${yPlanned} planned`),
    );
    expect(yShare).toBe(`${Math.round((Number(yWorked) / due) * 100)} %`);
  });

  test('the day by hour names the zone as the page’s header does, not by its IANA name', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-d1' });
    await page.goto(`${served.openUrl}#/team`);
    await expect(page.getByText(/times in Berlin \(UTC\+1\)/)).toBeVisible();
    const byHour = page.getByRole('article', { name: 'The day by hour' });
    await expect(byHour.getByRole('heading', { level: 2 })).toHaveText(
      'The day by hour, Berlin (UTC+1)',
    );
  });
});
