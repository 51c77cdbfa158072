import { buildOrganisation, HEAD_START_ORG } from '../crm-server/crmFactories';
import { connectInSettings, crmHostTest, expect } from './crmHostFixture';
import { E2E_NOW } from './webHostFixture';

const CLIENT = {
  clientId: '1000.E2ECLIENT',
  clientSecret: 'e2e-secret',
  refreshToken: 'e2e-refresh',
};

/**
 * An organisation large enough for a head start (over 5,000 records), last modified just before
 * the test's instant, signed in as one of its reps.
 */
const test = crmHostTest(() => {
  const data = buildOrganisation(31, HEAD_START_ORG, { start: E2E_NOW - 3 * 3_600_000 });
  data.currentUserId = 'u2';
  // A slow network: the rest of the organisation is still on its way when the plan is ready.
  return { data, client: CLIENT, grant: '1000.good-grant', apiDelayMs: 120 };
});

test('a rep who connects a large organisation works on their plan while the first sync goes on', async ({
  page,
  served,
}) => {
  test.setTimeout(120_000);
  const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant', 'EU');
  await expect(panel.getByRole('status')).toContainText('First sync running');

  // The rep's own people and recent calls came first: their plan opens while the rest syncs.
  const ready = /^Your plan is ready; (\d+) % of the organisation synced$/;
  const freshness = page.getByRole('status', { name: 'Data freshness' });
  await expect(freshness).toHaveText(ready, { timeout: 30_000 });
  await expect(panel.getByRole('status')).toContainText(ready);
  await expect(panel.getByText('Your data opens here when it finishes')).toHaveCount(0);
  const share = Number(ready.exec((await freshness.textContent()) ?? '')?.[1]);
  expect(share).toBeLessThan(60);
  await expect(panel.getByLabel('Contacts progress')).toBeVisible();

  // The CRM's data is open (no sample-data banner), on the signed-in rep's plan.
  await expect(page.getByRole('note')).toHaveCount(0);
  await page.getByRole('link', { name: 'Planner' }).click();
  await expect(
    page.getByRole('list', { name: 'Today’s people' }).getByRole('listitem').first(),
  ).toBeVisible();
  // Still syncing: the share moves on, and the plain status returns when the sync is done.
  await expect(freshness).toHaveText(ready);
  await expect(freshness).toHaveText('Zoho CRM, synced just now', { timeout: 90_000 });
});
