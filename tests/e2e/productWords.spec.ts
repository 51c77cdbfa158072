import { callApi, expect, test } from './webHostFixture';

/**
 * A requirement's code from the product's list ("BT-8", "VT-6"): words for its makers only. The
 * list's prefixes only: a zone such as "GMT-3" is no code.
 */
const REQUIREMENT_CODE = /\b(AP|BT|PL|SY|TM|VT)-\d+\b/;

test('no page shows the product list’s requirement codes to its users', async ({
  page,
  served,
}) => {
  const plan = await callApi(page.request, served, 'getPlanner', {});
  const someone = plan.rows[0];
  if (!someone) throw new Error('the demo plan has no rows');
  for (const [route, heading] of [
    ['', 'Planner'],
    ['#/people', 'People'],
    ['#/visits', 'Visits'],
    ['#/team', 'Team'],
    ['#/settings', 'Settings'],
    [`#/person/${someone.personId}`, someone.name],
  ] as const) {
    await page.goto(`${served.openUrl}${route}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    // Settled: the cards that load their own data have shown it.
    await expect(page.getByText(/Loading/)).toHaveCount(0);
    const text = await page.locator('body').innerText();
    expect(REQUIREMENT_CODE.exec(text)?.[0], `a code on ${heading}`).toBeUndefined();
  }
});
