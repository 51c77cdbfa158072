import { buildOrganisation } from '../crm-server/crmFactories';
import { connectInSettings, crmHostTest, expect } from './crmHostFixture';
import { editAnswers } from './webHostFixture';

const CLIENT = {
  clientId: '1000.E2EORGCLIENT',
  clientSecret: 'e2e-org-secret',
  refreshToken: 'e2e-org-refresh',
};

/** The host signs in at a CRM test server whose organisation has neither SalesIQ nor Cases. */
const test = crmHostTest(() => {
  const data = buildOrganisation(22, {}, { salesIq: 'none', cases: false });
  data.removeField('Deals', 'Currency');
  data.emailScope = false;
  return { data, client: CLIENT, grant: '1000.org-grant' };
});

test('Settings › CRM account names the modules and fields the organisation lacks, and why emails were not read', async ({
  page,
  served,
}) => {
  const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.org-grant');

  // The sync does not stop at the first module the organisation lacks: it finishes.
  await expect(page.getByRole('status', { name: 'Data freshness' })).toHaveText(
    'Zoho CRM, synced just now',
    { timeout: 30_000 },
  );
  const report = panel.getByRole('region', { name: 'What the organisation has' });
  await expect(report).toContainText(
    'Not in your Zoho organisation, so not synced: Cases and Visits. Everything else is.',
  );
  const fields = report.getByRole('list', { name: 'Fields the organisation lacks' });
  await expect(fields.getByRole('listitem').filter({ hasText: 'Deals' })).toHaveText(
    'Deals: Currency',
  );
  await expect(fields.getByRole('listitem').filter({ hasText: 'Leads' })).toContainText(
    'Visitor_Score',
  );
  await expect(report).toContainText('Emails were not read');
  await expect(report).toContainText('ZohoCRM.modules.emails.READ');
  await expect(panel.getByRole('alert')).toHaveCount(0);
});

test('Settings › CRM account ends each sync note with one full stop, whether or not the note has its own', async ({
  page,
  served,
}) => {
  const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.org-grant');
  await expect(page.getByRole('status', { name: 'Data freshness' })).toHaveText(
    'Zoho CRM, synced just now',
    { timeout: 30_000 },
  );
  // The core's notes as the sync command prints them: the lead push's and the call push's end
  // with their own full stop (zohoLeadPush.ts, zohoCallPush.ts), others end without one.
  await editAnswers(page, 'getCrmAccount', (account) => {
    account.sync.notes = [
      'The lead Suzuki was taken as the one Zoho holds with the e-mail suzuki@example.jp: an earlier attempt whose answer was lost had created it.',
      'Notes could not be read this time',
    ];
  });
  await page.reload();
  const report = panel.getByRole('region', { name: 'What the organisation has' });
  await expect(report.getByText(/^The lead Suzuki was taken/)).toHaveText(/had created it\.$/);
  await expect(report.getByText(/^Notes could not be read/)).toHaveText(
    'Notes could not be read this time.',
  );
  await expect(report).not.toContainText('..');
});
