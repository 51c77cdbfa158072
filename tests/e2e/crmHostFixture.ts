import type { Locator, Page } from '@playwright/test';
import type { CrmDataSet } from '../crm-server/crmDataSet';
import { CrmTestServer, type Credentials } from '../crm-server/crmTestServer';
import { test as hostTest } from './webHostFixture';

export { expect } from './webHostFixture';

interface CrmOrg {
  data: CrmDataSet;
  client: Credentials;
  /** The grant code the server accepts once, for the test to connect with. */
  grant: string;
  /** Every API answer this late: a first sync slow enough to watch. */
  apiDelayMs?: number;
}

/**
 * The web host of webHostFixture, signed in at a CRM test server of the test's own (made by
 * `org` for each test), with retries fast enough for a test.
 */
export function crmHostTest(org: () => CrmOrg) {
  return hostTest.extend<{ crm: CrmTestServer }>({
    // eslint-disable-next-line no-empty-pattern
    crm: async ({}, use) => {
      const { data, client, grant, apiDelayMs } = org();
      const crm = new CrmTestServer(data, client);
      await crm.start();
      crm.grantCodes.add(grant);
      if (apiDelayMs !== undefined) crm.apiDelayMs = apiDelayMs;
      try {
        await use(crm);
      } finally {
        await crm.stop();
      }
    },
    hostEnv: async ({ crm }, use) => {
      await use({ CW_ZOHO_ACCOUNTS_URL: crm.url, CW_ZOHO_RETRY_BASE_MS: '5' });
    },
  });
}

/**
 * Opens Settings › CRM account and submits the Connect form as a user would; the panel and the
 * form, for what the test expects next.
 */
export async function connectInSettings(
  page: Page,
  openUrl: string,
  client: Credentials,
  grant: string,
  dataCentre?: string,
): Promise<{ panel: Locator; form: Locator }> {
  await page.goto(`${openUrl}#/settings`);
  const panel = page.getByRole('article', { name: 'CRM account' });
  const form = panel.getByRole('form', { name: 'Connect Zoho CRM' });
  if (dataCentre) await form.getByLabel('Data centre').selectOption(dataCentre);
  await form.getByLabel('Client ID').fill(client.clientId);
  await form.getByLabel('Client secret').fill(client.clientSecret);
  await form.getByLabel('Grant code').fill(grant);
  await form.getByRole('button', { name: 'Connect' }).click();
  return { panel, form };
}
