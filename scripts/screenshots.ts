// Takes the README's screenshots from the web host on a fresh demo organisation, in Chromium.
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../tests/fixtures/chromiumLaunch';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/main/core/createCore';
import { generateDemo } from '../src/main/crm/demo/generateDemo';
import { openDatabase } from '../src/main/db/openDatabase';
import { startWebHost } from '../src/main/web/webHost';

const db = await openDatabase(join(mkdtempSync(join(tmpdir(), 'cw-shots-')), 'demo.db'));
generateDemo(db, { seed: 1, people: 400, now: Date.now() });
const core = createCore(db);
await core.recomputeSuggestions();
const host = await startWebHost({ core, staticDir: 'out/renderer' });
const browser = await chromium.launch(CHROMIUM_LAUNCH);
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(`${host.openUrl}#/planner`);
await page.getByRole('list', { name: 'Today’s people' }).waitFor();
await page.screenshot({ path: 'docs/screenshots/planner.png' });
await page.goto(`${host.url}#/person/p3`);
await page.getByRole('article', { name: 'Timeline' }).waitFor();
await page.screenshot({ path: 'docs/screenshots/person.png' });
await browser.close();
await host.close();
await db.close();
