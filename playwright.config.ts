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
  reporter: [['list']],
  use: { trace: 'retain-on-failure', viewport: { width: 1280, height: 820 } },
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
