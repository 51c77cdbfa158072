import { openDatabase } from '../../src/main/db/openDatabase';
import { RequestTally } from '../../src/main/sync/apiCredits';
import { runSync } from '../../src/main/sync/syncEngine';
import { licenceDetails } from '../crm-server/crmDataSet';
import { buildOrganisation } from '../crm-server/crmFactories';
import { startServer, zohoSourceFor } from '../crm-server/syncHarness';
import { connectInSettings, crmHostTest, expect } from './crmHostFixture';
import { callApi } from './webHostFixture';

const CLIENT = {
  clientId: '1000.E2ECLIENT',
  clientSecret: 'e2e-secret',
  refreshToken: 'e2e-refresh',
};

/** A free organisation of four active users. */
function freeOrganisation() {
  const data = buildOrganisation(21);
  data.org.license_details = licenceDetails('free', 4);
  return data;
}

const freeOfFour = crmHostTest(() => ({
  data: freeOrganisation(),
  client: CLIENT,
  grant: '1000.good-grant',
}));

freeOfFour(
  'Settings › CRM account says the app’s share of the credits and the stretched schedule it keeps',
  async ({ page, served, crm }) => {
    expect(crm.data.users.filter((u) => u.status === 'active')).toHaveLength(4);
    const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant');
    await expect(page.getByRole('status', { name: 'Data freshness' })).toHaveText(
      'Zoho CRM, synced just now',
      { timeout: 30_000 },
    );
    // 5,000 credits a day, half for this app's copies, over 4 users: 625. The rep's 5 minutes
    // (a records run asks about 37 requests) would be 10,656 a day: records and visits go
    // together, every 86 minutes (1,440 / 86 × 37 = 620).
    const credits = panel.getByLabel('API credits');
    await expect(credits).toContainText(
      'This app keeps to 625 API credits a day (your Free edition allows 5,000 for the organisation, 4 users). Records now sync, with the website visits, every 86 minutes to stay within it.',
    );
    await expect(credits).toContainText(/API requests by this app in the last 24 hours: \d+\./);
    await expect(credits).not.toContainText('paused');
  },
);

/** Sunday 29 March 2026, 11:00 in Berlin: the clocks went forward at 02:00 (03:00 summer time). */
const SUNDAY_11 = Date.UTC(2026, 2, 29, 9, 0);
/** Saturday 28 March, 13:12 in Berlin (winter time): the first sync of the copy kept. */
const SATURDAY_1312 = Date.UTC(2026, 2, 28, 12, 12);

freeOfFour.describe('with a copy whose runs spent the app’s share in the last 24 hours', () => {
  freeOfFour.use({
    startAt: SUNDAY_11,
    // The web host keeps no sign-in across a restart: the copy of the organisation it synced
    // yesterday stays, with the requests it made (its first sync, then Sync now all afternoon).
    crmCopy: {
      write: async (path) => {
        const server = await startServer(freeOrganisation());
        const db = await openDatabase(path);
        try {
          await runSync(db, zohoSourceFor(server), { now: () => SATURDAY_1312 });
          let made = 0;
          const tally = new RequestTally(
            db,
            () => made,
            () => SATURDAY_1312,
          );
          made = 600;
          tally.flush(true);
        } finally {
          await db.close();
          await server.stop();
        }
      },
    },
  });

  freeOfFour(
    'Settings › CRM account says automatic sync is paused, until when by the rep’s clock, and Sync now still works',
    async ({ page, served }) => {
      const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant');
      await expect(panel).toContainText('Connected to Test Org');
      // Saturday's requests leave Zoho's 24 hours at 13:20 winter time on Sunday (the end of their
      // 10-minute bucket), which is 14:20 summer time: the hour the clocks went forward counts.
      const credits = panel.getByLabel('API credits');
      await expect(credits).toContainText(
        'This app keeps to 625 API credits a day (your Free edition allows 5,000 for the organisation, 4 users). Automatic sync paused until 14:20: this app used its 625 credits for the last 24 hours. Sync now still works.',
        { timeout: 30_000 },
      );
      const before = (await callApi(page.request, served, 'getCrmAccount', {})).sync.lastSyncedAt;
      await panel.getByRole('button', { name: 'Sync now' }).click();
      await expect(panel.getByRole('status')).toContainText('synced just now', { timeout: 30_000 });
      expect(
        (await callApi(page.request, served, 'getCrmAccount', {})).sync.lastSyncedAt,
      ).toBeGreaterThan(before ?? 0);
      await expect(credits).toContainText('Automatic sync paused until 14:20');
    },
  );
});
