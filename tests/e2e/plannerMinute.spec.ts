import type { Locator, Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { callApi, E2E_NOW, expect, pauseClockSoon, test, type Served } from './webHostFixture';

const MINUTE = 60_000;
const list = (page: Page) => page.getByRole('list', { name: 'Today’s people' });
const nowMarker = (page: Page) => page.getByLabel('Current time');
/** A person's call row on the plan, by id (the demo has namesakes). */
const rowOf = (page: Page, personId: string) =>
  list(page).locator(`.plan-row:has(.person-link[href="#/person/${personId}"])`).first();

/** Opens Log call on the first row of someone not yet called here, with No answer chosen. */
async function logNoAnswer(
  page: Page,
  called: string[] = [],
): Promise<{ personId: string; dialog: Locator; ended: Locator }> {
  let rows = list(page).locator('.plan-row');
  for (const id of called)
    rows = rows.filter({ hasNot: page.locator(`.person-link[href="#/person/${id}"]`) });
  const row = rows.first();
  const link = row.locator('.person-link');
  const name = (await link.textContent()) ?? '';
  const personId = ((await link.getAttribute('href')) ?? '').replace('#/person/', '');
  await row.getByRole('button', { name: 'Log' }).click();
  const dialog = page.getByRole('dialog', { name: `Log a call with ${name}` });
  await dialog.getByRole('radio', { name: 'No answer' }).check();
  return { personId, dialog, ended: dialog.getByRole('combobox', { name: 'Ended' }) };
}

/** When the call with `personId` was kept as made, by the core's outbox (a call no one answered has
 * no length: it started as it ended). */
async function keptAt(page: Page, served: Served, personId: string): Promise<number> {
  const outbox = await callApi(page.request, served, 'getOutbox', {});
  const call = outbox.find((e) => e.kind === 'call' && e.payload['personId'] === personId);
  return Number(call?.payload['startedAt']);
}

test.describe('one minute everywhere on the planner', () => {
  // The app starts 20 seconds before 10:00 in Berlin: the minute turns soon after the page is up.
  test.use({ startAt: E2E_NOW - 20_000 });

  test('the header and the Log call dialog turn together at the minute’s turn, and a call is kept at the minute the dialog said', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    await page.getByRole('combobox', { name: 'Channel' }).selectOption('call');
    await expect(list(page).locator('.plan-row').first()).toBeVisible();
    const { repTz } = await callApi(page.request, served, 'getPlanner', { first: 1 });
    const hhmm = (at: number) => DateTime.fromMillis(at, { zone: repTz }).toFormat('HH:mm');
    await pauseClockSoon(page);

    // With the page's clock paused, a call saved is kept at the minute the dialog says: its
    // instant is where the page's clock stands, to the millisecond (the core's runs on).
    const first = await logNoAnswer(page);
    const saidText = await first.dialog.locator('#call-ended-hint').textContent();
    await first.dialog.getByRole('button', { name: 'Save call' }).click();
    await expect(first.dialog).toBeHidden();
    const pageAt = await keptAt(page, served, first.personId);
    expect(saidText).toBe(`Ended now (${hhmm(pageAt)}).`);
    await expect(rowOf(page, first.personId).locator('.state-label')).toHaveText(
      new RegExp(` · No answer at ${hhmm(pageAt)}$`),
    );

    // The next turn at least 3 seconds on (10:00 unless the page was slow to come up).
    const turn = Math.ceil((pageAt + 3_000) / MINUTE) * MINUTE;
    const [before, after] = [hhmm(turn - MINUTE), hhmm(turn)];
    // The core's clock runs on while the page's is paused: the page is moved no further than the
    // core has gone, as on a computer where both run (a call cannot be saved as ending later).
    await expect
      .poll(async () => (await callApi(page.request, served, 'getSession', {})).now, {
        timeout: 90_000,
        intervals: [250],
      })
      .toBeGreaterThan(turn + 2_000);

    // A tenth of a second before the turn, everything says the minute before, and a call saved
    // then is kept at it, not at the core's minute when it got to the call.
    await page.clock.runFor(turn - 100 - pageAt);
    await expect(nowMarker(page)).toHaveText(`now ${before}`);
    const second = await logNoAnswer(page, [first.personId]);
    await expect(second.ended).toHaveAccessibleDescription(`Ended now (${before}).`);
    await second.dialog.getByRole('button', { name: 'Save call' }).click();
    await expect(second.dialog).toBeHidden();
    await expect(rowOf(page, second.personId).locator('.state-label')).toHaveText(
      new RegExp(` · No answer at ${before}$`),
    );

    // At the turn, the header and an open dialog turn together, at once.
    const third = await logNoAnswer(page, [first.personId, second.personId]);
    await expect(third.ended).toHaveAccessibleDescription(`Ended now (${before}).`);
    await page.clock.runFor(100);
    await expect(nowMarker(page)).toHaveText(`now ${after}`, { timeout: 2_000 });
    await expect(third.ended).toHaveAccessibleDescription(`Ended now (${after}).`, {
      timeout: 2_000,
    });
    await third.dialog.getByRole('button', { name: 'Save call' }).click();
    await expect(third.dialog).toBeHidden();
    await expect(rowOf(page, third.personId).locator('.state-label')).toHaveText(
      new RegExp(` · No answer at ${after}$`),
    );
    await expect(rowOf(page, second.personId).locator('.state-label')).toHaveText(
      new RegExp(` · No answer at ${before}$`),
    );
  });
});
