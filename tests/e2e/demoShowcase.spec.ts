import { rawHandle } from '../../src/main/db/bulkHandle';
import { callApi, expect, test } from './webHostFixture';

// What a new user exploring the demo organisation finds without any data put in for them: a
// visitor the CRM linked to nobody, known by the e-mail they typed (VT-2), and a holiday a few
// clicks of "Next day" away.

interface FirstTimer {
  id: string;
  name: string;
  url: string;
  /** The first line of their chat. */
  said: string;
}

/** Read from the test's copy of the demo before its host opens it (nothing is written). */
let firstTimer: FirstTimer | undefined;

test.describe('a visitor the demo knows by the e-mail they typed (VT-2)', () => {
  test.use({
    beforeStart: {
      write: (db) => {
        // Anna's person whose only visit the CRM linked to nobody, who chatted on it.
        firstTimer = rawHandle(db)
          .prepare(
            `select p.id, p.first_name || ' ' || p.last_name as name,
               (select url from visit_pages where visit_id = v.id order by viewed_at limit 1) as url,
               (select m.text from chat_messages m join chats c on c.id = m.chat_id
                where c.visit_id = v.id order by m.sent_at limit 1) as said
             from visits v join people p on p.email = lower(trim(v.visitor_email))
             where v.person_id is null and p.owner_id = 'u-r1'
               and not exists (select 1 from visits l where l.person_id = p.id)
               and exists (select 1 from chats c where c.visit_id = v.id)`,
          )
          .get() as FirstTimer | undefined;
      },
    },
  });

  test("opened from Anna's Visits page, their page lists the visit, sums it up and holds the chat", async ({
    page,
    served,
  }) => {
    if (!firstTimer) throw new Error('the demo gives Anna no first visit by e-mail');
    await page.goto(`${served.openUrl}#/visits`);
    const row = page
      .getByRole('list', { name: 'Earlier' })
      .getByRole('listitem', { name: firstTimer.name });
    await expect(row).toContainText('Owner: Anna Keller');
    await row.getByRole('link', { name: 'Open person' }).click();
    await expect(page.getByRole('heading', { level: 1, name: firstTimer.name })).toBeVisible();

    const visits = page.getByRole('article', { name: 'Visits', exact: true });
    await expect(visits.getByRole('row')).toHaveCount(2);
    await expect(visits).toContainText(firstTimer.url);
    const summary = page.getByRole('article', { name: 'Website visits' });
    await expect(summary).not.toContainText('No website visits known');
    await expect(summary).toContainText('Days visited1');
    await expect(summary).toContainText(`First page${firstTimer.url}`);
    const chats = page.getByRole('article', { name: 'Chats' });
    await expect(chats.locator('summary')).toHaveCount(1);
    await chats.locator('summary').click();
    await expect(chats.getByText(firstTimer.said)).toBeVisible();
  });
});

test("a holiday of the demo's American offices, three days after the tests' Monday", async ({
  page,
  served,
}) => {
  // A New York rep's planner on Thursday says so.
  await page.goto(served.openUrl);
  await page.getByLabel('Signed in as').selectOption('u-r6');
  const day = page.getByRole('textbox', { name: 'Day', exact: true });
  await day.fill('2026-11-26');
  await day.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Thanksgiving' })).toHaveText(
    /^Thursday is a holiday \(Thanksgiving Day\) of your shift \(New York office\): nothing to plan\./,
  );

  // Their manager reaches it from today with "Next day".
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m2' });
  await page.goto(`${served.openUrl}#/team`);
  const teamDay = page.getByRole('textbox', { name: 'Day', exact: true });
  await expect(teamDay).toHaveValue('Mon 23 Nov 2026');
  for (const shown of ['Tue 24 Nov 2026', 'Wed 25 Nov 2026', 'Thu 26 Nov 2026']) {
    await page.getByRole('button', { name: 'Next day' }).click();
    await expect(teamDay).toHaveValue(shown);
  }
  const board = page.getByRole('region', { name: "The team's day" });
  await expect(
    board.getByRole('group', { name: "Diego Alvarez's day" }).locator('.lane-off'),
  ).toHaveText('Off: Thanksgiving Day');
  await expect(
    board.getByRole('group', { name: "Lucas Pereira's day" }).locator('.lane-off'),
  ).toHaveCount(0);
});
