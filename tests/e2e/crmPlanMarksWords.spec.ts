import { createCore } from '../../src/main/core/createCore';
import { openDatabase } from '../../src/main/db/openDatabase';
import { runSync } from '../../src/main/sync/syncEngine';
import type { CrmDataSet } from '../crm-server/crmDataSet';
import { buildOrganisation } from '../crm-server/crmFactories';
import { startServer, zohoSourceFor } from '../crm-server/syncHarness';
import { connectInSettings, crmHostTest, expect } from './crmHostFixture';
import { callApi, E2E_NOW, type Served } from './webHostFixture';
import type { Page } from '@playwright/test';
import type { Planner } from '../../src/shared/contract';

// Settings' own words for plan marks not in the CRM (the "Sign out and lose …" button, the
// Connect form's "Discard …" box): "made here" where the organisation keeps plan marks (the CW
// Plan Marks module), so the next sync sends them; "made only here" where it keeps none, so they
// go with the copy. Before, the panel said "made only here" in both.

const CLIENT = {
  clientId: '1000.E2ECLIENT',
  clientSecret: 'e2e-secret',
  refreshToken: 'e2e-refresh',
};
const GRANT = '1000.good-grant';

/** The test organisation, signed in as a rep (who has a plan), keeping plan marks or not. */
function organisation(keepsMarks: boolean): CrmDataSet {
  const data = buildOrganisation(21);
  // The admin added the module (README, "Plan marks for the whole team").
  if (keepsMarks) data.table('CW_Plan_Marks');
  data.currentUserId = data.users.find((u) => u.profile.name !== 'Administrator')?.id ?? null;
  return data;
}

/** Connects in Settings, marks the first row of the rep's plan done, and asks to sign out. */
async function markAndSignOut(page: Page, served: Served) {
  const { panel } = await connectInSettings(page, served.openUrl, CLIENT, GRANT);
  await expect(page.getByRole('status', { name: 'Data freshness' })).toHaveText(
    'Zoho CRM, synced just now',
    { timeout: 30_000 },
  );
  const plan = await callApi(page.request, served, 'getPlanner', {});
  const row = plan.rows[0];
  if (!row) throw new Error('the rep has no plan');
  await callApi(page.request, served, 'markPlanRow', {
    personId: row.personId,
    channel: row.channel,
    date: plan.date,
    action: 'done',
  });
  await page.reload();
  await expect(panel).toContainText('Connected to Test Org');
  await panel.getByRole('button', { name: 'Sign out', exact: true }).click();
  return panel;
}

const keeping = crmHostTest(() => ({ data: organisation(true), client: CLIENT, grant: GRANT }));
const keepingNone = crmHostTest(() => ({
  data: organisation(false),
  client: CLIENT,
  grant: GRANT,
}));

keeping(
  'where the organisation keeps plan marks, the sign-out button says the mark is made here, as the warning does',
  async ({ page, served }) => {
    const panel = await markAndSignOut(page, served);
    await expect(panel.getByRole('alert')).toContainText(
      '1 plan mark made here has not reached the CRM yet: sync while online first',
    );
    const lose = panel.getByRole('group', { name: 'Sign out and lose unsent work' });
    await expect(lose.getByRole('button').nth(1)).toHaveText(
      'Sign out and lose 1 plan mark made here',
    );
    await expect(panel).not.toContainText('only here');
  },
);

keepingNone(
  'where the organisation keeps no plan marks, the sign-out button says the mark is made only here',
  async ({ page, served }) => {
    const panel = await markAndSignOut(page, served);
    await expect(panel.getByRole('alert')).toContainText(
      'No sync can send the plan mark made only here',
    );
    const lose = panel.getByRole('group', { name: 'Sign out and lose unsent work' });
    await expect(lose.getByRole('button').nth(1)).toHaveText(
      'Sign out and lose 1 plan mark made only here',
    );
  },
);

/** A copy an earlier sign-in left (the web host keeps no sign-in across a restart), a mark unsent. */
function copyWithMark(keepsMarks: boolean) {
  return {
    write: async (path: string) => {
      const data = organisation(keepsMarks);
      const server = await startServer(data);
      const db = await openDatabase(path);
      const at = E2E_NOW - 3_600_000;
      try {
        await runSync(db, zohoSourceFor(server), { now: () => at });
        const core = createCore(db, () => at);
        await core.recomputeSuggestions();
        if (data.currentUserId === null) throw new Error('the organisation has no rep');
        const call = async <T>(method: string, input: unknown): Promise<T> => {
          const result = await core.dispatch(method, input);
          if (!result.ok) throw new Error(result.error);
          return result.value as T;
        };
        await call('setCurrentUser', { userId: data.currentUserId });
        const plan = await call<Planner>('getPlanner', {});
        const row = plan.rows[0];
        if (!row) throw new Error('the rep has no plan');
        await call('markPlanRow', {
          personId: row.personId,
          channel: row.channel,
          date: plan.date,
          action: 'done',
        });
      } finally {
        await db.close();
        await server.stop();
      }
    },
  };
}

keeping.describe('signed out, with the copy of an organisation keeping plan marks', () => {
  keeping.use({ crmCopy: copyWithMark(true) });

  keeping('the Discard box says the mark is made here', async ({ page, served }) => {
    await page.goto(`${served.openUrl}#/settings`);
    const form = page
      .getByRole('article', { name: 'CRM account' })
      .getByRole('form', { name: 'Connect Zoho CRM' });
    await expect(form).toContainText(
      'Discard the 1 plan mark made here that never reached the CRM, if this sign-in is another organisation than the local copy',
    );
  });
});

keepingNone.describe('signed out, with the copy of an organisation keeping no plan marks', () => {
  keepingNone.use({ crmCopy: copyWithMark(false) });

  keepingNone('the Discard box says the mark is made only here', async ({ page, served }) => {
    await page.goto(`${served.openUrl}#/settings`);
    const form = page
      .getByRole('article', { name: 'CRM account' })
      .getByRole('form', { name: 'Connect Zoho CRM' });
    await expect(form).toContainText(
      'Discard the 1 plan mark made only here that never reached the CRM, if this sign-in is another organisation than the local copy',
    );
  });
});
