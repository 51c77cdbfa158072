import type { Page } from '@playwright/test';
import type { PlannerRow } from '../../src/shared/contract';
import { callApi, E2E_NOW, expect, pauseClockSoon, test } from './webHostFixture';

const list = (page: Page) => page.getByRole('list', { name: 'Today’s people' });
const rows = (page: Page) => list(page).locator('.plan-row');
const DAY = 24 * 3_600_000;

/** Someone listed after the first 100 rows whose name matches no one in them. */
function pastFirstRows(all: readonly PlannerRow[]): PlannerRow {
  const first = all.slice(0, 100);
  const matches = (term: string) =>
    first.some((r) => `${r.name} ${r.company ?? ''}`.toLowerCase().includes(term.toLowerCase()));
  const further = all.slice(100).find((r) => !matches(r.name));
  if (!further) throw new Error('everyone past the first rows has a namesake among them');
  return further;
}

test('offline, the Planner says how old its data is the moment the connection drops, with the day once the data is another day’s (PL-3)', async ({
  page,
  context,
  served,
}) => {
  // The tests' organisation is the demo, whose line says "Sample data": its session, said to be a
  // synced organisation's, is one whose line speaks of syncing (written at DEMO_WRITTEN_AT, 09:30).
  await page.route('**/api/call/getSession', async (route) => {
    try {
      const response = await route.fetch();
      const body = (await response.json()) as { ok: boolean; value?: { org: { isDemo: boolean } } };
      if (body.value) body.value.org.isDemo = false;
      await route.fulfill({ response, json: body });
    } catch {
      await route.abort('internetdisconnected');
    }
  });
  await page.goto(served.openUrl);
  await expect(rows(page).first()).toBeVisible();
  // Stopped: the page's 30-second tick does not come; only the browser's own events move the line.
  await pauseClockSoon(page);
  const age = page.locator('.data-age');
  await expect(age).toHaveText('Last synced 30 min ago.');

  await context.setOffline(true);
  await expect(age).toHaveText('Offline, data from 09:30.');
  await context.setOffline(false);
  await expect(age).toHaveText('Last synced 30 min ago.');

  // The app left open offline until the next morning.
  await context.setOffline(true);
  await page.clock.setSystemTime(E2E_NOW + DAY);
  await page.clock.runFor(30_000);
  await expect(age).toHaveText('Offline, data from Monday 23 November, 09:30.');
});

test('a row marked done elsewhere while the page was offline shows as done once the connection is back', async ({
  page,
  context,
  served,
}) => {
  await page.goto(served.openUrl);
  await expect(rows(page).first()).toBeVisible();
  const counts = page.getByLabel("Today's counts");
  await expect(counts).toContainText('0 done');
  const plan = await callApi(page.request, served, 'getPlanner', {});
  const row = plan.rows[0];
  if (!row) throw new Error('the demo plan has no rows');

  await context.setOffline(true);
  const readFailed = page.waitForEvent('requestfailed', (r) =>
    r.url().endsWith('/api/call/getPlanner'),
  );
  // Marked in another window (or the CLI): the host announces it; the offline page cannot read it.
  await callApi(page.request, served, 'markPlanRow', {
    personId: row.personId,
    channel: row.channel,
    date: plan.date,
    action: 'done',
  });
  await readFailed;
  await expect(rows(page).first()).toBeVisible();
  await context.setOffline(false);
  await expect(counts).toContainText('1 done');
  await expect(page.locator('.data-age')).toHaveText('Sample data written at 09:30.');
});

