import type { Page } from '@playwright/test';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { zohoTime, type ZRecord } from '../crm-server/crmDataSet';
import { crmHostTest, expect } from './crmHostFixture';
import { callApi, type Served } from './webHostFixture';

const CLIENT = {
  clientId: '1000.E2EPERSONLIVE',
  clientSecret: 'e2e-person-live-secret',
  refreshToken: 'e2e-person-live-refresh',
};

/** Signed in at a CRM test server as Ren Rep (u2), whose leads visit the website as it runs. */
const test = crmHostTest(() => {
  const data = buildOrganisation(23);
  data.currentUserId = 'u2';
  return { data, client: CLIENT, grant: '1000.person-live-grant' };
});

async function signIn(page: Page, served: Served): Promise<void> {
  await callApi(page.request, served, 'connectCrm', {
    dataCentre: 'EU',
    clientId: CLIENT.clientId,
    clientSecret: CLIENT.clientSecret,
    grantCode: '1000.person-live-grant',
  });
  await expect
    .poll(async () => (await callApi(page.request, served, 'getSession', {})).org.isDemo, {
      timeout: 30_000,
    })
    .toBe(false);
}

/** A visit of `visitor` (none: a visitor nobody knows) begun a minute ago, stored by a sync. */
async function visitSynced(
  page: Page,
  served: Served,
  crm: CrmTestServer,
  visitor: ZRecord | null,
): Promise<void> {
  const { now } = await callApi(page.request, served, 'getSession', {});
  const at = now - 60_000;
  crm.data.insert('Visits', {
    Name: 'Visit',
    Visitor_Name: visitor ? visitor['Last_Name'] : 'Visitor 4711',
    ...(visitor
      ? { Email: visitor['Email'], Lead_Name: { id: visitor.id, name: visitor['Last_Name'] } }
      : {}),
    IP_Address: visitor ? '198.51.100.41' : '203.0.113.99',
    Visited_Time: zohoTime(at),
    Time_Spent: 1,
    Visited_Pages: `${zohoTime(at)} https://example.test/\n${zohoTime(at + 30_000)} https://example.test/pricing`,
    Number_Of_Chats: 0,
  });
  await callApi(page.request, served, 'syncNow', {});
}

test('the person page says “on the website now” as soon as a sync stores their visit, and asks again for no one else’s', async ({
  page,
  served,
  crm,
}) => {
  const lead = [...crm.data.table('Leads').values()].find(
    (l) => (l['Owner'] as { id: string }).id === 'u2' && l['Email'],
  );
  if (!lead) throw new Error('the organisation gives Ren Rep no lead with an e-mail');
  await signIn(page, served);
  const listening = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/events');
  await page.goto(`${served.openUrl}#/person/${lead.id}`);
  await listening;
  const summary = page.getByRole('article', { name: 'Website visits' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(summary.locator('.chip-onsite')).toHaveCount(0);

  // A visitor nobody knows: nothing on this page can change, and it is not asked for again.
  let asked = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/call/getPerson')) asked++;
  });
  // A string, not a function: the page's own globals (the tests build for Node).
  const announced = page.evaluate(`new Promise((ok) => {
    const token = sessionStorage.getItem('cw-web-host-token') ?? '';
    const es = new EventSource('/api/events?token=' + encodeURIComponent(token));
    es.addEventListener('data-changed', (e) => {
      if (JSON.parse(e.data).entities.includes('visits')) {
        es.close();
        ok();
      }
    });
  })`);
  await visitSynced(page, served, crm, null);
  await announced;
  // Time for a read the announcement would have started to be sent.
  await page.evaluate('new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 300)))');
  expect(asked).toBe(0);

  // Theirs: on screen without a reload.
  await visitSynced(page, served, crm, lead);
  await expect(summary.locator('.chip-onsite')).toHaveText('on the website now');
  expect(asked).toBeGreaterThan(0);
});
