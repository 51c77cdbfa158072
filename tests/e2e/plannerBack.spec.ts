import type { Page } from '@playwright/test';
import { expect, test } from './webHostFixture';

// The Planner's day, whose plan and filters are in the address, as People's search is: replaced as
// they change, so Back from a person opened from the plan finds the same day, filters, rows on
// screen and row focused, a reload or a shared link opens them, and nonsense is the default.

function planner(page: Page) {
  const list = page.getByRole('list', { name: 'Today’s people' });
  return {
    day: page.getByRole('textbox', { name: 'Day', exact: true }),
    channel: page.getByRole('combobox', { name: 'Channel' }),
    search: page.getByRole('searchbox', { name: 'Filter the plan' }),
    more: page.getByRole('button', { name: /^More filters/ }),
    stars: page.getByRole('combobox', { name: 'Stars at least' }),
    list,
    scroller: page.locator('.plan-scroll'),
    links: list.locator('.person-link'),
  };
}

test('Back from a person opened from the plan keeps the day, the filters, the rows on screen and the row focused', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/people`);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Planner' })
    .click();
  const plan = planner(page);
  await expect(plan.day).toHaveValue('Mon 23 Nov 2026');
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(plan.day).toHaveValue('Tue 24 Nov 2026');
  await plan.channel.selectOption('call');
  await plan.more.click();
  await plan.stars.selectOption('2');
  await expect(plan.more).toHaveText(/More filters \(1\)/);
  await expect
    .poll(() => new URL(page.url()).hash)
    .toBe('#/planner?day=2026-11-24&channel=call&stars=2');
  await expect(plan.list.locator('.chip-email')).toHaveCount(0);

  await expect(plan.links.first()).toBeVisible();
  const atTop = await plan.links.first().innerText();
  const top = await plan.scroller.evaluate((el) => {
    el.scrollTop = Math.min(1500, el.scrollHeight - el.clientHeight);
    return el.scrollTop;
  });
  expect(top, 'the list scrolled').toBeGreaterThan(500);
  await expect(plan.links.first()).not.toHaveText(atTop);
  const link = plan.links.filter({ visible: true }).nth(3);
  const name = await link.innerText();
  const href = (await link.getAttribute('href')) ?? '';
  await link.click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await page.goBack();

  await expect(plan.day).toHaveValue('Tue 24 Nov 2026');
  await expect(plan.channel).toHaveValue('call');
  await expect(plan.more).toHaveText(/More filters \(1\)/);
  await expect(plan.list.locator('.chip-email')).toHaveCount(0);
  const opened = plan.list.locator(`.plan-slot:has(.person-link[href="${href}"])`).first();
  // The row the person was opened from is the one the keys act on, and has the keyboard.
  await expect(opened).toBeFocused();
  await expect(opened.locator('.plan-row')).toHaveAttribute('aria-current', 'true');
  await expect(opened).toBeInViewport();
  const back = await plan.scroller.evaluate((el) => el.scrollTop);
  // The same rows on screen: the list where it was (the row opened, now the tall focused one, may
  // have been brought fully into view).
  expect(Math.abs(back - top)).toBeLessThan(100);
  expect(page.url()).toContain('#/planner?day=2026-11-24');

  // The day and filters replaced the address: one more Back leaves the Planner.
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
  // And the Planner from the menu is today's plan, unfiltered.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Planner' })
    .click();
  await expect(plan.day).toHaveValue('Mon 23 Nov 2026');
  await expect(plan.channel).toHaveValue('all');
  await expect(plan.more).toHaveText(/^More filters ▾$/);
});

test('a link to a day of the Planner opens that day, with its filters', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/planner?day=2026-12-07&channel=email&q=a`);
  const plan = planner(page);
  await expect(plan.day).toHaveValue('Mon 7 Dec 2026');
  await expect(page.getByLabel('Counts for Monday 7 December')).toBeVisible();
  await expect(plan.channel).toHaveValue('email');
  await expect(plan.search).toHaveValue('a');
  await expect(plan.list.locator('.chip-email').first()).toBeVisible();
  await expect(plan.list.locator('.chip-call')).toHaveCount(0);
  // A reload keeps it all.
  await page.reload();
  await expect(plan.day).toHaveValue('Mon 7 Dec 2026');
  await expect(plan.channel).toHaveValue('email');
  // Today picked again writes no day: the address is the plan of whatever day it is.
  await page.getByRole('button', { name: 'Today' }).click();
  await expect(plan.day).toHaveValue('Mon 23 Nov 2026');
  await expect.poll(() => new URL(page.url()).hash).toBe('#/planner?q=a&channel=email');
});

test('a Planner address edited by hand into nonsense opens today’s plan, unfiltered', async ({
  page,
  served,
}) => {
  for (const address of [
    '#/planner?day=2026-13-45&channel=fax&stars=7&category=vip&rep=u-nobody',
    // Further ahead than a day can be picked: today, not a plan of windows learned now.
    '#/planner?day=2030-01-07',
    '#/planner?day=yesterday',
  ]) {
    await page.goto(`${served.openUrl}${address}`);
    const plan = planner(page);
    await expect(plan.day).toHaveValue('Mon 23 Nov 2026');
    await expect(page.getByLabel("Today's counts")).toBeVisible();
    await expect(plan.channel).toHaveValue('all');
    await expect(plan.more).toHaveText(/^More filters ▾$/);
    await expect(page.getByText('read only')).toHaveCount(0);
    await expect(plan.links.first()).toBeVisible();
  }
});
