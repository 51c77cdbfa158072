import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { test as base, type Page } from '@playwright/test';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { demoDb, makeTempDir } from '../fixtures/tempDb';
import { pageLiveness } from './pageLiveness';
import {
  callApi,
  DEMO_WRITTEN_AT,
  E2E_NOW,
  PREBUILT_ENV,
  startHost,
  type Served,
} from './servedHost';

export { callApi, E2E_NOW, editAnswers, fetchOrAbort, type Served } from './servedHost';

export interface HostOptions {
  /** Variables for the test's host (e.g. CW_ZOHO_ACCOUNTS_URL, pointing at a CRM test server). */
  hostEnv: Record<string, string>;
  /** A demo of this many people, written for the test, instead of a copy of the shared one. */
  demoPeople: number | null;
  /** The instant the host's and the page's clocks start at (E2E_NOW unless a test says). */
  startAt: number;
  /** False: the page keeps the computer's own clock, and only the host's starts at `startAt`. */
  pageClock: boolean;
  /** What the CRM copy beside the demo holds at start (none unless a test says). */
  crmCopyText: string | null;
  /** Writes the CRM copy beside the demo (at `path`) before the host opens it, as an earlier
   * sign-in left it (none unless a test says). An object, as beforeStart. */
  crmCopy: { write: (path: string) => Promise<void> } | null;
  /** Writes into the test's copy of the database before its host opens it (nothing unless a
   * test says). An object: Playwright takes a function given to test.use for a fixture. */
  beforeStart: { write: (db: Db) => void } | null;
}

/**
 * Every test gets its own web host on its own database: a copy of the demo database globalSetup
 * wrote (or a demo of `demoPeople`), served with the core's clock at E2E_NOW (or `startAt`); the
 * page's clock starts at the same instant. Both clocks run on from there, so windows still open and close.
 */
export const test = base.extend<HostOptions & { served: Served }>({
  hostEnv: [{}, { option: true }],
  demoPeople: [null, { option: true }],
  startAt: [E2E_NOW, { option: true }],
  pageClock: [true, { option: true }],
  crmCopyText: [null, { option: true }],
  crmCopy: [null, { option: true }],
  beforeStart: [null, { option: true }],
  served: async ({ hostEnv, demoPeople, startAt, crmCopyText, crmCopy, beforeStart }, use) => {
    const dir = makeTempDir('cw-e2e-');
    const file = dir.file('demo.db');
    try {
      if (demoPeople === null) {
        const prebuilt = process.env[PREBUILT_ENV];
        if (!prebuilt)
          throw new Error(`${PREBUILT_ENV} is not set: run through playwright.config.ts`);
        copyFileSync(prebuilt, file);
        if (existsSync(`${prebuilt}-wal`)) copyFileSync(`${prebuilt}-wal`, `${file}-wal`);
      } else {
        const db = await demoDb(dir, { seed: 1, people: demoPeople, now: DEMO_WRITTEN_AT });
        await db.close();
      }
      if (beforeStart) {
        const db = await openDatabase(file);
        try {
          beforeStart.write(db);
        } finally {
          await db.close();
        }
      }
      if (crmCopyText !== null) writeFileSync(dir.file('demo.crm.db'), crmCopyText);
      if (crmCopy) await crmCopy.write(dir.file('demo.crm.db'));
      const host = await startHost(file, startAt, hostEnv);
      try {
        await use(host.served);
      } finally {
        await host.stop();
      }
    } finally {
      dir.remove();
    }
  },
  page: async ({ page, startAt, pageClock }, use, testInfo) => {
    if (pageClock) await page.clock.install({ time: startAt });
    await use(page);
    // A click that waited a minute on "stable" says nothing more in its log: this says whether the
    // page's script or the browser's frames had stopped (teamPage.spec's "another day", stop 45).
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('page liveness', { body: await pageLiveness(page) });
  },
});

export { expect } from '@playwright/test';

/**
 * Moves the app's time on to `at`: the pages run on the host's clock (serve --now) plus what their
 * own clock moves after reading it, so the page's clock is moved by the host's distance to `at`.
 * Timers due on the way run (once each), as after a sleep.
 */
export async function runAppTo(page: Page, served: Served, at: number): Promise<void> {
  const { now } = await callApi(page.request, served, 'getSession', {});
  await page.clock.fastForward(at - now);
}

/**
 * Stops the page's clock a second from now: holds and timers then move only when a test says. On a
 * loaded machine more than that second can pass between reading the page's time and stopping it
 * (Playwright refuses to go back), so it reads again and retries.
 */
export async function pauseClockSoon(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const at = (await page.evaluate('Date.now()')) as number;
    try {
      await page.clock.pauseAt(at + 1_000);
      return;
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('to the past')) throw error;
    }
  }
}
