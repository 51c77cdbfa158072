import type { Page } from '@playwright/test';
import type { PlannerRow } from '../../src/shared/contract';
import { openLogDialog } from './logCallDialog';
import { callApi, E2E_NOW, expect, test } from './webHostFixture';

const MIN = 60_000;
const list = (page: Page) => page.getByRole('list', { name: 'Today’s people' });
/** A row on the screen by person (by id: the demo has namesakes), on the call channel. */
const callRowOf = (page: Page, personId: string) =>
  list(page)
    .locator(`.plan-row:has(.person-link[href="#/person/${personId}"])`)
    .filter({ hasText: '☎ call' });

// Monday 23 November 2026, 10:01 in Berlin: a minute into Chloe Williams's 10:00–11:00 window.
test.use({ startAt: E2E_NOW + MIN });

test.describe('a logged call and the window it worked (PL-4, TM-2)', () => {
  test('an answered call that ended in the window counts as worked in it on the Team page', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-r1' });
    const plan = await callApi(page.request, served, 'getPlanner', {});
    // Chloe Williams's 10:00–11:00 window (5★) in the demo; any of 3★ or more does.
    const good = (r: PlannerRow) =>
      r.channel === 'call' &&
      r.start === E2E_NOW &&
      r.end === E2E_NOW + 60 * MIN &&
      (r.stars ?? 0) >= 3 &&
      !r.action &&
      !r.reached;
    const chloe =
      plan.rows.find((r: PlannerRow) => good(r) && r.name === 'Chloe Williams') ??
      plan.rows.find(good);
    if (!chloe) throw new Error('Anna has no good call window opening at 10:00');
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    const before = await callApi(page.request, served, 'getTeamDay', { channel: 'call' });
    const anna = (day: typeof before) => day.reps.find((r) => r.repId === 'u-r1')?.coverage;
    const was = anna(before);
    if (!was) throw new Error('Anna is not on Greta’s team');

    // Anna talked 7 minutes, from 09:54 to now (10:01): the call reached Chloe in her window.
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-r1' });
    await callApi(page.request, served, 'logCall', {
      personId: chloe.personId,
      outcome: 'answered',
      durationMin: 7,
      note: '',
    });
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await page.goto(`${served.openUrl}#/team`);
    await page.getByRole('combobox', { name: 'Channel' }).selectOption('call');
    const row = page
      .getByRole('table', { name: 'Coverage per rep' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /Anna Keller/ }) });
    const cells = row.getByRole('cell');
    // After the rep: planned, good, worked in window, outside window, missed, share, trend.
    await expect(cells.nth(2)).toHaveText(String(was.worked + 1));
    await expect(cells.nth(3)).toHaveText(String(was.outside));
    const after = anna(await callApi(page.request, served, 'getTeamDay', { channel: 'call' }));
    expect(after).toMatchObject({ worked: was.worked + 1, outside: was.outside });

    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-r1' });
    await page.goto(served.openUrl);
    // Under Done today, the row says when the call happened: as it ended, just now.
    await page.locator('.plan-scroll').evaluate((e) => e.scrollTo({ top: e.scrollHeight }));
    await list(page)
      .getByRole('button', { name: /Done today/ })
      .click();
    const done = callRowOf(page, chloe.personId);
    await expect(done.locator('.state-label')).toHaveText('✓ Done');
    await expect(done).toContainText('called just now');
  });

  test('a call logged as no answer leaves the row on the plan, saying so; it is not done', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-r1' });
    await page.goto(served.openUrl);
    await expect(list(page).locator('.plan-row').first()).toBeVisible();
    const { personId, dialog } = await openLogDialog(page);
    await dialog.getByRole('radio', { name: 'No answer' }).check();
    await dialog.getByRole('button', { name: 'Save call' }).click();
    await expect(dialog).toHaveCount(0);
    const row = callRowOf(page, personId);
    await expect(row.locator('.state-label')).toHaveText(/ · No answer at 10:0[12]$/);
    await expect(row).not.toHaveAttribute('data-action', 'done');
    // Past the ten seconds a finished row is held: still on the plan, not under Done today.
    await page.clock.runFor(11_000);
    await expect(row).toBeVisible();
    await expect(row.locator('.state-label')).toHaveText(/ · No answer at 10:0[12]$/);
    // Not done, but the window worked, as the Team page counts an attempt: the header says so.
    await expect(page.getByText(/^0 done · 1 tried$/)).toBeVisible();
    // Audit50 8: not the Team week's "logged in Zoho", and its tooltip says so.
    await expect(page.getByText(/^0 done · 1 tried$/)).toHaveAttribute(
      'title',
      /^Done: this plan’s rows marked done in this app .*“logged in Zoho” counts every call/,
    );
    await expect(list(page).getByRole('button', { name: /Done today/ })).toHaveCount(0);
    const plan = await callApi(page.request, served, 'getPlanner', {});
    const planned = plan.rows.find(
      (r: PlannerRow) => r.personId === personId && r.channel === 'call',
    );
    expect(planned).toMatchObject({ action: null, tried: { outcome: 'no_answer' } });
  });
});
