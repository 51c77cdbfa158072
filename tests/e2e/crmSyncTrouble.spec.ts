import { buildOrganisation } from '../crm-server/crmFactories';
import { connectInSettings, crmHostTest, expect } from './crmHostFixture';
import { callApi } from './webHostFixture';

// A sync the CRM gave no usable answer to, as a rep sees it in Settings › CRM account and hears it
// on any page: what happened, that nothing stored is lost and what to do, in the app's words; the
// API's own words (its path, "cut short?") folded under Details, for whoever mends it.

const CLIENT = {
  clientId: '1000.E2ECLIENT',
  clientSecret: 'e2e-secret',
  refreshToken: 'e2e-refresh',
};

const test = crmHostTest(() => ({
  data: buildOrganisation(23),
  client: CLIENT,
  grant: '1000.good-grant',
}));

test('a network’s sign-in page in Zoho’s place is said in plain words, the API’s words under Details, and the synced data stays', async ({
  page,
  served,
  crm,
}) => {
  test.setTimeout(120_000);
  const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant', 'EU');
  const freshness = page.getByRole('status', { name: 'Data freshness' });
  await expect(freshness).toHaveText('Zoho CRM, synced just now', { timeout: 30_000 });
  const people = (await callApi(page.request, served, 'listPeople', {})).total;

  // Hotel Wi-Fi: every request meets its sign-in page, an HTML page answered 200.
  crm.inject('not-json', { path: /^\/crm\/v8\//, times: 100_000 });
  await panel.getByRole('button', { name: 'Sync now' }).click();

  const alert = panel.getByRole('alert');
  await expect(alert).toHaveText(
    "Something other than Zoho CRM answered: most likely a network's sign-in page (hotel, train or airport Wi-Fi) or a proxy. Nothing stored on this computer is lost. Open a web page in a browser to sign in to the network, then sync again; the app also tries again on its schedule.",
    { timeout: 30_000 },
  );
  await expect(alert).not.toContainText('/crm/v8/');
  await expect(alert).not.toContainText('cut short');
  // The API's words are there for whoever asks, folded.
  const details = panel.locator('details').filter({ hasText: 'Details' });
  const words =
    'Giving up after 6 attempts: /crm/v8/org answered 200 with a body that is not JSON (cut short?)';
  await expect(details.getByText(words)).toBeHidden();
  await details.getByText('Details', { exact: true }).click();
  await expect(details.getByText(words)).toBeVisible();

  // On another page, what is announced reads as one sentence after "Sync problem:".
  await page.getByRole('link', { name: 'People' }).click();
  await expect(page.getByRole('status', { name: 'Sync news' })).toHaveText(
    /^Sync problem: something other than Zoho CRM answered: most likely a network's sign-in page/,
  );
  await expect(freshness).toHaveText(/^Sync problem, synced /);
  expect((await callApi(page.request, served, 'listPeople', {})).total).toBe(people);

  // Signed in to the network: the next sync goes through, and neither the words nor the details stay.
  crm.clearFaults();
  await page.getByRole('link', { name: 'Settings' }).click();
  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(freshness).toHaveText('Zoho CRM, synced just now', { timeout: 30_000 });
  await expect(alert).toHaveCount(0);
  await expect(details).toHaveCount(0);
});

test('Zoho’s servers failing, then Zoho out of reach, are each said with what to do, and syncing resumes once it answers', async ({
  page,
  served,
  crm,
}) => {
  test.setTimeout(120_000);
  const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant', 'EU');
  const freshness = page.getByRole('status', { name: 'Data freshness' });
  await expect(freshness).toHaveText('Zoho CRM, synced just now', { timeout: 30_000 });
  const people = (await callApi(page.request, served, 'listPeople', {})).total;
  const alert = panel.getByRole('alert');

  // A 500 on every request, through every retry.
  crm.inject('server-error', { path: /^\/crm\/v8\//, times: 100_000 });
  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(alert).toHaveText(
    "Zoho CRM's servers kept failing: a fault on Zoho's side, not on this computer. Nothing stored on this computer is lost. Sync again in a few minutes; the app also tries again on its schedule.",
    { timeout: 30_000 },
  );
  await panel.getByText('Details', { exact: true }).click();
  await expect(panel.locator('details')).toContainText(
    'Giving up after 6 attempts: /crm/v8/org answered 500 INTERNAL_ERROR',
  );

  // The CRM goes away altogether (the network drops): offline, with what to do.
  crm.clearFaults();
  const port = Number(new URL(crm.url).port);
  await crm.stop();
  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(alert).toHaveText(
    'Zoho CRM could not be reached from this computer: no network, or a connection that keeps dropping. Nothing stored on this computer is lost. Check the connection, then sync again; the app also tries again on its schedule.',
    { timeout: 30_000 },
  );
  await expect(freshness).toHaveText(/^Offline, synced /);
  await expect(page.getByRole('status', { name: 'Sync news' })).toHaveText(
    'Offline: Zoho CRM cannot be reached. The app goes on with the data synced last.',
  );
  await expect(panel.locator('details')).toContainText(/the connection to \S+ failed/);
  expect((await callApi(page.request, served, 'listPeople', {})).total).toBe(people);

  // The connection is back: Sync now goes through.
  await crm.start(port);
  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(freshness).toHaveText('Zoho CRM, synced just now', { timeout: 30_000 });
  await expect(alert).toHaveCount(0);
});
