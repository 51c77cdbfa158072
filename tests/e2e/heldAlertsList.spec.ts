import type { Page } from '@playwright/test';
import { holdAlert, pauseAlerts } from './heldAlertRows';
import type { Db } from '../../src/main/db/openDatabase';
import { openLogDialog } from './logCallDialog';
import { callApi, E2E_NOW, expect, test } from './webHostFixture';

const MIN = 60_000;

/**
 * Recent alerts' Held list in a browser: each held alert says the hold in force now (not the one
 * it was held under), and its heading counts every held alert when the list names only the first
 * 50. Anna (u-r1, Berlin) is the demo's rep at Mon 23 Nov 2026 10:00.
 */

/** Alerts Anna's rules raised and held (`reason` until `deliverAt`), named `Held Visitor N`. */
function holdAlerts(db: Db, count: number, reason: 'hours' | 'paused', deliverAt: number): void {
  for (let i = 1; i <= count; i++)
    holdAlert(db, {
      userId: 'u-r1',
      visitorId: `e2e-held-${String(i)}`,
      name: `Held Visitor ${String(i)}`,
      at: E2E_NOW - 20 * MIN + i * 1_000,
      reason,
      deliverAt,
    });
}

/** Anna paused alerts until `until`, at 09:00. */
function pauseUntil(db: Db, until: number): void {
  pauseAlerts(db, 'u-r1', until, E2E_NOW - 60 * MIN);
}

function heldItem(page: Page, name: string) {
  return page
    .getByRole('region', { name: 'Recent alerts' })
    .getByRole('list', { name: 'Held alerts' })
    .getByRole('listitem')
    .filter({ hasText: name });
}

test.describe('held for working hours until 10:30, then paused until 11:00', () => {
  test.use({
    beforeStart: {
      write: (db) => {
        holdAlerts(db, 1, 'hours', E2E_NOW + 30 * MIN);
        pauseUntil(db, E2E_NOW + 60 * MIN);
      },
    },
  });

  test('the Held list says it comes when the pause ends, not at the working hours’ time', async ({
    page,
    served,
  }) => {
    await page.goto(`${served.openUrl}#/visits`);
    const item = heldItem(page, 'Held Visitor 1');
    await expect(item).toContainText('held while alerts are paused: it comes at 11:00');
    await expect(item).not.toContainText('10:30');
    // Resumed, the hold it was raised under is the one in force again.
    await callApi(page.request, served, 'resumeAlerts', {});
    await expect(item).toContainText('held outside your working hours: it comes at 10:30');
  });
});

test.describe('held for working hours until 10:30, while a call is logged in another window', () => {
  test.use({
    beforeStart: { write: (db) => holdAlerts(db, 1, 'hours', E2E_NOW + 30 * MIN) },
  });

  test('the Held list says the working hours’ time: saving the call would release nothing (review52 4)', async ({
    page,
    served,
    context,
  }) => {
    const calling = await context.newPage();
    await calling.goto(`${served.openUrl}#/planner`);
    const told = calling.waitForResponse((r) => r.url().includes('/api/call/setCallInProgress'));
    const { dialog } = await openLogDialog(calling);
    await expect(dialog).toBeVisible();
    // The core has heard of the call.
    expect((await told).ok()).toBe(true);
    expect((await callApi(page.request, served, 'listAlerts', {})).heldAlerts[0]).toMatchObject({
      holdReason: 'hours',
      deliverAt: E2E_NOW + 30 * MIN,
    });

    await page.goto(`${served.openUrl}#/visits`);
    const item = heldItem(page, 'Held Visitor 1');
    await expect(item).toContainText('held outside your working hours: it comes at 10:30');
    await expect(item).not.toContainText('save or cancel');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await page.reload();
    await expect(item).toContainText('held outside your working hours: it comes at 10:30');
  });
});

test.describe('57 alerts held for a pause, more than the list names', () => {
  test.use({
    beforeStart: {
      write: (db) => {
        holdAlerts(db, 57, 'paused', E2E_NOW + 60 * MIN);
        pauseUntil(db, E2E_NOW + 60 * MIN);
      },
    },
  });

  test('the Held heading counts all of them and says how many it lists', async ({
    page,
    served,
  }) => {
    const { held } = await callApi(page.request, served, 'listAlerts', {});
    expect(held).toBeGreaterThanOrEqual(57);
    await page.goto(`${served.openUrl}#/visits`);
    const recent = page.getByRole('region', { name: 'Recent alerts' });
    await expect(recent.getByText(`· ${String(held)} held`)).toBeVisible();
    await expect(
      recent.getByRole('heading', { name: `Held: ${String(held)} alerts, the first 50 listed` }),
    ).toBeVisible();
    await expect(
      recent.getByRole('list', { name: 'Held alerts' }).getByRole('listitem'),
    ).toHaveCount(50);
  });
});
