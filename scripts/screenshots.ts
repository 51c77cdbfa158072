// Takes the README's screenshots from the web host on a fresh demo organisation, in Chromium, on a
// 1440x900 screen, at a fixed working hour (a Monday morning in Berlin) whatever the hour it runs.
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
import type { PersonDetail, Reminder } from '../src/shared/contract';

const crm = new CrmTestServer(buildOrganisation(3, { contacts: 400, leads: 400 }), {
  clientId: '1000.8CQX4RPLM2',
  clientSecret: 'screenshot-secret',
  refreshToken: '1000.screenshot-refresh',
});
await crm.start();
crm.grantCodes.add('1000.screenshot');
crm.apiDelayMs = 250;
const SHOT_AT = Date.parse('2026-11-23T10:00:00+01:00');
const offset = SHOT_AT - Date.now();
const core = await openWorkspace({
  demoPath: join(mkdtempSync(join(tmpdir(), 'cw-shots-')), 'demo.db'),
  secrets: new MemorySecretStore(),
  accountsUrlOverride: crm.url,
  clock: () => Date.now() + offset,
});
const host = await startWebHost({ core, staticDir: 'out/renderer' });
const browser = await chromium.launch(CHROMIUM_LAUNCH);
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
// The planner at the moment the day's next reminder (BT-8) goes off, when the day has one left.
const reminders = await core.dispatch('getReminders', {});
const next = reminders.ok ? (reminders.value as Reminder[])[0] : undefined;
await page.clock.install({ time: next ? next.at - 1_000 : SHOT_AT });
await page.goto(`${host.openUrl}#/planner`);
await page.getByRole('list', { name: 'Today’s people' }).waitFor();
if (next) {
  await page.clock.fastForward(2_000);
  await page.getByRole('status', { name: 'Reminder' }).waitFor();
}
await page.screenshot({ path: 'docs/screenshots/planner.png' });
await page.close();
// The other pages at the working hour itself, with no reminder due.
const page2 = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page2.clock.install({ time: SHOT_AT });
// Someone with deals, visits and a chat: every card of the person page has something to show.
let shown = 'p3';
for (let i = 1; i <= 400; i++) {
  const person = await core.dispatch('getPerson', { id: `p${i}` });
  const d = person.ok ? (person.value as PersonDetail) : null;
  if (d && d.deals.length && d.visits.length && d.chats.length && d.windows.length) {
    shown = d.person.id;
    break;
  }
}
await page2.goto(`${host.openUrl}#/person/${shown}`);
await page2.getByRole('article', { name: 'Timeline' }).waitFor();
await page2.screenshot({ path: 'docs/screenshots/person.png' });
// Settings › CRM account during a first sync (against the CRM test server, answering slowly).
await page2.goto(`${host.url}#/settings`);
await page2.getByLabel('Client ID').fill(crm.credentials.clientId);
await page2.getByLabel('Client secret').fill(crm.credentials.clientSecret);
await page2.getByLabel('Grant code').fill('1000.screenshot');
await page2.getByRole('button', { name: 'Connect' }).click();
await page2.getByLabel('Leads progress').waitFor();
await page2.waitForTimeout(7_000);
await page2.screenshot({ path: 'docs/screenshots/crm-account.png', fullPage: true });
await browser.close();
await host.close();
await core.close();
await crm.stop();
