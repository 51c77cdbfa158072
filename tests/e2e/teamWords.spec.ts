import { callApi, expect, test } from './webHostFixture';

/** What a manager reads on the Team page before hovering anything. */
test.describe('the Team page in a manager’s words', () => {
  test('a lane with more windows than it draws says how many of how many: "best 150 drawn" beside "of 51 worked" read as 150 of 51', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-d1' });
    await page.goto(`${served.openUrl}#/team`);
    const lane = page
      .getByRole('region', { name: "The team's day" })
      .getByRole('group', { name: "Diego Alvarez's day" });
    const count = lane.locator('.lane-count');
    await expect(count).toHaveText(/^\d+ of (\d+) worked, 150 of (\d+) drawn$/);
    const [, planned, all] = /of (\d+) worked, 150 of (\d+) drawn/.exec(
      (await count.textContent()) ?? '',
    ) ?? ['', '0', '0'];
    // Every window of the day is there to draw; one per person and channel is planned.
    expect(Number(all)).toBeGreaterThan(150);
    expect(Number(all)).toBeGreaterThanOrEqual(Number(planned));
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
