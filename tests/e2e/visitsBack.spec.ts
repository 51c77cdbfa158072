import type { Page } from '@playwright/test';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { Db } from '../../src/main/db/openDatabase';
import { addVisit } from '../fixtures/alertsOrg';
import { E2E_NOW, expect, test } from './webHostFixture';

// The Visits page's filters are in the address, as the People list's and the Planner's are:
// replaced as they change, so Back from a person opened from a card finds the same filters, cards
// on screen and link focused; a reload or a shared link opens them; nonsense is the default. A
// manager (Greta Lindqvist, over Anna, Tom and three more) also has "My team's" visits.

const MIN = 60_000;

/** Visits of people with an open deal and no won one (customers with an open deal), of every
 * rep, spread over the last days; and two on the website now: one of Tom's (Greta's team), one
 * of Diego's (Marcus Reed's team). */
const visits = {
  write(db: Db) {
    const raw = rawHandle(db);
    const openDeal = (owner: string | null, n: number) =>
      (
        raw
          .prepare(
            `select p.id from people p where ${owner ? 'p.owner_id = ?' : '1 = 1'}
               and exists (select 1 from deals d where d.person_id = p.id and d.status = 'open')
               and not exists (select 1 from deals d where d.person_id = p.id and d.status = 'won')
             order by p.id limit ?`,
          )
          .all(...(owner ? [owner, n] : [n])) as { id: string }[]
      ).map((r) => r.id);
    openDeal(null, 40).forEach((id, i) =>
      addVisit(db, {
        id: `e2e-open-${i}`,
        personId: id,
        start: E2E_NOW - (i + 1) * 90 * MIN,
        pages: [['/pricing', 0]],
        ended: true,
      }),
    );
    const [tom] = openDeal('u-r2', 1);
    const [diego] = openDeal('u-r6', 1);
    addVisit(db, { id: 'e2e-tom-now', personId: tom ?? null, start: E2E_NOW - 3 * MIN });
    addVisit(db, { id: 'e2e-diego-now', personId: diego ?? null, start: E2E_NOW - 2 * MIN });
  },
};
test.use({ beforeStart: visits });

function visitsPage(page: Page) {
  return {
    mine: page.getByRole('button', { name: 'Mine' }),
    team: page.getByRole('button', { name: 'My team’s' }),
    everyone: page.getByRole('button', { name: 'Everyone’s' }),
    openDeal: page.getByRole('checkbox', { name: 'Customer with open deal' }),
    unknown: page.getByRole('checkbox', { name: 'Unknown visitor' }),
    score: page.getByRole('spinbutton', { name: 'Score at least' }),
    rep: page.getByRole('combobox', { name: 'Rep' }),
    cards: page.locator('.visit-item'),
    scroller: page.locator('main.content'),
  };
}

const hash = (page: Page) => new URL(page.url()).hash;

