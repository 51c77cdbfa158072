import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const require = createRequire(import.meta.url);

/** What the main process saw of a page's attempt to navigate away. */
interface NavigationAttempt {
  url: string;
  blocked: boolean;
}

function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const SKIP_REASON =
  'SKIPPED: no Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1) or better-sqlite3 not built for Electron (run `npm start` once).';
const skipped = !binary || !existsSync('node_modules/.cw-electron/better_sqlite3.node');
// The list reporter shows a skipped test without its reason; say it where CI logs will show it.
if (skipped) console.warn(`[electron] ${SKIP_REASON}`);

test.describe('the desktop window', () => {
  test.skip(skipped, SKIP_REASON);

  test('opens sandboxed on the demo planner and cannot be navigated away', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'cw-electron-')), 'demo.db');
    const app = await electron.launch({ args: ['out/main/index.js', `--db=${db}`] });
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Planner' })).toBeVisible();
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    // Hear the attempt where the app handles it: this listener runs after the app's own (added
    // when the window was created), so it sees whether the app blocked the navigation. It is
    // will-frame-navigate, the first event of a navigation: once it is prevented, Electron
    // cancels the navigation without emitting will-navigate.
    await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents;
      (globalThis as { navigationAttempt?: Promise<NavigationAttempt> }).navigationAttempt =
        new Promise((resolve) =>
          contents?.once('will-frame-navigate', (event) =>
            resolve({ url: event.url, blocked: event.defaultPrevented }),
          ),
        );
    });
    await window.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href =
        'https://example.com/';
    });
    const attempt = await app.evaluate(
      () => (globalThis as { navigationAttempt?: Promise<NavigationAttempt> }).navigationAttempt,
    );
    expect(attempt).toEqual({ url: 'https://example.com/', blocked: true });
    // The attempt is over and the app's page is still the one shown.
    expect(window.url()).toMatch(/^app:\/\/contact-window\//);
    await expect(window.getByRole('heading', { name: 'Planner' })).toBeVisible();
    await app.close();
  });
});
