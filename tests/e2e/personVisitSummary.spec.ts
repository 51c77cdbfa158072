import { rawHandle } from '../../src/main/db/bulkHandle';
import { currentUser } from '../../src/main/core/session';
import { expect, test } from './webHostFixture';

// A person whose visits Zoho linked to them, before SalesIQ filled their summary fields (or in
// an organisation without them, SY-5): the page counts the visits it lists, rather than saying
// "No website visits known" above them.

let personId = '';

test.use({
  beforeStart: {
    write: (db) => {
      const rep = currentUser(db);
      if (!rep) throw new Error('the demo has no rep');
      const raw = rawHandle(db);
      const id = raw
        .prepare(
          `select p.id from people p where p.owner_id = ?
             and (select count(*) from visits v where v.person_id = p.id) = 1
           order by p.id limit 1`,
        )
        .pluck()
        .get(rep.id) as string | undefined;
      if (!id) throw new Error('no person of the rep with one visit');
      personId = id;
      raw
        .prepare(
          `update people set days_visited = null, chats_count = null, avg_time_spent_min = null,
             first_visit_at = null, last_visit_at = null, first_visited_url = null,
             visit_referrer = null where id = ?`,
        )
        .run(id);
    },
  },
});

test('the visit summary counts a visit Zoho linked when its summary fields are empty', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/person/${personId}`);
  const card = page.getByRole('article', { name: 'Website visits' });
  await expect(card).toBeVisible();
  await expect(card).not.toContainText('No website visits known');
  await expect(card.getByRole('definition').first()).toHaveText('1');
});
