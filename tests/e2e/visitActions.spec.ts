import { rawHandle } from '../../src/main/db/bulkHandle';
import { addVisit, MIN } from '../fixtures/alertsOrg';
import { callApi, E2E_NOW, expect, test } from './webHostFixture';

/**
 * VT-1: what a visitor did besides reading pages (SalesIQ's Actions_Performed, kept by the sync as
 * its sub-list) reads on the Visits card and in the person's visits, in plain words, at the rep's
 * clock (Berlin: E2E_NOW is 10:00 there).
 */
const at = (minutesBefore: number) => new Date(E2E_NOW - minutesBefore * MIN).toISOString();

test.use({
  beforeStart: {
    write: (db) => {
      const raw = rawHandle(db);
      const someone = raw
        .prepare(
          "select id from people where owner_id = 'u-r1' and first_name is not null order by id limit 1",
        )
        .pluck()
        .get() as string | undefined;
      if (!someone) throw new Error('the demo gives Anna nobody');
      addVisit(db, {
        id: 'e2e-did',
        personId: someone,
        start: E2E_NOW - 5 * MIN,
        pages: [
          ['/e2e/pricing', 0],
          ['/e2e/contact', 2],
        ],
      });
      raw.prepare("update visits set actions = ? where id = 'e2e-did'").run(
        JSON.stringify([
          {
            Action_Type: 'Page Visited',
            Action_Performed_Time: at(5),
            Visited_Page: 'https://northwind.example/e2e/pricing',
          },
          {
            Action_Type: 'Form Submitted',
            Action_Performed_Time: at(2),
            Visited_Page: 'https://northwind.example/e2e/contact',
          },
          { Action_Type: 'Chat', Action_Performed_Time: at(1) },
        ]),
      );
    },
  },
});

test('a form sent and a chat begun on a visit read on its Visits card and on the person’s page', async ({
  page,
  served,
}) => {
  const listed = await callApi(page.request, served, 'listVisits', { scope: 'mine', limit: 50 });
  const visit = listed.onSite.find((v) => v.id === 'e2e-did');
  if (!visit?.personId || !visit.name) throw new Error('the Visits page did not list the visit');

  await page.goto(`${served.openUrl}#/visits`);
  const card = page
    .getByRole('list', { name: 'On the website now' })
    .getByRole('listitem', { name: visit.name });
  const did = card.getByRole('list', { name: 'What they did' });
  await expect(did.getByRole('listitem')).toHaveText([
    '09:58 Submitted a form on /e2e/contact',
    '09:59 Started a chat',
  ]);
  // The page views are the card's pages already, not actions again; nothing reads as JSON.
  await expect(card).not.toContainText('Page Visited');
  await expect(card).not.toContainText('Action_Type');

  await card.getByRole('link', { name: 'Open person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: visit.name })).toBeVisible();
  const visits = page.getByRole('article', { name: 'Visits', exact: true });
  await expect(visits.getByRole('row').filter({ hasText: '/e2e/contact' })).toContainText(
    'Actions: 09:58 Submitted a form on /e2e/contact; 09:59 Started a chat',
  );
});
