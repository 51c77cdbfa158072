import { createCore } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { openDatabase } from '../../src/main/db/openDatabase';
import { userById } from '../../src/main/db/repos/users';
import { bookCall, bookingWindows } from '../../src/main/planner/bookCall';
import { runSync } from '../../src/main/sync/syncEngine';
import { buildOrganisation } from '../crm-server/crmFactories';
import { startServer, zohoSourceFor } from '../crm-server/syncHarness';
import { connectInSettings, crmHostTest, expect } from './crmHostFixture';
import { callApi, E2E_NOW } from './webHostFixture';

// A call booked here that no sync sent before its time: the sync does not send it late (Zoho would
// hold a call to come that is already past), and Settings lists it under "Bookings not sent",
// with Discard only, since sending it again could not help; so is one Zoho refused before its time
// passed, with Zoho's reason, and without a word saying Zoho never saw it.

const CLIENT = {
  clientId: '1000.E2ECLIENT',
  clientSecret: 'e2e-secret',
  refreshToken: 'e2e-refresh',
};
const HOUR = 3_600_000;
/** Four days before the host's clock (a Thursday, a working day): the copy was synced, and the call booked, then. */
const BOOKED_ON = E2E_NOW - 96 * HOUR;
const SUBJECT = 'E2E: the call booked too late';

const org = () => buildOrganisation(44);
const withCrm = crmHostTest(() => ({ data: org(), client: CLIENT, grant: '1000.good-grant' }));

/**
 * The copy an earlier sign-in left (the web host keeps no sign-in across a restart), with a call
 * booked in one of the rep's contact's windows before the host's now, never sent since; or, with
 * `refusedByZoho`, sent in time and refused by Zoho (a field an administrator made mandatory).
 */
const bookedCopy = (refusedByZoho: boolean) => ({
  write: async (path: string) => {
    const server = await startServer(org());
    const db = await openDatabase(path);
    try {
      await runSync(db, zohoSourceFor(server), { now: () => BOOKED_ON });
      await createCore(db, () => BOOKED_ON).recomputeSuggestions();
      // The organisation's signed-in user (its admin) owns nobody: a rep of theirs booked it.
      const rep = userById(db, 'u2');
      if (!rep) throw new Error('the organisation has no rep u2');
      const owned = rawHandle(db)
        .prepare('select id from people where owner_id = ? order by id')
        .pluck()
        .all(rep.id) as string[];
      for (const personId of owned) {
        const window = bookingWindows(db, personId, BOOKED_ON).windows.find(
          (w) => w.start > BOOKED_ON && w.start < E2E_NOW - HOUR,
        );
        if (!window) continue;
        bookCall(db, rep.id, { personId, at: window.start, subject: SUBJECT }, BOOKED_ON);
        if (refusedByZoho) {
          server.data.requireField('Calls', 'Region');
          await runSync(db, zohoSourceFor(server), { now: () => BOOKED_ON });
        }
        return;
      }
      throw new Error(`no one of ${rep.name}'s has a call window before the host's now`);
    } finally {
      await db.close();
      await server.stop();
    }
  },
});

withCrm.use({ crmCopy: bookedCopy(false) });

withCrm(
  'a booking whose time passed before a sync is listed under Bookings not sent with Discard only, and Discard lets it go',
  async ({ page, served, crm }) => {
    const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant');
    await expect(panel).toContainText('Connected to Test Org');
    const notSent = panel.getByRole('region', { name: 'Bookings not sent' });
    await expect(notSent).toContainText(
      'A call booked here can never be sent to Zoho: its time passed',
      {
        timeout: 30_000,
      },
    );
    await expect(notSent.getByRole('listitem')).toHaveCount(1);
    await expect(notSent.getByRole('listitem')).toContainText('Call booked with');
    await expect(notSent.getByRole('listitem')).toContainText(
      'was booked for a time that passed before it reached',
    );
    await expect(notSent.getByRole('button', { name: 'Discard' })).toBeVisible();
    await expect(notSent.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    // Not among Zoho's refusals, and never sent.
    await expect(panel.getByRole('region', { name: 'Calls Zoho refused' })).toHaveCount(0);
    const sent = () =>
      [...crm.data.table('Calls').values()].filter((c) => c['Subject'] === SUBJECT).length;
    expect(sent()).toBe(0);

    await notSent.getByRole('button', { name: 'Discard' }).click();
    await expect(notSent).toHaveCount(0);
    expect((await callApi(page.request, served, 'getCrmAccount', {})).refusedCalls).toEqual([]);
    // A sync after it sends nothing either.
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect(panel.getByRole('status')).toContainText('synced just now', { timeout: 30_000 });
    expect(sent()).toBe(0);
    await expect(notSent).toHaveCount(0);
  },
);

withCrm.describe('refused by Zoho before its time passed', () => {
  withCrm.use({ crmCopy: bookedCopy(true) });

  withCrm(
    'is listed under Bookings not sent with Zoho’s reason and Discard only, not among refusals a Retry may mend',
    async ({ page, served }) => {
      const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant');
      await expect(panel).toContainText('Connected to Test Org');
      const notSent = panel.getByRole('region', { name: 'Bookings not sent' });
      // Zoho saw it: the list must not say it was never sent, only that it never can be now.
      await expect(notSent).toContainText(
        'A call booked here can never be sent to Zoho: its time passed. Book again at a time to come',
        { timeout: 30_000 },
      );
      await expect(notSent.getByRole('listitem')).toContainText('field Region');
      await expect(notSent.getByRole('button', { name: 'Retry' })).toHaveCount(0);
      await expect(panel.getByRole('region', { name: 'Calls Zoho refused' })).toHaveCount(0);
    },
  );
});
