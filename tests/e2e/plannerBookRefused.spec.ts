import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import type { PlannerRow } from '../../src/shared/contract';
import { buildOrganisation } from '../crm-server/crmFactories';
import { crmHostTest, expect } from './crmHostFixture';
import { callApi, E2E_NOW } from './webHostFixture';
import { expectShownWhole } from './sideLineShown';

// A call booked here that Zoho refuses exists nowhere but here: the planner row says it was
// refused (not "call booked"), beside an open task too, and the Team page's "Call booked" leaves
// it out.

const CLIENT = {
  clientId: '1000.E2EREFUSEDBOOK',
  clientSecret: 'e2e-refused-book-secret',
  refreshToken: 'e2e-refused-book-refresh',
};

/** Signed in as Mia Boss (an administrator), who may look at Ren Rep's plan and the Team page. */
const test = crmHostTest(() => {
  const data = buildOrganisation(44);
  data.currentUserId = 'u1';
  return { data, client: CLIENT, grant: '1000.refused-book-grant' };
});

const list = (page: Page) => page.getByRole('list', { name: 'Today’s people' });
const signInAs = (page: Page, label: RegExp) =>
  page
    .getByLabel('Signed in as')
    .locator('option', { hasText: label })
    .first()
    .textContent()
    .then((text) => page.getByLabel('Signed in as').selectOption({ label: text ?? '' }));
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
/** Ren Rep's "Call booked" on the Team page's coverage table. */
const renBooked = (page: Page) =>
  page
    .getByRole('table', { name: 'Coverage per rep' })
    .getByRole('row', { name: /Ren Rep/ })
    .getByRole('cell')
    .nth(6);

test('a booking Zoho refused says so on its planner row, and the Team page does not count it as booked', async ({
  page,
  served,
  crm,
}) => {
  await callApi(page.request, served, 'connectCrm', {
    dataCentre: 'EU',
    clientId: CLIENT.clientId,
    clientSecret: CLIENT.clientSecret,
    grantCode: '1000.refused-book-grant',
  });
  await expect
    .poll(async () => (await callApi(page.request, served, 'getSession', {})).org.isDemo, {
      timeout: 60_000,
    })
    .toBe(false);
  await expect
    .poll(async () => (await callApi(page.request, served, 'getCrmAccount', {})).sync.state, {
      timeout: 60_000,
    })
    .toBe('idle');

  await page.goto(served.openUrl);
  await signInAs(page, /Mia Boss/);
  await nav(page, 'Team');
  await expect(renBooked(page)).toHaveText(/^\d+$/, { timeout: 30_000 });
  const before = Number(await renBooked(page).textContent());

  // Ren books a call in a window still to come; an administrator has made a field mandatory.
  await signInAs(page, /Ren Rep/);
  const plan = await callApi(page.request, served, 'getPlanner', {});
  const callRows = plan.rows.filter((r) => r.channel === 'call');
  const once = (r: PlannerRow) => callRows.filter((o) => o.personId === r.personId).length === 1;
  const target = callRows.find(
    (r) =>
      r.state === 'upcoming' &&
      (r.stars ?? 0) >= 2 &&
      r.action === null &&
      r.next === null &&
      r.start !== null &&
      once(r),
  );
  if (!target?.start) throw new Error('no call row to come');
  const at = target.start + 10 * 60_000;
  const clock = DateTime.fromMillis(at, { zone: plan.repTz }).toFormat('HH:mm');
  crm.data.requireField('Calls', 'Region');
  await callApi(page.request, served, 'bookCall', { personId: target.personId, at });
  await callApi(page.request, served, 'syncNow', {});
  await expect
    .poll(
      async () => (await callApi(page.request, served, 'getCrmAccount', {})).refusedCalls.length,
      { timeout: 30_000 },
    )
    .toBe(1);

  await nav(page, 'Planner');
  await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(target.name);
  const row = list(page)
    .locator(`.plan-row:has(.person-link[href="#/person/${target.personId}"])`)
    .filter({ hasText: '☎ call' });
  await expect(row.locator('.side-line')).toContainText(
    `booking at ${clock} refused by Zoho: see Settings › CRM account`,
  );
  await expect(row.locator('.side-line')).not.toContainText('call booked');

  await signInAs(page, /Mia Boss/);
  await nav(page, 'Team');
  await expect(renBooked(page)).toHaveText(String(before));
});

