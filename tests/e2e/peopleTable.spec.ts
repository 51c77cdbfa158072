import type { Locator, Page } from '@playwright/test';
import type { PeopleSort } from '../../src/shared/contract';
import { callApi, expect, test, type Served } from './webHostFixture';
import { box, expectWhole } from './onScreen';

const ALL = ['Name', 'Type', 'Company', 'Email', 'Their time zone', 'Owner', 'Last activity'];

for (const { width, height, shown } of [
  // Narrow, the owner and the lead/contact type go; what a rep looks up stays.
  {
    width: 1024,
    height: 700,
    shown: ['Name', 'Company', 'Email', 'Their time zone', 'Last activity'],
  },
  { width: 1440, height: 900, shown: ALL },
]) {
  test.describe(`a ${width} × ${height} window`, () => {
    test.use({ viewport: { width, height } });

    test('each heading of the People table stands over its column, and no column is crushed', async ({
      page,
      served,
    }) => {
      await page.goto(`${served.openUrl}#/people`);
      const table = page.getByRole('table', { name: 'People' });
      const rows = table.getByRole('rowgroup').getByRole('row');
      await expect(rows.nth(7)).toBeVisible();
      const headers = table.getByRole('columnheader');
      const names = await headers.allTextContents();
      const edge = await box(table);
      const heads = [];
      for (const [i, header] of (await headers.all()).entries()) {
        await expectWhole(header, `the heading ${names[i]}`);
        heads.push(await box(header));
      }
      for (const row of (await rows.all()).slice(0, 8)) {
        const cells = row.getByRole('cell');
        await expect(cells).toHaveCount(names.length);
        const name = await cells.first().innerText();
        for (const [i, cell] of (await cells.all()).entries()) {
          const b = await box(cell);
          const head = heads[i];
          if (!head) throw new Error(`${name} has more cells than headings`);
          const what = `${name}’s ${names[i]}`;
          expect(Math.abs(b.x - head.x), `${what} starts under its heading`).toBeLessThanOrEqual(1);
          expect(
            Math.abs(b.width - head.width),
            `${what} is as wide as its heading`,
          ).toBeLessThanOrEqual(1);
          expect(b.x + b.width, `${what} ends inside the table`).toBeLessThanOrEqual(
            edge.x + edge.width,
          );
        }
        for (const column of ['Company', 'Email'])
          expect(
            (await box(cells.nth(names.indexOf(column)))).width,
            `${name}’s ${column} has room to be read`,
          ).toBeGreaterThanOrEqual(110);
        for (const column of ['Their time zone', 'Last activity'])
          await expectWhole(cells.nth(names.indexOf(column)), `${name}’s ${column}`);
      }
      await expect(headers).toHaveText(shown);
    });
  });
}

// More people than the page holds (500): the order must be everyone's, made where the list is paged.
test.describe('an organisation of 700 people', () => {
  test.use({ demoPeople: 700 });

  /** The People page, everyone's people, opened at its rows. */
  async function peopleTable(
    page: Page,
    served: Served,
  ): Promise<{ table: Locator; rows: Locator }> {
    await page.goto(`${served.openUrl}#/people?owner=all`);
    const table = page.getByRole('table', { name: 'People' });
    return { table, rows: table.getByRole('rowgroup').getByRole('row') };
  }

  /**
   * Clicks the heading twice, ordering everyone by `sort` the way `first` says then back (A to Z
   * first, the last activity newest first): after each click the
   * heading says which way (`also` checks more then), and the first rows are everyone's first
   * that way, not the first of the rows the page held: the list is ordered where it is paged.
   */
  async function clickBothWays(
    page: Page,
    served: Served,
    { heading, rows }: { heading: Locator; rows: Locator },
    sort: PeopleSort,
    also: () => Promise<void> = async () => undefined,
    first: 'asc' | 'desc' = 'asc',
  ): Promise<void> {
    for (const direction of first === 'asc'
      ? (['asc', 'desc'] as const)
      : (['desc', 'asc'] as const)) {
      await heading.getByRole('button').click();
      await expect(heading).toHaveAttribute(
        'aria-sort',
        direction === 'asc' ? 'ascending' : 'descending',
      );
      await also();
      const expected = await callApi(page.request, served, 'listPeople', {
        sort,
        direction,
        limit: 3,
      });
      expect(expected.total).toBe(700);
      for (const [i, person] of expected.rows.entries())
        await expect(rows.nth(i).locator('.person-link')).toHaveAttribute(
          'href',
          `#/person/${person.id}`,
        );
    }
  }

  test('a click on a heading orders everyone by it, again the other way, and the heading says so', async ({
    page,
    served,
  }) => {
    const { table, rows } = await peopleTable(page, served);
    const heading = (name: string) => table.getByRole('columnheader', { name, exact: true });
    const firstLink = rows.first().locator('.person-link');
    // By name, A to Z, as the list opens.
    await expect(heading('Name')).toHaveAttribute('aria-sort', 'ascending');
    await expect(heading('Last activity')).not.toHaveAttribute('aria-sort', /.*/);
    await clickBothWays(
      page,
      served,
      { heading: heading('Last activity'), rows },
      'lastActivity',
      async () => {
        await expect(heading('Name')).not.toHaveAttribute('aria-sort', /.*/);
      },
      // The most recent first at the first click: who was in touch lately is what a rep looks for.
      'desc',
    );
    // The arrow follows the order: drawn after the heading, kept out of its text.
    const arrow = await heading('Last activity')
      .getByRole('button')
      .evaluate((b) => b.ownerDocument.defaultView?.getComputedStyle(b, '::after').content);
    expect(arrow).toContain('▲');
    await expect(heading('Last activity')).toHaveText('Last activity');
    // Another column starts ascending; a search keeps the order.
    await heading('Company').getByRole('button').click();
    await expect(heading('Company')).toHaveAttribute('aria-sort', 'ascending');
    const byCompany = await callApi(page.request, served, 'listPeople', {
      sort: 'company',
      direction: 'asc',
      limit: 1,
    });
    await expect(firstLink).toHaveAttribute('href', `#/person/${byCompany.rows[0]?.id ?? ''}`);
    // Keyboard: the heading is a button, Enter turns the order.
    await heading('Company').getByRole('button').press('Enter');
    await expect(heading('Company')).toHaveAttribute('aria-sort', 'descending');
  });

  test('their time zone orders everyone by the offset it shows, west to east and back', async ({
    page,
    served,
  }) => {
    const { table, rows } = await peopleTable(page, served);
    const heading = table.getByRole('columnheader', { name: 'Their time zone', exact: true });
    // Before: a plain heading, no button to press.
    await clickBothWays(page, served, { heading, rows }, 'timeZone');
    // The first row of each way is the other end of the world: offsets read west to east.
    const firstZone = async (direction: 'asc' | 'desc') =>
      (await callApi(page.request, served, 'listPeople', { sort: 'timeZone', direction, limit: 1 }))
        .rows[0]?.timeZone;
    expect(await firstZone('asc')).not.toBe(await firstZone('desc'));
  });
});