test.describe('a plan longer than its first rows', () => {
  test.use({ demoPeople: 1000 });

  test('when the rest of the plan fails to load, its first rows stay, with what failed and a Retry that brings the rest', async ({
    page,
    served,
  }) => {
    // The first rows come; the whole plan asked for after them does not.
    let refuseWhole = true;
    await page.route('**/api/call/getPlanner', async (route) => {
      const input = route.request().postDataJSON() as { first?: number };
      if (refuseWhole && input.first === undefined)
        await route.fulfill({ json: { ok: false, error: 'database is locked' } });
      else await route.continue();
    });
    const plan = await callApi(page.request, served, 'getPlanner', {});
    expect(plan.total).toBeGreaterThan(100);
    await page.goto(served.openUrl);
    const alert = page.locator('.planner-page').getByRole('alert');
    await expect(alert).toContainText(
      `The plan could not be loaded completely: only its first 100 of ${plan.total.toLocaleString('en')} rows are shown. database is locked`,
    );
    await expect(rows(page).first()).toBeVisible();
    const counts = page.getByLabel("Today's counts");
    await expect(counts).toHaveText(`100 of ${plan.total.toLocaleString('en')} rows loaded`);

    // Someone further down is not said to match no one: only the first rows were looked through.
    const further = pastFirstRows(plan.rows);
    const search = page.getByRole('searchbox', { name: 'Filter the plan' });
    await search.fill(further.name);
    await expect(page.locator('.planner-page .empty')).toContainText(
      `No one among the first 100 of ${plan.total.toLocaleString('en')} rows matches these filters.`,
    );

    refuseWhole = false;
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(counts).toContainText('in window now');
    await expect(alert).toHaveCount(0);
    await expect(rows(page).first()).toBeVisible();
    await search.fill('');
    await expect(counts).toContainText('in window now');
  });
  test('a name looked for while the rest of the plan is on its way is not said to match no one', async ({
    page,
    served,
  }) => {
    const plan = await callApi(page.request, served, 'getPlanner', {});
    const further = pastFirstRows(plan.rows);
    // The whole plan is held back until the page has been looked through with the first rows
    // alone (a fixed delay let a loaded machine fill the search after the plan had come).
    let arrived: () => void = () => undefined;
    const wholeAsked = new Promise<void>((ok) => (arrived = ok));
    let release: () => void = () => undefined;
    const released = new Promise<void>((ok) => (release = ok));
    await page.route('**/api/call/getPlanner', async (route) => {
      const input = route.request().postDataJSON() as { first?: number };
      if (input.first === undefined) {
        arrived();
        await released;
      }
      await route.continue();
    });
    await page.goto(served.openUrl);
    await wholeAsked;
    await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(further.name);
    const empty = page.locator('.planner-page .empty');
    await expect(empty).toContainText(
      `Looking through all ${plan.total.toLocaleString('en')} rows…`,
    );
    await expect(empty).not.toContainText('No one matches');
    release();
    await expect(
      list(page).locator(`.person-link[href="#/person/${further.personId}"]`).first(),
    ).toBeVisible();
  });
});

test('a plan that does not come at all says so, and Retry brings it', async ({ page, served }) => {
  await page.route('**/api/call/getPlanner', (route) =>
    route.fulfill({ json: { ok: false, error: 'disk I/O error' } }),
  );
  await page.goto(served.openUrl);
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('Today’s plan could not be loaded: disk I/O error Retry');
  await page.unroute('**/api/call/getPlanner');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(rows(page).first()).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test('a plan the app could not be reached for says so in words, not the browser’s', async ({
  page,
  served,
}) => {
  await page.route('**/api/call/getPlanner', (route) => route.abort('connectionrefused'));
  await page.goto(served.openUrl);
  await expect(page.getByRole('alert')).toHaveText(
    'Today’s plan could not be loaded: the app could not be reached (is the command that serves it still running?) Retry',
  );
  await page.unroute('**/api/call/getPlanner');
  await page.route('**/api/call/getPlanner', (route) =>
    route.fulfill({
      status: 500,
      contentType: 'text/plain',
      body: 'Internal error: database is locked',
    }),
  );
  await page.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Today’s plan could not be loaded: Internal error: database is locked Retry',
  );
});

test('another day’s plan that does not come says which day, and Retry brings it', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  await expect(rows(page).first()).toBeVisible();
  await page.route('**/api/call/getPlanner', (route) =>
    route.fulfill({ json: { ok: false, error: 'disk I/O error' } }),
  );
  await page.getByRole('button', { name: 'Next day' }).click();
  const alert = page.locator('.planner-page').getByRole('alert');
  await expect(alert).toContainText(
    'The plan for Tuesday 24 November could not be loaded: disk I/O error',
  );
  // Monday's plan is still held, but nothing on screen may say it is Tuesday's or Monday's.
  const head = page.locator('.planner-page .head-line');
  await expect(head).toContainText('Tuesday 24 November · times in Berlin (UTC+1)');
  await expect(head).not.toContainText('Monday');
  await expect(page.getByLabel(/counts/i)).toHaveCount(0);
  await page.unroute('**/api/call/getPlanner');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(alert).toHaveCount(0);
  await expect(page.getByLabel('Counts for Tuesday 24 November')).toContainText(/on Tuesday/);
});

test.describe('with the live demo, as `npm run web` serves it', () => {
  // The demo's live source adds sample visits and activity every minute.
  test.use({ hostEnv: { CW_DEMO_LIVE: 'on' } });

  test('the header says once that the sample data is live, not a new "written at" each minute', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    const age = page.locator('.planner-page .data-age');
    // Was "Sample data written at 10:00." after the first run, "10:01" a minute on, and so on:
    // read as sample data written anew every minute.
    await expect(age).toHaveText('Sample data, updated live.', { timeout: 30_000 });
    const session = await callApi(page.request, served, 'getSession', {});
    expect(session.lastSyncedAt).not.toBeNull();
  });
});
