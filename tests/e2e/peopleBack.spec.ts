import type { Page } from '@playwright/test';
import { callApi, expect, test, type Served } from './webHostFixture';

// Back from a person opened from People finds the list as it was left: the search, the owner
// filter, the order, the rows on screen and the person opened focused.

function people(page: Page) {
  const table = page.getByRole('table', { name: 'People' });
  return {
    search: page.getByRole('searchbox', { name: 'Search people' }),
    owner: page.getByRole('combobox', { name: 'Owner' }),
    links: table.getByRole('rowgroup').locator('.person-link'),
    heading: (name: string) => table.getByRole('columnheader', { name, exact: true }),
    scroller: table,
  };
}

/** The names the core lists for a search, an owner and an order: what the table must show. */
async function namesOf(
  page: Page,
  served: Served,
  input: { query: string; ownerId?: string; sort: 'lastActivity'; direction: 'desc' },
): Promise<string[]> {
  const found = await callApi(page.request, served, 'listPeople', { ...input, limit: 500 });
  return found.rows.map((r) => r.name);
}

test('Back from a person keeps the People search, the owner filter and the order', async ({
  page,
  served,
}) => {
  const { currentUser } = await callApi(page.request, served, 'getSession', {});
  if (!currentUser) throw new Error('the demo signs nobody in');
  const expected = await namesOf(page, served, {
    query: 'weber',
    ownerId: currentUser.id,
    sort: 'lastActivity',
    direction: 'desc',
  });
  expect(expected.length, 'my people called Weber').toBeGreaterThan(1);
  const mine = await callApi(page.request, served, 'listPeople', {
    limit: 1,
    ownerId: currentUser.id,
    sort: 'name',
    direction: 'asc',
  });

  await page.goto(`${served.openUrl}#/planner`);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'People' })
    .click();
  const list = people(page);
  await list.owner.selectOption({ label: 'My people' });
  await list.search.pressSequentially('weber');
  // Newest activity first: the first press of Last activity sorts so.
  await list.heading('Last activity').getByRole('button').click();
  await expect(list.heading('Last activity')).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByText(`${expected.length} people`, { exact: true })).toBeVisible();
  await expect(list.links).toHaveText(expected);

  const opened = expected[1] ?? '';
  await list.links.filter({ hasText: opened }).click();
  await expect(page.getByRole('heading', { name: opened, level: 1 })).toBeVisible();
  await page.goBack();

  await expect(list.search).toHaveValue('weber');
  await expect(list.owner.locator('option:checked')).toHaveText('My people');
  await expect(list.heading('Last activity')).toHaveAttribute('aria-sort', 'descending');
  await expect(list.heading('Name')).not.toHaveAttribute('aria-sort', /.*/);
  await expect(page.getByText(`${expected.length} people`, { exact: true })).toBeVisible();
  await expect(list.links).toHaveText(expected);
  // The person just read is where the keyboard is, to go on down the list from.
  await expect(list.links.filter({ hasText: opened })).toBeFocused();
  expect(page.url()).toContain('#/people?');

  // Typing, picking an owner and ordering replaced the address: one more Back leaves People.
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeHidden();
  expect(new URL(page.url()).hash).toBe('#/planner');
  // And People from the menu is the list as it opens again: the rep's own, in its first order.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'People' })
    .click();
  await expect(list.search).toHaveValue('');
  await expect(list.heading('Name')).toHaveAttribute('aria-sort', 'ascending');
  await expect(list.owner.locator('option:checked')).toHaveText('My people');
  await expect(
    page.getByText(`${mine.total.toLocaleString('en-US')} people`, { exact: true }),
  ).toBeVisible();
});

