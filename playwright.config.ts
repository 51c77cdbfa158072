import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './tests/fixtures/chromiumLaunch';

export default defineConfig({
  testDir: 'tests/e2e',
  // Bundles the command-line tool and writes the demo database each test copies.
  globalSetup: './tests/e2e/globalSetup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One more try for a test that fails: once in about three thousand runs Chromium stopped
  // painting frames for a whole minute (a click waited on "stable", no frame came), on a machine
  // we could not inspect. A test that passes on its second try is listed as flaky in the report,
  // not hidden; one that fails twice fails the run.
  retries: 1,
  reporter: [['list']],
  // The browser's computer is in Berlin, as the demo organisation and its first users are: the
  // planner tells a rep whose computer is elsewhere so (computerZone.spec), which a test of
  // anything else should not have to read past.
  use: {
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 820 },
    timezoneId: 'Europe/Berlin',
  },
  projects: [
    {
      name: 'web',
      testIgnore: /electron\.spec\.ts/,
      use: {
        browserName: 'chromium',
        launchOptions: CHROMIUM_LAUNCH,
      },
    },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
});
