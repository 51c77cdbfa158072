import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import type { PlannerRow } from '../../src/shared/contract';
import { callApi, expect, test } from './webHostFixture';

// The first seed's "plan activities at the customer's best time": Book on a planner row books a
// call in the person's window, the row shows it booked, and the Team page counts it in the rep's
// coverage as it counts a call Zoho holds as scheduled.

const list = (page: Page) => page.getByRole('list', { name: 'Today’s people' });
const rowOf = (page: Page, personId: string) =>
  list(page)
    .locator(`.plan-row:has(.person-link[href="#/person/${personId}"])`)
    .filter({ hasText: '☎ call' });
const signInAs = (page: Page, label: string) =>
  page.getByLabel('Signed in as').selectOption({ label });
const openTeam = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
const openPlanner = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Planner' }).click();
/** Anna Keller's "Call booked" on the Team page's coverage table. */
const annaBooked = (page: Page) =>
  page
    .getByRole('table', { name: 'Coverage per rep' })
    .getByRole('row', { name: /Anna Keller/ })
    .getByRole('cell')
    .nth(6);

test('Book on a planner row books the call in the window; the Team page counts it as booked', async ({
  page,
  served,
}) => {
  // A call row still to come whose person has no other call row, and nothing booked yet: its
  // window is the one coverage counts.
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
  const zone = plan.repTz;
  const clock = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');

  await page.goto(served.openUrl);
  await expect(page.locator('.user-picker-face')).toHaveText(/Anna Keller/);
  await signInAs(page, 'Greta Lindqvist (manager)');
  await openTeam(page);
  await expect(annaBooked(page)).toHaveText(/^\d+$/);
  const before = Number(await annaBooked(page).textContent());

  await signInAs(page, 'Anna Keller (rep)');
  await openPlanner(page);
  // Found by name, as a rep would: the plan has hundreds of rows.
  await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(target.name);
  const row = rowOf(page, target.personId);
  await row.getByRole('button', { name: 'Book' }).click();
  const dialog = page.getByRole('dialog', { name: `Book a call with ${target.name}` });
  await expect(dialog).toBeVisible();
  // The row's window, at its start, on the rep's clock, with the contact's time beside it.
  await expect(dialog.getByRole('combobox', { name: 'Window' })).toContainText(
    `Today ${clock(target.start)}–`,
  );
  await expect(dialog.getByLabel('Call time')).toHaveValue(clock(target.start));
  const theirs = DateTime.fromMillis(target.start, { zone: target.contactTz }).toFormat('HH:mm');
  await expect(dialog).toContainText(`Theirs: ${theirs}`);
  await expect(dialog.getByRole('textbox', { name: 'Subject' })).toHaveValue(`Call ${target.name}`);
  // A time outside the window is refused, saying why, and nothing is booked.
  const { windows } = await callApi(page.request, served, 'getBookingWindows', {
    personId: target.personId,
  });
  const evening = DateTime.fromMillis(target.start, { zone }).set({ hour: 20, minute: 30 });
  expect(windows.some((w) => w.start <= evening.toMillis() && evening.toMillis() < w.end)).toBe(
    false,
  );
  await dialog.getByLabel('Call time').fill('20:30');
  await dialog.getByRole('button', { name: 'Book call' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/outside .*'s call windows/);
  // Ten minutes into the window.
  const at = target.start + 10 * 60_000;
  await dialog.getByLabel('Call time').fill(clock(at));
  await dialog.getByRole('button', { name: 'Book call' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'call booked for' })).toContainText(
    `${target.name}: call booked for`,
  );
  // The row says it is booked, as it says a call booked in Zoho.
  await expect(row.locator('.side-line')).toContainText(`call booked at ${clock(at)}`);

  await signInAs(page, 'Greta Lindqvist (manager)');
  await openTeam(page);
  await expect(annaBooked(page)).toHaveText(String(before + 1));
});

test('b books a call from the keyboard on the selected call row; the keys line says so', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  await page.getByRole('combobox', { name: 'Channel' }).selectOption('call');
  const first = list(page).locator('.plan-row').first();
  await expect(first).toHaveAttribute('aria-current', 'true');
  const name = (await first.locator('.person-link').textContent()) ?? '';
  await expect(page.getByText(/b book a call/)).toBeVisible();
  await page.keyboard.press('b');
  const dialog = page.getByRole('dialog', { name: `Book a call with ${name}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Book call' })).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
