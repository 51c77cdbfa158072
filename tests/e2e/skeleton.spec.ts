import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
} from '../../src/shared/contentSecurityPolicy';
import { expect, test } from './webHostFixture';

test.describe('the app in a browser, on the demo organisation', () => {
  test('refuses a visit without the token', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.locator('body')).toContainText('Missing or wrong token');
    await expect(page.getByRole('heading', { name: 'Planner' })).toHaveCount(0);
  });

  test('keeps working after a reload, with the token in neither the address bar nor a cookie', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    await expect(page.getByRole('heading', { name: 'Planner' })).toBeVisible();
    expect(page.url()).not.toContain('token=');
    expect(await page.context().cookies()).toEqual([]);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Planner' })).toBeVisible();
    await expect(
      page.getByRole('list', { name: 'Today’s people' }).getByRole('listitem').first(),
    ).toBeVisible();
  });

  test("opens on the planner with today's demo people, labelled as sample data", async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    await expect(page.getByRole('note')).toContainText('Sample data');
    await expect(page.getByRole('heading', { name: 'Planner' })).toBeVisible();
    const rows = page.getByRole('list', { name: 'Today’s people' }).getByRole('listitem');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeGreaterThan(3);
    // The token does not linger in the address bar.
    expect(page.url()).not.toContain('token=');
  });

  test('carries one content security policy, in the header and in the built page', async ({
    page,
    served,
  }) => {
    const response = await page.goto(served.openUrl);
    const header = response?.headers()['content-security-policy'];
    const meta = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(header).toBe(CONTENT_SECURITY_POLICY);
    // A meta tag cannot forbid framing: the header does that part alone.
    expect(meta).toBe(CONTENT_SECURITY_POLICY_META);
    expect(header?.replace(" frame-ancestors 'none';", '')).toBe(meta);
  });

  test('finds a person by search and shows their page with the timeline', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    await page.getByRole('link', { name: 'People' }).click();
    const list = page.getByRole('table', { name: 'People' });
    // Row 0 holds the column headers.
    await expect(list.getByRole('row').nth(1)).toBeVisible();
    const total = await page.getByText(/^\d[\d,]* people/).textContent();
    const someone = list.getByRole('row').nth(4);
    const email = (await someone.getByRole('cell').nth(3).textContent()) ?? '';
    const name = (await someone.getByRole('link').textContent()) ?? '';
    await page.getByRole('searchbox', { name: 'Search people' }).fill(email);
    await expect(page.getByText(/^1 person$/)).toBeVisible();
    expect(total).not.toBe('1 person');
    await list.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Details' })).toContainText(email);
    const timeline = page.getByRole('article', { name: 'Timeline' }).getByRole('listitem');
    await expect(timeline.first()).toBeVisible();
    const filters = page.getByRole('group', { name: 'Filter the timeline by channel' });
    await filters.getByRole('button', { name: 'email', exact: true }).click();
    await expect(filters.getByRole('button', { name: 'email', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    // Only email items remain on the timeline.
    await expect(timeline.filter({ has: page.locator('.chip-call') })).toHaveCount(0);
  });

  test('keeps a Settings switch after a reload', async ({ page, served }) => {
    await page.goto(served.openUrl);
    await page.getByRole('link', { name: 'Settings' }).click();
    const emails = page.getByRole('switch', { name: 'Emails' });
    await expect(emails).toBeChecked();
    // The switch is controlled by the stored setting: it flips once the core has saved it.
    await emails.click();
    await expect(emails).not.toBeChecked();
    await page.reload();
    await expect(page.getByRole('switch', { name: 'Emails' })).not.toBeChecked();
    await page.getByRole('switch', { name: 'Emails' }).click();
    await expect(page.getByRole('switch', { name: 'Emails' })).toBeChecked();
  });
});
