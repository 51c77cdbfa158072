import { rawHandle } from '../../src/main/db/bulkHandle';
import { addVisit, MIN } from '../fixtures/alertsOrg';
import { callApi, E2E_NOW, expect, test } from './webHostFixture';

/**
 * One of Anna's people, not on the website lately, reads the pricing page now: their visit was
 * stored by a sync before the app quit, and the app opens while they are still reading (audit49
 * 13: the Visits page said "on the website now", Recent alerts "No alerts yet").
 */
test.use({
  beforeStart: {
    write: (db) => {
      const someone = rawHandle(db)
        .prepare(
          `select p.id from people p
           where p.owner_id = 'u-r1' and p.first_name is not null
             and not exists (select 1 from visits v
                             where v.person_id = p.id and v.started_at > ?)
           order by p.id limit 1`,
        )
        .get(E2E_NOW - 24 * 60 * MIN) as { id: string } | undefined;
      if (!someone) throw new Error('the demo gives Anna nobody away from the website today');
      addVisit(db, {
        id: 'e2e-on-site-at-start',
        personId: someone.id,
        start: E2E_NOW - 3 * MIN,
        pages: [
          ['/', 0],
          ['/pricing', 2],
        ],
      });
    },
  },
});

test('a visitor already on the website when the app opens is a toast and a recent alert, once (VT-7)', async ({
  page,
  served,
}) => {
  const { onSite } = await callApi(page.request, served, 'listVisits', { scope: 'mine' });
  const name = onSite.find((v) => v.id === 'e2e-on-site-at-start')?.name;
  if (!name) throw new Error('the Visits page does not show the visitor on the website');

  await page.goto(`${served.openUrl}#/visits`);
  const toast = page.getByRole('status', {
    name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .*is on the website$`),
  });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('reading /pricing');
  const recent = page.getByRole('region', { name: 'Recent alerts' });
  await expect(recent).toContainText(name);
  await expect(recent).not.toContainText('No alerts yet');

  // The same visit is not news twice: the feed holds one alert about it.
  const feed = await callApi(page.request, served, 'listAlerts', {});
  expect(feed.recent.filter((a) => a.visitId === 'e2e-on-site-at-start')).toHaveLength(1);
});
