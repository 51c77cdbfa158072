import { callApi, expect, test } from './webHostFixture';

/** What a manager reads on the Team page before hovering anything. */
test.describe('the Team page in a manager’s words', () => {
  test('a lane with more windows than it draws says how many are not shown and where they are, not "150 of 204 drawn"', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-d1' });
    await page.goto(`${served.openUrl}#/team`);
    const lane = page
      .getByRole('region', { name: "The team's day" })
      .getByRole('group', { name: "Diego Alvarez's day" });
    const count = lane.locator('.lane-count');
    await expect(count).toHaveText(/^\d+ planned, none due yet, \d+ more not shown: all in a CSV$/);
    const [, hidden] = /none due yet, (\d+) more not shown/.exec(
      (await count.textContent()) ?? '',
    ) ?? ['', '0'];
    // Every window of the day is there to draw; the board draws 150 and says how many it left out.
    expect(Number(hidden)).toBeGreaterThan(0);
    await expect(count).not.toContainText('drawn');
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

test('a call clash and an email clash of the same two reps at one account at once are one line naming both channels, not two', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-d1' });
  const day = await callApi(page.request, served, 'getTeamDay', {});
  const reps = (c: (typeof day.clashes)[number]): string =>
    `${c.account ?? c.people[0]?.personId}|${[...new Set(c.people.map((p) => p.repId))].sort().join(' ')}`;
  const alone = (channel: 'call' | 'email') =>
    day.clashes.filter((c) => c.channels.every((s) => s.channel === channel));
  // Monday 10:00 in Berlin: the same two reps at one account on calls and on emails in the same
  // hours read as two lines (57 lines, 48 now); none is left that overlaps its other channel's.
  for (const calls of alone('call'))
    for (const emails of alone('email'))
      if (reps(calls) === reps(emails))
        expect(calls.start >= emails.end || emails.start >= calls.end).toBe(true);
  const both = day.clashes.filter((c) => new Set(c.channels.map((s) => s.channel)).size === 2);
  expect(both.length).toBeGreaterThan(0);

  await page.goto(`${served.openUrl}#/team`);
  const clashes = page.getByRole('article', { name: 'Clashes' });
  await expect(clashes.getByRole('heading', { level: 2 })).toHaveText(
    `Clashes (${day.clashTotal})`,
  );
  const joined = clashes
    .locator('li')
    .filter({ has: page.locator('.chip-call') })
    .filter({ has: page.locator('.chip-email') });
  await expect(joined).toHaveCount(both.length);
  await expect(joined.first()).toContainText(
    /^(\w{3} )?\d\d:\d\d–(\w{3} )?\d\d:\d\d call and email /,
  );
  // Where the channels' hours differ, each is given; where the people do, whom each is about.
  const uneven = both.findIndex((c) =>
    c.channels.some((s) => s.start !== c.start || s.end !== c.end),
  );
  expect(uneven).toBeGreaterThanOrEqual(0);
  await expect(joined.nth(uneven)).toContainText(
    /\(calls \d\d:\d\d–\d\d:\d\d.*, emails \d\d:\d\d–\d\d:\d\d.*\)$/,
  );
  const oneSided = both.findIndex((c) => c.people.some((p) => p.only));
  expect(oneSided).toBeGreaterThanOrEqual(0);
  await expect(joined.nth(oneSided)).toContainText(/, (calls|emails) only\)/);
});
