// Takes the README's screenshots from the web host on a fresh demo organisation, in Chromium.
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../tests/fixtures/chromiumLaunch';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '../src/main/core/workspace';
import { MemorySecretStore } from '../src/main/secrets/secretStore';
import { startWebHost } from '../src/main/web/webHost';
import { buildOrganisation } from '../tests/crm-server/crmFactories';
import { CrmTestServer } from '../tests/crm-server/crmTestServer';
import type { Reminder } from '../src/shared/contract';

const crm = new CrmTestServer(buildOrganisation(3, { contacts: 400, leads: 400 }), {
  clientId: '1000.8CQX4RPLM2',
  clientSecret: 'screenshot-secret',
  refreshToken: '1000.screenshot-refresh',
});
await crm.start();
crm.grantCodes.add('1000.screenshot');
crm.apiDelayMs = 250;
const core = await openWorkspace({
  demoPath: join(mkdtempSync(join(tmpdir(), 'cw-shots-')), 'demo.db'),
  secrets: new MemorySecretStore(),
  accountsUrlOverride: crm.url,
});
const host = await startWebHost({ core, staticDir: 'out/renderer' });
const browser = await chromium.launch(CHROMIUM_LAUNCH);
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
// The planner at the moment the day's next reminder (BT-8) goes off, when the day has one left.
const reminders = await core.dispatch('getReminders', {});
const next = reminders.ok ? (reminders.value as Reminder[])[0] : undefined;
if (next) await page.clock.install({ time: next.at - 1_000 });
await page.goto(`${host.openUrl}#/planner`);
await page.getByRole('list', { name: 'Today’s people' }).waitFor();
if (next) {
  await page.clock.fastForward(2_000);
  await page.getByRole('status', { name: 'Reminder' }).waitFor();
}
await page.screenshot({ path: 'docs/screenshots/planner.png' });
await page.clock.resume().catch(() => undefined);
await page.goto(`${host.url}#/person/p3`);
await page.getByRole('article', { name: 'Timeline' }).waitFor();
await page.screenshot({ path: 'docs/screenshots/person.png' });
// Settings › CRM account during a first sync (against the CRM test server, answering slowly).
await page.goto(`${host.url}#/settings`);
await page.getByLabel('Client ID').fill(crm.credentials.clientId);
await page.getByLabel('Client secret').fill(crm.credentials.clientSecret);
await page.getByLabel('Grant code').fill('1000.screenshot');
await page.getByRole('button', { name: 'Connect' }).click();
await page.getByLabel('Leads progress').waitFor();
await page.waitForTimeout(7_000);
await page.screenshot({ path: 'docs/screenshots/crm-account.png', fullPage: true });
await browser.close();
await host.close();
await core.close();
await crm.stop();
