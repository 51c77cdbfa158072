import { copyFileSync, existsSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir } from '../fixtures/tempDb';
import { E2E_NOW, PREBUILT_ENV, startHost, type Served } from './servedHost';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** Earlier visits reading the one page only they read: three at each instant, a page and more. */
const VISITS = 120;
const name = (n: number): string => `Pager ${String(n).padStart(3, '0')}`;

function addPagingVisit(file: string, id: string, visitor: string, start: number): Promise<void> {
  return openDatabase(file).then(async (db) => {
    const raw = rawHandle(db);
    raw
      .prepare(
        `insert into visits (id, person_id, visitor_name, ip, user_agent, started_at, ended_at, time_spent_s)
         values (?, null, ?, '192.0.2.10', 'Mozilla/5.0 Firefox/120.0', ?, ?, 60)`,
      )
      .run(id, visitor, start, start + MIN);
    raw
      .prepare(
        "insert into visit_pages (visit_id, url, viewed_at, time_spent_s) values (?, '/paging-test', ?, 60)",
      )
      .run(id, start);
    await db.close();
  });
}

const test = base.extend<{ host: { served: Served; file: string } }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dir = makeTempDir('cw-e2e-paging-');
    const file = dir.file('demo.db');
    try {
      const prebuilt = process.env[PREBUILT_ENV];
      if (!prebuilt)
        throw new Error(`${PREBUILT_ENV} is not set: run through playwright.config.ts`);
      copyFileSync(prebuilt, file);
      if (existsSync(`${prebuilt}-wal`)) copyFileSync(`${prebuilt}-wal`, `${file}-wal`);
      // Newest first: visit n starts at the (n / 3)th hour back from two days ago; at each
      // instant the highest id first, as the list orders them ("Pager 000" is the newest).
      for (let n = 0; n < VISITS; n++)
        await addPagingVisit(
          file,
          `pg-${String(VISITS - n).padStart(3, '0')}`,
          name(n),
          E2E_NOW - 2 * DAY - Math.floor(n / 3) * 60 * MIN,
        );
      const host = await startHost(file, E2E_NOW);
      try {
        await use({ served: host.served, file });
      } finally {
        await host.stop();
      }
    } finally {
      dir.remove();
    }
  },
  page: async ({ page }, use) => {
    await page.clock.install({ time: E2E_NOW });
    await use(page);
  },
});

test('"Show earlier visits" pages back from the last row: every visit once, in order, while new ones arrive', async ({
  page,
  host,
}) => {
  await page.goto(`${host.served.openUrl}#/visits`);
  await page.getByRole('button', { name: 'Everyone’s' }).click();
  await page.getByRole('searchbox', { name: 'Page' }).fill('/paging-test');
  const earlier = page.getByRole('list', { name: 'Earlier' }).getByRole('listitem', {
    name: /^Pager/,
  });
  await expect(earlier).toHaveCount(50);
  // The count says there are more than the 50 shown, not 50 as if that were all of them.
  const badge = page.getByRole('heading', { name: /^Earlier/ }).locator('.count-badge');
  await expect(badge).toHaveText('50+');
  const more = page.getByRole('button', { name: 'Show earlier visits' });

  await more.click();
  await expect(earlier).toHaveCount(100);
  // A visit arrives meanwhile, and the list is asked for again (the page's refresh).
  await addPagingVisit(host.file, 'pg-new', 'Pager new', E2E_NOW - 5 * MIN);
  await page.clock.runFor(31_000);
  await expect(
    page.getByRole('list', { name: 'On the website now' }).getByRole('listitem', {
      name: 'Pager new',
    }),
  ).toBeVisible();
  // What was paged in stays.
  await expect(earlier).toHaveCount(100);

  await more.click();
  await expect(earlier).toHaveCount(VISITS);
  await expect(more).toHaveCount(0);
  await expect(badge).toHaveText(String(VISITS));
  const names = await earlier.evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
  expect(names).toEqual(Array.from({ length: VISITS }, (_, n) => name(n)));
});
