import { callApi, expect, test } from './webHostFixture';
import { box, expectWhole } from './onScreen';

// 200 % zoom of a 1024 × 768 window: the sidebar's 176 pixels left the page 336. The navigation
// goes across the top, every page still a click or a key away, and the page has the width.

const PAGES = ['Planner', 'People', 'Visits', 'Team', 'Settings'];

test.describe('at 200 % zoom of a 1024 × 768 window (512 × 384)', () => {
  test.use({ viewport: { width: 512, height: 384 } });

  test('the page keeps most of the window’s width, and every page is named and reached by mouse and by keyboard', async ({
    page,
    served,
  }) => {
    await page.goto(`${served.openUrl}#/planner`);
    await expect(page.getByRole('heading', { level: 1, name: 'Planner' })).toBeVisible();
    const main = await box(page.getByRole('main'));
    expect(main.width, 'the page’s width').toBeGreaterThanOrEqual(440);

    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveCount(PAGES.length);
    // Each link whole in the window, named by its words, and a click opens its page. Visits' name
    // carries its count of unread alerts where there is one: the demo's visitor on the website
    // when the shared database was written (globalSetup) raised one as the app opened.
    for (const name of PAGES) {
      const link = nav.getByRole('link', {
        name: new RegExp(`^${name}( \\d+\\+? unread alerts?)?$`),
      });
      await expect(link).toBeInViewport({ ratio: 1 });
      await expectWhole(link, `the ${name} link`);
      await link.click();
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await expect(link).toHaveAttribute('aria-current', 'page');
    }

    // From the top of the page, Tab goes through the five links in order; Enter opens each.
    const reached: string[] = [];
    await page.goto(`${served.openUrl}#/settings`);
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await page.locator('body').focus();
    for (let i = 0; i < 12 && reached.length < PAGES.length; i++) {
      await page.keyboard.press('Tab');
      const focused = nav.locator('a:focus');
      // Its words, less Visits' count of unread alerts where there is one.
      if ((await focused.count()) > 0)
        reached.push(((await focused.textContent()) ?? '').replace(/\d+\+?$/, '').trim());
    }
    expect(reached).toEqual(PAGES);
    const settings = nav.getByRole('link', { name: 'Settings', exact: true });
    await expect(settings).toBeFocused();
    await expect(settings).toBeInViewport({ ratio: 1 });
    await nav.getByRole('link', { name: 'People', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  });

  test('the sync line and “Signed in as” stay in sight, and a manager can still switch users', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-d1' });
    await page.goto(`${served.openUrl}#/team`);
    await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Data freshness' })).toBeInViewport({ ratio: 1 });
    const face = page.locator('.user-picker-face');
    await expect(face).toHaveText('Helena Brandt (director)');
    await expect(face).toBeInViewport({ ratio: 1 });
    await expectWhole(face, 'the signed-in user');
    await page.getByLabel('Signed in as').selectOption({ label: 'Anna Keller (rep)' });
    await expect(face).toHaveText('Anna Keller (rep)');
    // The page still gets most of the window's height under the bar.
    const main = await box(page.getByRole('main'));
    expect(main.height).toBeGreaterThanOrEqual(384 * 0.6);
  });
});