test('a refused booking beside an open task is named on the row, on screen and never as booked, on the rep’s plan and the manager’s view of it', async ({
  page,
  served,
  crm,
}) => {
  await callApi(page.request, served, 'connectCrm', {
    dataCentre: 'EU',
    clientId: CLIENT.clientId,
    clientSecret: CLIENT.clientSecret,
    grantCode: '1000.refused-book-grant',
  });
  const idle = () =>
    expect
      .poll(async () => (await callApi(page.request, served, 'getCrmAccount', {})).sync.state, {
        timeout: 60_000,
      })
      .toBe('idle');
  await expect
    .poll(async () => (await callApi(page.request, served, 'getSession', {})).org.isDemo, {
      timeout: 60_000,
    })
    .toBe(false);
  await idle();

  await page.goto(served.openUrl);
  await signInAs(page, /Ren Rep/);
  const plan = await callApi(page.request, served, 'getPlanner', {});
  const callRows = plan.rows.filter((r) => r.channel === 'call');
  const once = (r: PlannerRow) => callRows.filter((o) => o.personId === r.personId).length === 1;
  const target = callRows.find(
    (r) =>
      r.state === 'upcoming' &&
      (r.stars ?? 0) >= 2 &&
      r.action === null &&
      r.next === null &&
      r.start !== null &&
      crm.data.table('Contacts').has(r.personId) &&
      once(r),
  );
  if (!target?.start) throw new Error('no contact’s call row to come');
  const today = DateTime.fromMillis(E2E_NOW, { zone: plan.repTz }).toISODate();
  // Zoho holds an open task for them today (a day, which the app places at 09:00).
  crm.data.insert('Tasks', {
    Subject: 'Send the quote',
    Due_Date: today,
    Status: 'Not Started',
    Closed_Time: null,
    Who_Id: { id: target.personId, name: target.name },
    Owner: { id: 'u2', name: 'Ren Rep' },
  });
  await callApi(page.request, served, 'syncNow', {});
  await expect
    .poll(
      async () =>
        (await callApi(page.request, served, 'getPlanner', {})).rows.find(
          (r) => r.personId === target.personId,
        )?.next?.taskId !== undefined,
      { timeout: 30_000 },
    )
    .toBe(true);
  await idle();

  const at = target.start + 10 * 60_000;
  const clock = DateTime.fromMillis(at, { zone: plan.repTz }).toFormat('HH:mm');
  crm.data.requireField('Calls', 'Region');
  await callApi(page.request, served, 'bookCall', { personId: target.personId, at });
  await callApi(page.request, served, 'syncNow', {});
  await expect
    .poll(
      async () => (await callApi(page.request, served, 'getCrmAccount', {})).refusedCalls.length,
      { timeout: 30_000 },
    )
    .toBe(1);

  const refused = `booking at ${clock} refused by Zoho`;
  const rowOf = () =>
    list(page)
      .locator(`.plan-row:has(.person-link[href="#/person/${target.personId}"])`)
      .filter({ hasText: '☎ call' });
  await page.setViewportSize({ width: 1400, height: 820 });
  await nav(page, 'Planner');
  await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(target.name);
  const row = rowOf();
  await expect(row.locator('.side-line')).toContainText(
    `${refused}: see Settings › CRM account · `,
  );
  await expect(row.locator('.side-line')).toHaveAttribute(
    'title',
    new RegExp(`^${refused}: see Settings › CRM account · task due today`),
  );
  await expect(row.locator('.side-line')).not.toContainText('call booked');
  await expectShownWhole(row, refused);
  await expect(row.getByRole('button', { name: /^Task “Send the quote”/ })).toBeVisible();
  await page.setViewportSize({ width: 1024, height: 700 });
  await expectShownWhole(row, refused);

  // An administrator looking at Ren's plan reads the same.
  await page.setViewportSize({ width: 1400, height: 820 });
  await signInAs(page, /Mia Boss/);
  const owner = page.getByRole('combobox', { name: 'Owner' });
  const ren = await owner
    .locator('option', { hasText: /Ren Rep/ })
    .first()
    .textContent();
  await owner.selectOption({ label: ren ?? '' });
  await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(target.name);
  await expect(rowOf().locator('.side-line')).not.toContainText('call booked');
  await expectShownWhole(rowOf(), refused);
});