test('Back from a person opened from a visit keeps whose visits, the categories, the cards on screen and the link focused', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/planner`);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Visits' })
    .click();
  const v = visitsPage(page);
  await expect(v.mine).toHaveAttribute('aria-pressed', 'true');
  await v.everyone.click();
  await v.openDeal.check();
  await expect.poll(() => hash(page)).toBe('#/visits/everyone?cat=customer_open_deal');
  await expect(v.cards.nth(20)).toBeAttached();
  await expect(page.locator('.visit-item .cat-chip:not(.cat-customer_open_deal)')).toHaveCount(0);

  const top = await v.scroller.evaluate((el) => {
    el.scrollTop = Math.min(2500, el.scrollHeight - el.clientHeight);
    return el.scrollTop;
  });
  expect(top, 'the page scrolled').toBeGreaterThan(800);
  // The third card whose Open person is on screen.
  const card = await page.locator('.visit-item .open-person').evaluateAll((links) => {
    const height = links[0]?.ownerDocument.defaultView?.innerHeight ?? 0;
    const inView = links.filter((a) => {
      const r = a.getBoundingClientRect();
      return r.top > 0 && r.bottom < height;
    });
    return inView[2]?.closest('.visit-item')?.getAttribute('data-visit') ?? '';
  });
  expect(card).not.toBe('');
  const link = page.locator(`.visit-item[data-visit="${card}"] .open-person`);
  const href = (await link.getAttribute('href')) ?? '';
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Visits' })).toHaveCount(0);
  await page.goBack();

  await expect(v.everyone).toHaveAttribute('aria-pressed', 'true');
  await expect(v.openDeal).toBeChecked();
  await expect(v.unknown).not.toBeChecked();
  const opened = page.locator(`.visit-item[data-visit="${card}"] .open-person`);
  await expect(opened).toBeFocused();
  await expect(opened).toBeInViewport();
  const back = await v.scroller.evaluate((el) => el.scrollTop);
  expect(Math.abs(back - top)).toBeLessThan(150);
  expect(hash(page)).toBe('#/visits/everyone?cat=customer_open_deal');

  // A reload keeps the filters.
  await page.reload();
  await expect(v.everyone).toHaveAttribute('aria-pressed', 'true');
  await expect(v.openDeal).toBeChecked();

  // The filters replaced the address: one more Back leaves the Visits page.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Visits' })).toHaveCount(0);
  // And Visits from the menu opens on the rep's own visits, unfiltered.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Visits' })
    .click();
  await expect(v.mine).toHaveAttribute('aria-pressed', 'true');
  await expect(v.openDeal).not.toBeChecked();
});

test('a Visits address edited into nonsense opens the default view; a rep has no team’s visits', async ({
  page,
  served,
}) => {
  for (const address of [
    '#/visits/bogus?cat=vip&score=lots',
    // Anna has nobody reporting to her: "team" and a rep of it are nonsense for her.
    '#/visits/team?rep=u-r2',
  ]) {
    await page.goto(`${served.openUrl}${address}`);
    const v = visitsPage(page);
    await expect(v.mine).toHaveAttribute('aria-pressed', 'true');
    await expect(v.team).toHaveCount(0);
    await expect(v.rep).toHaveCount(0);
    await expect(v.openDeal).not.toBeChecked();
    await expect(v.score).toHaveValue('');
  }
  // A good address opens what it says.
  await page.goto(`${served.openUrl}#/visits/everyone?cat=unknown,customer_open_deal&score=5`);
  const v = visitsPage(page);
  await expect(v.everyone).toHaveAttribute('aria-pressed', 'true');
  await expect(v.openDeal).toBeChecked();
  await expect(v.unknown).toBeChecked();
  await expect(v.score).toHaveValue('5');
});

test('a manager follows her team’s visitors: all of them, or one rep’s, and a rule for her team’s people', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/visits`);
  await page.getByLabel('Signed in as').selectOption({ label: 'Greta Lindqvist (manager)' });
  const v = visitsPage(page);
  const now = page.getByRole('list', { name: 'On the website now' });
  // She owns no one: her team's visitors are what she opens on.
  await expect(v.team).toHaveAttribute('aria-pressed', 'true');
  await v.mine.click();
  await expect.poll(() => hash(page)).toBe('#/visits/mine');
  await v.team.click();
  await expect.poll(() => hash(page)).toBe('#/visits/team');
  const tom = now.locator('[data-visit="e2e-tom-now"]');
  await expect(tom).toBeVisible();
  await expect(tom).toContainText('Owner: Tom Brennan');
  // Marcus Reed's rep's visitor is not Greta's team's.
  await expect(now.locator('[data-visit="e2e-diego-now"]')).toHaveCount(0);
  // Her reps, as the Rep list names them, and herself.
  const reps = (await v.rep.locator('option').allInnerTexts()).slice(1);
  expect(reps).toContain('Tom Brennan’s');
  expect(reps).not.toContain('Diego Alvarez’s');
  const team = ['Greta Lindqvist', ...reps.map((r) => r.replace(/’s$/, ''))];
  for (const owner of await page.locator('.visit-owner').allInnerTexts())
    expect(team.map((n) => `Owner: ${n}`)).toContain(owner);

  await v.rep.selectOption({ label: 'Anna Keller’s' });
  await expect.poll(() => hash(page)).toBe('#/visits/team?rep=u-r1');
  await expect(tom).toHaveCount(0);
  await expect(page.locator('.visit-owner').first()).toBeVisible();
  for (const owner of await page.locator('.visit-owner').allInnerTexts())
    expect(owner).toBe('Owner: Anna Keller');
  await page.reload();
  await expect(v.team).toHaveAttribute('aria-pressed', 'true');
  await expect(v.rep).toHaveValue('u-r1');

  await v.everyone.click();
  await expect(now.locator('[data-visit="e2e-diego-now"]')).toBeVisible();

  // Settings › Alerts offers her a rule for her team's people.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  const whose = page
    .getByRole('list', { name: 'Alert rules' })
    .getByRole('combobox', { name: 'Whose' })
    .first();
  await whose.selectOption({ label: 'My team’s people' });
  await page.getByRole('button', { name: 'Save alert settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await expect(whose).toHaveValue('team');
});
