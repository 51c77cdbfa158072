import type { Page } from '@playwright/test';
import { callApi, expect, test, type Served } from './webHostFixture';

// A rep searching "My people" for whoever just called is told how many of everyone's people the
// search finds that their own list hides, and reaches them with one link, from the keyboard too.

function people(page: Page) {
  const table = page.getByRole('table', { name: 'People' });
  return {
    search: page.getByRole('searchbox', { name: 'Search people' }),
    owner: page.getByRole('combobox', { name: 'Owner' }),
    links: table.getByRole('rowgroup').locator('.person-link'),
  };
}

async function signedInRep(page: Page, served: Served): Promise<{ id: string; name: string }> {
  const { currentUser } = await callApi(page.request, served, 'getSession', {});
  if (!currentUser) throw new Error('the demo signs nobody in');
  return currentUser;
}

/** The names the core lists for a search among everyone's people, as the table must show them. */
async function everyonesMatches(page: Page, served: Served, query: string): Promise<string[]> {
  const found = await callApi(page.request, served, 'listPeople', { query, limit: 500 });
  return found.rows.map((r) => r.name);
}

test('a search none of the rep’s own match offers everyone’s matches, taken from the keyboard', async ({
  page,
  served,
}) => {
  const me = await signedInRep(page, served);
  // A word of a colleague's person's name that finds several people, none of them the rep's.
  const { rows } = await callApi(page.request, served, 'listPeople', { query: '', limit: 500 });
  let word: string | null = null;
  let expected: string[] = [];
  for (const row of rows.filter((r) => r.ownerName !== me.name).slice(0, 60)) {
    const candidate = row.name.split(' ').at(-1) ?? '';
    if (candidate.length < 4) continue;
    const mine = await callApi(page.request, served, 'listPeople', {
      query: candidate,
      ownerId: me.id,
      limit: 1,
    });
    if (mine.total > 0) continue;
    const everyone = await everyonesMatches(page, served, candidate);
    if (everyone.length < 2) continue;
    word = candidate;
    expected = everyone;
    break;
  }
  if (!word) throw new Error('the demo has no name only colleagues’ people share');

  await page.goto(`${served.openUrl}#/people`);
  const list = people(page);
  await expect(list.owner.locator('option:checked')).toHaveText('My people');
  await expect(list.search).toBeFocused();
  await page.keyboard.type(word);
  const empty = page.getByText(`No one of yours matches “${word}”.`);
  await expect(empty).toHaveText(
    `No one of yours matches “${word}”. ${expected.length} matches in everyone’s people: show them`,
  );
  await expect(page.getByText('0 people', { exact: true })).toBeVisible();

  // From the search box: past the owner list, to the link, and Enter.
  await page.keyboard.press('Tab');
  await expect(list.owner).toBeFocused();
  await page.keyboard.press('Tab');
  const show = empty.getByRole('link', { name: 'show them' });
  await expect(show).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(list.owner.locator('option:checked')).toHaveText('Everyone’s people');
  await expect(list.search).toHaveValue(word);
  await expect(page.getByText(`${expected.length} people`, { exact: true })).toBeVisible();
  await expect(list.links).toHaveText(expected);
  // The keyboard goes on at the first of them, not on a link that is gone.
  await expect(list.links.first()).toBeFocused();
  const address = new URL(page.url()).hash;
  expect(address).toContain('owner=all');
  expect(address).toContain(`q=${encodeURIComponent(word)}`);

  // Back returns to the rep's own people, the search kept.
  await page.goBack();
  await expect(list.owner.locator('option:checked')).toHaveText('My people');
  await expect(list.search).toHaveValue(word);
  await expect(empty).toBeVisible();
});

test('a search some of the rep’s own match says, after them, how many more everyone’s people hold', async ({
  page,
  served,
}) => {
  const me = await signedInRep(page, served);
  const mine = await callApi(page.request, served, 'listPeople', {
    query: 'weber',
    ownerId: me.id,
    limit: 500,
  });
  const everyone = await everyonesMatches(page, served, 'weber');
  const more = everyone.length - mine.total;
  expect(mine.total, 'the rep’s own people called Weber').toBeGreaterThan(0);
  expect(more, 'colleagues’ people called Weber').toBeGreaterThan(1);

  await page.goto(`${served.openUrl}#/people?q=WEBER`);
  const list = people(page);
  await expect(list.links).toHaveText(mine.rows.map((r) => r.name));
  const line = page.getByText(`${more} more matches in everyone’s people:`);
  await expect(line).toHaveText(`${more} more matches in everyone’s people: show them`);
  // Below the table, where its list ends.
  const table = await page.getByRole('table', { name: 'People' }).boundingBox();
  const below = await line.boundingBox();
  expect(below && table && below.y >= table.y + table.height).toBe(true);

  await line.getByRole('link', { name: 'show them' }).click();
  await expect(list.owner.locator('option:checked')).toHaveText('Everyone’s people');
  await expect(page.getByText(`${everyone.length} people`, { exact: true })).toBeVisible();
  await expect(list.links).toHaveText(everyone);
  await expect(line).toBeHidden();
});
