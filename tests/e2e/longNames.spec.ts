import { rawHandle } from '../../src/main/db/bulkHandle';
import { expect, test } from './webHostFixture';

// A person whose name and company no row has room for: cut in the row ("Maximiliane-A…"), and
// read whole on hover (the title) and by a screen reader, on the Planner, People and Visits.

const FIRST = 'Maximiliane-Alexandrina';
const LAST = 'von Hohenzollern-Sigmaringen-Wittelsbach';
const NAME = `${FIRST} ${LAST}`;
const COMPANY =
  'Internationale Verwaltungsgesellschaft für Industrie- und Handelsbeteiligungen mbH & Co. KG';
let id = '';

test.use({
  viewport: { width: 1024, height: 768 },
  beforeStart: {
    write: (db) => {
      const raw = rawHandle(db);
      // One of the signed-in rep's (Anna's) people without an account, who visited the website
      // most recently: on her plan, in People and on the Visits page.
      const row = raw
        .prepare(
          `select p.id from visits v join people p on p.id = v.person_id
           where p.owner_id = 'u-r1' and p.account_id is null
           order by v.started_at desc limit 1`,
        )
        .get() as { id: string } | undefined;
      if (!row) throw new Error('the demo has no visitor of Anna’s without an account');
      id = row.id;
      raw
        .prepare(`update people set first_name = ?, last_name = ?, company = ? where id = ?`)
        .run(FIRST, LAST, COMPANY, id);
    },
  },
});

test('the planner row cuts a long name and company, and gives both whole on hover', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  await page.getByRole('searchbox', { name: 'Filter the plan' }).fill('Maximiliane');
  const row = page.locator('.plan-row').filter({ has: page.locator(`a[href="#/person/${id}"]`) });
  const link = row.first().locator('.person-link');
  await expect(link).toBeVisible();
  // Cut on screen: the row has no room for it.
  expect(await link.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
  await expect(link).toHaveAttribute('title', NAME);
  await expect(link).toHaveAccessibleName(NAME);
  const company = row.first().locator('.plan-who .subtle');
  await expect(company).toHaveAttribute(
    'title',
    new RegExp(`^${COMPANY.replace(/[.&]/g, '\\$&')}`),
  );
});

test('People and the Visits card give a long name and company whole on hover', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/people`);
  await page.getByRole('searchbox', { name: 'Search people' }).fill('Maximiliane');
  const people = page.getByRole('table', { name: 'People' });
  const link = people.locator(`a[href="#/person/${id}"]`);
  await expect(link).toHaveAttribute('title', NAME);
  await expect(people.getByRole('cell', { name: COMPANY })).toHaveAttribute('title', COMPANY);

  await page.goto(`${served.openUrl}#/visits`);
  const card = page.getByRole('listitem', { name: NAME }).first();
  await expect(card).toBeVisible();
  await expect(card.getByText(COMPANY)).toHaveAttribute('title', COMPANY);
});
