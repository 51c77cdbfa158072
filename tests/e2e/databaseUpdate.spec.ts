import type { Page } from '@playwright/test';
import type { PushedEvents } from '../../src/shared/contract';
import { expect, test } from './webHostFixture';

/**
 * The desktop window as it opens after an app update: the core is still updating its database,
 * so no call is answered yet, and the core pushes the update's progress. A bridge in place of the
 * preload's: it holds every call until the test lets the core be ready, passes the calls on to
 * the web host then, and hands the page the events the test pushes.
 */
const OPENING_BRIDGE = `(() => {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const listeners = [];
  let ready;
  const opened = new Promise((ok) => (ready = ok));
  window.__opening = {
    listening: (event) => listeners.some((l) => l.event === event),
    push: (event, payload) => listeners.filter((l) => l.event === event).forEach((l) => l.listener(payload)),
    ready: () => ready(),
  };
  window.api = {
    async call(method, input) {
      await opened;
      const response = await fetch('/api/call/' + method, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
        body: JSON.stringify(input),
      });
      return response.ok ? response.json() : { ok: false, error: await response.text() };
    },
    on(event, listener) {
      const entry = { event, listener };
      listeners.push(entry);
      return () => listeners.splice(listeners.indexOf(entry), 1);
    },
  };
})();`;

interface Opening {
  listening(event: string): boolean;
  push(event: string, payload: unknown): void;
  ready(): void;
}

async function pushUpdate(page: Page, update: PushedEvents['database-update']): Promise<void> {
  await page.waitForFunction(() =>
    (globalThis as unknown as { __opening: Opening }).__opening.listening('database-update'),
  );
  await page.evaluate(
    (u) => (globalThis as unknown as { __opening: Opening }).__opening.push('database-update', u),
    update,
  );
}

const coreReady = (page: Page): Promise<void> =>
  page.evaluate(() => (globalThis as unknown as { __opening: Opening }).__opening.ready());

test('says plainly that the data is being updated, step by step, then opens on the planner', async ({
  page,
  served,
}) => {
  await page.addInitScript(OPENING_BRIDGE);
  await page.goto(served.openUrl);
  await pushUpdate(page, { dataSet: 'crm', done: 0, total: 3 });
  const update = page.getByRole('status').filter({
    has: page.getByRole('heading', {
      name: 'Updating your CRM data for this version of Contact Window',
    }),
  });
  await expect(update).toContainText(
    'Once, after an update of the app: this can take a minute on a large database. Step 1 of 3.',
  );
  await expect(update).toContainText('Quitting now loses nothing');
  await expect(page.getByText('Loading…')).toHaveCount(0);
  await pushUpdate(page, { dataSet: 'crm', done: 1, total: 3 });
  await expect(update).toContainText('Step 2 of 3.');
  await expect(update.getByRole('progressbar', { name: 'Update progress' })).toHaveAttribute(
    'value',
    '1',
  );
  await pushUpdate(page, { dataSet: 'crm', done: 3, total: 3 });
  await expect(page.getByRole('status')).toHaveText(
    'Updated your CRM data for this version. Opening…',
  );
  await coreReady(page);
  await expect(page.getByRole('heading', { name: 'Planner' })).toBeVisible();
  await expect(page.getByText(/Updat/)).toHaveCount(0);
});

test('a start with nothing to update says “Loading…”, and nothing of an update', async ({
  page,
  served,
}) => {
  await page.addInitScript(OPENING_BRIDGE);
  await page.goto(served.openUrl);
  await expect(page.getByText('Loading…')).toBeVisible();
  await expect(page.getByText(/Updat/)).toHaveCount(0);
  await coreReady(page);
  await expect(page.getByRole('heading', { name: 'Planner' })).toBeVisible();
});