test('Back from a person far down the whole list shows the same rows, the person focused', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/people?owner=all`);
  const list = people(page);
  await expect(list.links.first()).toBeVisible();
  const atTop = await list.links.first().innerText();
  await list.scroller.evaluate((el) => (el.scrollTop = 4000));
  // The list draws only the rows near what is on screen: the ones there once it has.
  await expect(list.links.first()).not.toHaveText(atTop);
  const name = await list.links.filter({ visible: true }).nth(3).innerText();
  const opened = list.scroller.getByRole('link', { name, exact: true });
  // As a click would (a row drawn just above the list's edge is scrolled to first).
  await opened.scrollIntoViewIfNeeded();
  const top = await list.scroller.evaluate((el) => el.scrollTop);
  expect(top, 'the list scrolled').toBeGreaterThan(3000);
  await opened.click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await page.goBack();

  await expect(opened).toBeFocused();
  await expect
    .poll(() => list.scroller.evaluate((el) => el.scrollTop), {
      message: 'the same rows on screen',
    })
    .toBe(top);
  await expect(opened).toBeInViewport();
});

test('a People address edited by hand into nonsense opens the list as it first opens', async ({
  page,
  served,
}) => {
  const { currentUser } = await callApi(page.request, served, 'getSession', {});
  if (!currentUser) throw new Error('the demo signs nobody in');
  const mine = await callApi(page.request, served, 'listPeople', {
    limit: 1,
    ownerId: currentUser.id,
    sort: 'name',
    direction: 'asc',
  });
  await page.goto(`${served.openUrl}#/people?sort=salary&dir=sideways&owner=u-nobody&q=`);
  const list = people(page);
  await expect(
    page.getByText(`${mine.total.toLocaleString('en-US')} people`, { exact: true }),
  ).toBeVisible();
  await expect(list.heading('Name')).toHaveAttribute('aria-sort', 'ascending');
  await expect(list.owner.locator('option:checked')).toHaveText('My people');
  await expect(list.links.first()).toHaveText(mine.rows[0]?.name ?? '');
});

test('a rep’s People opens on their own people; everyone’s, once chosen, stays in the address', async ({
  page,
  served,
}) => {
  const { currentUser } = await callApi(page.request, served, 'getSession', {});
  if (!currentUser) throw new Error('the demo signs nobody in');
  const count = async (ownerId?: string): Promise<string> => {
    const found = await callApi(page.request, served, 'listPeople', {
      limit: 1,
      sort: 'name',
      direction: 'asc',
      ...(ownerId ? { ownerId } : {}),
    });
    return `${found.total.toLocaleString('en-US')} people`;
  };
  const mine = await count(currentUser.id);
  const everyone = await count();
  expect(mine).not.toBe(everyone);

  await page.goto(`${served.openUrl}#/people`);
  const list = people(page);
  await expect(list.owner.locator('option:checked')).toHaveText('My people');
  await expect(page.getByText(mine, { exact: true })).toBeVisible();

  await list.owner.selectOption({ label: 'Everyone’s people' });
  await expect(page.getByText(everyone, { exact: true })).toBeVisible();
  expect(page.url()).toContain('owner=all');
  await page.reload();
  await expect(list.owner.locator('option:checked')).toHaveText('Everyone’s people');
  await expect(page.getByText(everyone, { exact: true })).toBeVisible();
});

test('a shared People address opens with its search, owner and order', async ({ page, served }) => {
  const { currentUser } = await callApi(page.request, served, 'getSession', {});
  if (!currentUser) throw new Error('the demo signs nobody in');
  const expected = await namesOf(page, served, {
    query: 'weber',
    ownerId: currentUser.id,
    sort: 'lastActivity',
    direction: 'desc',
  });
  await page.goto(`${served.openUrl}#/people?q=weber&owner=me&sort=lastActivity&dir=desc`);
  const list = people(page);
  await expect(list.search).toHaveValue('weber');
  await expect(list.owner.locator('option:checked')).toHaveText('My people');
  await expect(list.heading('Last activity')).toHaveAttribute('aria-sort', 'descending');
  await expect(list.links).toHaveText(expected);
});
