// Takes the README's screenshots of the Visits page, an alert and Settings › Alerts from the web
// host on a fresh demo organisation, in Chromium: `npm run build && npx tsx scripts/visitScreenshots.ts`.
// The demo is written at Monday 2026-11-23 09:30 in Berlin and the app's clock runs from 10:00;
// three visitors are put on the website (as a sync stores visits) and the core is told so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../tests/fixtures/chromiumLaunch';
import { toastShownScript } from '../tests/fixtures/toastWatch';
import { rawHandle } from '../src/main/db/bulkHandle';
import { openDatabase } from '../src/main/db/openDatabase';
import { generateDemo } from '../src/main/demo/generateDemo';
import { openWorkspace } from '../src/main/core/workspace';
import { MemorySecretStore } from '../src/main/secrets/secretStore';
import { startWebHost } from '../src/main/web/webHost';

const NOW = Date.UTC(2026, 10, 23, 9, 0);
const MIN = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'cw-visit-shots-'));
const file = join(dir, 'demo.db');

// Written half an hour before, as the browser tests' demo is: its windows are fresh at 10:00.
const seed = await openDatabase(file);
generateDemo(seed, { seed: 1, people: 400, now: NOW - 30 * MIN });
await seed.close();

const started = Date.now();
const clock = (): number => NOW + (Date.now() - started);
const core = await openWorkspace({
  demoPath: file,
  secrets: new MemorySecretStore(),
  clock,
  // The visits below are the only ones arriving: the pictures show what they were made for.
  demoLive: false,
});
const app = core.active();
const raw = rawHandle(app.db);
const someone = (where: string): { id: string } =>
  raw
    .prepare(
      `select p.id from people p where p.owner_id = 'u-r1' and p.phone is not null and p.visitor_score is not null
         and ${where}
       order by p.id limit 1`,
    )
    .get() as { id: string };
const customer = someone(
  "exists (select 1 from deals d where d.person_id = p.id and d.status = 'won')",
);
const lead = someone(
  "p.module = 'lead' and not exists (select 1 from deals d where d.person_id = p.id)",
);
const visit = raw.prepare(
  `insert into visits (id, person_id, ip, user_agent, started_at, ended_at, time_spent_s, referrer,
     search_engine, search_keyword) values (?, ?, ?, ?, ?, null, ?, ?, ?, ?)`,
);
const page = raw.prepare(
  'insert into visit_pages (visit_id, url, title, viewed_at, time_spent_s) values (?, ?, ?, ?, ?)',
);
const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';
const put = (
  id: string,
  personId: string | null,
  ip: string,
  from: [string, string | null, string | null],
  pages: [string, string, number][],
): void => {
  const start = NOW - (pages[0]?.[2] ?? 0) * MIN;
  visit.run(id, personId, ip, BROWSER, start, (pages[0]?.[2] ?? 0) * 60, ...from);
  pages.forEach(([url, title, ago], i) =>
    page.run(id, url, title, NOW - ago * MIN, i < pages.length - 1 ? 60 : null),
  );
};
raw.transaction(() => {
  put(
    'shot-1',
    customer.id,
    '203.0.113.41',
    ['https://www.google.com/', 'Google', 'contact window pricing'],
    [
      ['/pricing', 'Pricing', 6],
      ['/pricing/teams', 'Pricing for teams', 4],
      ['/demo', 'Book a demo', 1],
    ],
  );
  put(
    'shot-2',
    lead.id,
    '198.51.100.7',
    ['https://www.linkedin.com/', null, null],
    [
      ['/blog/best-time-to-call', 'Blog: the best time to call', 3],
      ['/product', 'Product tour', 2],
    ],
  );
  put(
    'shot-3',
    null,
    '192.0.2.15',
    ['https://duckduckgo.com/', 'DuckDuckGo', 'call planner'],
    [['/docs/getting-started', 'Docs: getting started', 2]],
  );
})();

const host = await startWebHost({ core, staticDir: 'out/renderer' });
const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await tab.clock.install({ time: clock() });
  await tab.goto(`${host.openUrl}#/visits`);
  await tab.getByRole('list', { name: 'On the website now' }).waitFor();
  await tab.getByRole('button', { name: 'Everyone’s' }).click();
  await tab.getByText('Unknown visitor', { exact: true }).first().waitFor();
  await tab.screenshot({ path: 'docs/screenshots/visits.png' });

  // The alert as a rep at the desk sees it, over the planner: the sync has just stored visits.
  await tab.goto(`${host.url}#/planner`);
  await tab.getByRole('list', { name: 'Today’s people' }).waitFor();
  const shown = tab.evaluate(toastShownScript());
  app.emit('data-changed', { entities: ['visits'] });
  await shown;
  await tab.waitForTimeout(300);
  await tab.screenshot({ path: 'docs/screenshots/alert.png' });

  // Toasts stay ten seconds wherever the rep goes: out of the way of the settings picture.
  const dismiss = tab.getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await tab.goto(`${host.url}#/settings`);
  const card = tab.getByRole('article', { name: 'Alerts' });
  await card
    .getByRole('status', { name: 'Rule preview' })
    .getByText(/would have raised/)
    .waitFor();
  await card.screenshot({ path: 'docs/screenshots/alert-settings.png' });
} finally {
  await browser.close();
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
}
