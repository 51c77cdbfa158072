import type { Page } from '@playwright/test';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { expect, test } from './webHostFixture';

// A Tokyo rep's CRM holds 姓 山田 / 名 太郎: the planner and People show 山田 太郎, and find the
// name typed in either order, with or without the space, and kana in either script.

const JAPANESE: [first: string, last: string][] = [
  ['太郎', '山田'],
  ['イチロウ', 'スズキ'],
  ['ススム', 'ササキ'],
];
let ids: string[] = [];

test.use({
  beforeStart: {
    write: (db) => {
      const raw = rawHandle(db);
      // Three of the signed-in rep's (Anna's) people: everyone she owns is on her plan.
      ids = (
        raw.prepare(`select id from people where owner_id = 'u-r1' order by id limit 3`).all() as {
          id: string;
        }[]
      ).map((r) => r.id);
      const rename = raw.prepare(`update people set first_name = ?, last_name = ? where id = ?`);
      JAPANESE.forEach(([first, last], i) => rename.run(first, last, ids[i]));
    },
  },
});

const planned = (page: Page, id: string | undefined) =>
  page.locator(`.planner-page .plan-row .person-link[href="#/person/${id ?? ''}"]`).first();

test('the planner shows a Japanese name family name first and its filter finds it however it is typed', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  const filter = page.getByRole('searchbox', { name: 'Filter the plan' });
  const [yamada, suzuki, sasaki] = ids;
  for (const typed of ['山田 太郎', '山田太郎', '太郎 山田']) {
    await filter.fill(typed);
    await expect(planned(page, yamada), typed).toHaveText('山田 太郎');
  }
  await filter.fill('すずき');
  await expect(planned(page, suzuki)).toHaveText('スズキ イチロウ');
  // A voicing mark is part of its kana: スス is ササキ ススム's, not スズキ's.
  await filter.fill('スス');
  await expect(planned(page, sasaki)).toHaveText('ササキ ススム');
  await expect(planned(page, suzuki)).toHaveCount(0);
});

test('People finds a Japanese name typed without the space or in hiragana, and shows it family name first', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/people`);
  const search = page.getByRole('searchbox', { name: 'Search people' });
  const links = page
    .getByRole('table', { name: 'People' })
    .getByRole('rowgroup')
    .locator('.person-link');
  await search.fill('山田太郎');
  await expect(links).toHaveText(['山田 太郎']);
  await search.fill('すずき いちろう');
  await expect(links).toHaveText(['スズキ イチロウ']);
  await links.first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('スズキ イチロウ');
});
