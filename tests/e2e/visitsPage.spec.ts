import { copyFileSync, existsSync } from 'node:fs';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { AlertItem, AlertsEvent, VisitRow } from '../../src/shared/alertsContract';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { addVisit } from '../fixtures/alertsOrg';
import { makeTempDir } from '../fixtures/tempDb';
import { callApi, E2E_NOW, editAnswers, PREBUILT_ENV, startHost, type Served } from './servedHost';

const MIN = 60_000;

interface Someone {
  id: string;
  name: string;
  phone: string;
  email: string;
}

/**
 * The demo every test starts from, with two visits written into the test's copy of the database
 * before its host opens it: one of Anna's customers reading the pricing pages for the last four
 * minutes, and an unknown visitor on the docs. Both are on the website at the tests' instant.
 */
const test = base.extend<{ host: { served: Served; customer: Someone } }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dir = makeTempDir('cw-e2e-visits-');
    const file = dir.file('demo.db');
    try {
      const prebuilt = process.env[PREBUILT_ENV];
      if (!prebuilt)
        throw new Error(`${PREBUILT_ENV} is not set: run through playwright.config.ts`);
      copyFileSync(prebuilt, file);
      if (existsSync(`${prebuilt}-wal`)) copyFileSync(`${prebuilt}-wal`, `${file}-wal`);
      const db = await openDatabase(file);
      // A customer of Anna's: one of her contacts whose only deal is won (the demo may give her
      // none of its own).
      rawHandle(db)
        .prepare(
          `update deals set status = 'won', stage = 'Closed Won' where id = (
             select d.id from deals d join people p on p.id = d.person_id
             where p.owner_id = 'u-r1' and p.phone is not null and p.email is not null
               and (select count(*) from deals o where o.person_id = p.id) = 1
             order by d.id limit 1)`,
        )
        .run();
      const customer = rawHandle(db)
        .prepare(
          `select p.id, p.first_name || ' ' || p.last_name as name, p.phone, p.email from people p
           where p.owner_id = 'u-r1' and p.phone is not null and p.email is not null
             and exists (select 1 from deals d where d.person_id = p.id and d.status = 'won')
           order by p.id limit 1`,
        )
        .get() as Someone;
      // Below 0: SalesIQ's scoring rules subtract points (a visitor of the careers pages, say),
      // and Zoho syncs the total as it is.
      rawHandle(db).prepare('update people set visitor_score = -15 where id = ?').run(customer.id);
      addVisit(db, {
        id: 'e2e-customer',
        personId: customer.id,
        start: E2E_NOW - 4 * MIN,
        pages: [
          ['/pricing', 0],
          ['/pricing/teams', 2],
        ],
      });
      // Visits of theirs earlier today and on an earlier day, whatever visits the demo gave
      // Anna's people.
      addVisit(db, {
        id: 'e2e-customer-morning',
        personId: customer.id,
        start: E2E_NOW - 2 * 60 * MIN,
        pages: [['/customers', 0]],
        ended: true,
      });
      addVisit(db, {
        id: 'e2e-customer-before',
        personId: customer.id,
        start: E2E_NOW - 3 * 24 * 60 * MIN,
        pages: [['/product', 0]],
        ended: true,
      });
      addVisit(db, {
        id: 'e2e-stranger',
        ip: '192.0.2.77',
        start: E2E_NOW - 2 * MIN,
        pages: [['/docs/start', 0]],
      });
      await db.close();
      const host = await startHost(file, E2E_NOW);
      try {
        await use({ served: host.served, customer });
      } finally {
        await host.stop();
      }
    } finally {
      dir.remove();
    }
  },
  page: async ({ page }, use) => {
    await page.clock.install({ time: E2E_NOW });
    await use(page);
  },
});

test('the Visits page shows who is on the website now, then today and earlier, each visit in full', async ({
  page,
  host,
}) => {
  const { served, customer } = host;
  await page.goto(`${served.openUrl}#/visits`);
  const now = page.getByRole('list', { name: 'On the website now' });
  const row = now.getByRole('listitem', { name: customer.name });
  await expect(row).toBeVisible();
  // Mine by default: the unknown visitor belongs to nobody.
  await expect(now.getByRole('listitem', { name: 'Unknown visitor' })).toHaveCount(0);
  await expect(
    page.getByRole('list', { name: 'Today' }).getByRole('listitem').first(),
  ).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Earlier' }).getByRole('listitem').first(),
  ).toBeVisible();

  // What the core says about the visit is what the row says.
  const listed = await callApi(page.request, served, 'listVisits', { scope: 'mine' });
  const visit = listed.onSite.find((v) => v.id === 'e2e-customer') as VisitRow;
  expect(visit.category).toBe('customer');
  await expect(row.locator('.cat-chip')).toHaveText('Customer');
  await expect(row).toContainText('Owner: Anna Keller');
  await expect(row).toContainText('on the website now');
  // Audit50 13: no end while they count there (pages at 09:56 and 09:58, the clock at 10:00),
  // and the chip says why they still count, and until when.
  await expect(row.locator('.visit-when')).toHaveText(
    'on the website now since 09:56 · last seen 09:58',
  );
  await expect(row.locator('.chip-onsite')).toHaveAttribute(
    'title',
    'Counted on the website until 15 minutes after they were last seen (their last page, or the end Zoho reports): until 10:13',
  );
  const pages = row.getByRole('list', { name: 'Pages read' }).getByRole('listitem');
  await expect(pages).toHaveText([/^09:56 \/pricing/, /^09:58 \/pricing\/teams/]);
  await expect(row).toContainText('Time on site3 min');
  await expect(row).toContainText('Referrergoogle.com');
  await expect(row).toContainText('SearchGoogle: “crm planner”');
  await expect(row).toContainText(`Score${visit.score ?? '—'}`);
  await expect(row).toContainText('IP198.51.100.xxx');
  await expect(row).not.toContainText('198.51.100.23');
  await expect(row.locator('.visit-window').first()).toHaveText(
    /^☎ Call: (in their window now, until \d\d:\d\d|next window .*\d\d:\d\d–\d\d:\d\d|no window known)/,
  );
  await expect(row.getByRole('link', { name: 'Call' })).toHaveAttribute(
    'href',
    `tel:${customer.phone.replace(/[^\d+]/g, '')}`,
  );
  await expect(row.getByRole('link', { name: 'Email' })).toHaveAttribute(
    'href',
    `mailto:${customer.email}`,
  );
  await row.getByRole('link', { name: 'Open person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: customer.name })).toBeVisible();
});

test('the Visits page filters by whose, category, score and page, and says what a bad pattern is', async ({
  page,
  host,
}) => {
  const { served, customer } = host;
  await page.goto(`${served.openUrl}#/visits`);
  const now = page.getByRole('list', { name: 'On the website now' });
  await expect(now.getByRole('listitem', { name: customer.name })).toBeVisible();

  await page.getByRole('button', { name: 'Everyone’s' }).click();
  const stranger = now.getByRole('listitem', { name: 'Unknown visitor' });
  await expect(stranger).toBeVisible();
  await expect(stranger).not.toContainText('Owner');
  await expect(stranger.getByRole('link', { name: 'Open person' })).toHaveCount(0);
  await expect(stranger.getByRole('list', { name: 'Pages read' })).toContainText('/docs/start');

  // Unknown visitors only: every visit listed is one.
  await page.getByRole('checkbox', { name: 'Unknown visitor' }).check();
  await expect(now.getByRole('listitem', { name: customer.name })).toHaveCount(0);
  await expect(stranger).toBeVisible();
  // Their name says what they are: no second "Unknown visitor" beside it.
  const items = page.locator('.visit-item');
  await expect(items.first()).toBeVisible();
  expect(
    new Set(await items.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))),
  ).toEqual(new Set(['Unknown visitor']));
  await expect(items.first()).toContainText('Unknown visitor');
  await expect(page.locator('.visit-item .cat-chip')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Unknown visitor' }).uncheck();

  // A page pattern the core cannot read is refused in its words; a good one narrows the list.
  const pageFilter = page.getByRole('searchbox', { name: 'Page' });
  await pageFilter.fill('pricing');
  await expect(page.getByRole('alert')).toHaveText(
    'a page pattern starts with "/" (a path such as /pricing*)',
  );
  await pageFilter.fill('/pricing*');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(now.getByRole('listitem', { name: customer.name })).toBeVisible();
  await expect(stranger).toHaveCount(0);
  const pagesRead = await page.getByRole('list', { name: 'Pages read' }).allTextContents();
  expect(pagesRead.length).toBeGreaterThan(0);
  expect(pagesRead.filter((text) => !text.includes('/pricing'))).toEqual([]);
  await pageFilter.fill('');

  // Nobody scores that high (scores have no ceiling): every section says the filters matched nobody.
  const score = page.getByRole('spinbutton', { name: 'Score at least' });
  await score.fill('1000');
  await expect(page.getByText('Nobody on the website now matches the filters.')).toBeVisible();
  await expect(page.getByText('No other visits today match the filters.')).toBeVisible();
  await expect(page.getByText('No earlier visits match the filters.')).toBeVisible();
  // Below 0 is a score too (SalesIQ subtracts points): the customer at -15 is "at least -20",
  // not "at least -5"; the unknown visitor, who has no score, goes either way.
  const scored = now.getByRole('listitem', { name: customer.name });
  await score.fill('-5');
  await expect(scored).toHaveCount(0);
  await score.fill('-20');
  await expect(scored).toBeVisible();
  await expect(scored).toContainText('Score-15');
  await expect(stranger).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]score=-20(&|$)/);
  await score.fill('');
  await expect(stranger).toBeVisible();
  await expect(page.getByText('No earlier visits.')).toHaveCount(0);

  await page.getByRole('button', { name: 'Mine' }).click();
  await expect(now.getByRole('listitem', { name: customer.name })).toBeVisible();
  await expect(stranger).toHaveCount(0);
});

/** A window of the customer's, now, rated `stars`. */
function windowNow(channel: 'call' | 'email', stars: number) {
  return {
    channel,
    state: 'now' as const,
    start: E2E_NOW - 10 * MIN,
    end: E2E_NOW + 50 * MIN,
    stars,
  };
}

/** How a line is written: its colour and weight, and the app's green and muted colours. */
async function tone(line: Locator) {
  return line.evaluate((el) => {
    const doc = el.ownerDocument;
    const view = doc.defaultView;
    if (!view) throw new Error('the line is in no window');
    const probe = (cssColor: string): string => {
      const p = doc.createElement('span');
      p.style.color = cssColor;
      doc.body.append(p);
      const color = view.getComputedStyle(p).color;
      p.remove();
      return color;
    };
    const style = view.getComputedStyle(el);
    return {
      color: style.color,
      bold: Number(style.fontWeight) >= 600,
      good: probe('var(--good)'),
      muted: probe('var(--muted)'),
    };
  });
}

test('a window rated under 2★ is written plainly on a visit card and in an alert toast; 2★ and up stay green and bold', async ({
  page,
  host,
}) => {
  const { served, customer } = host;
  // The customer's call window now is a 0.5★ guess, their e-mail window now a 4★ one.
  await editAnswers(page, 'listVisits', (visits) => {
    for (const v of visits.onSite)
      if (v.personId === customer.id)
        v.windows = { call: windowNow('call', 0.5), email: windowNow('email', 4) };
  });
  await page.goto(`${served.openUrl}#/visits`);
  const card = page
    .getByRole('list', { name: 'On the website now' })
    .getByRole('listitem', { name: customer.name });
  const [call, email] = [
    card.locator('.visit-window').nth(0),
    card.locator('.visit-window').nth(1),
  ];
  await expect(call).toContainText('Call: in their window now');
  await expect(email).toContainText('Email: in their window now');
  const low = await tone(call);
  expect(low.bold).toBe(false);
  expect(low.color).not.toBe(low.good);
  const sure = await tone(email);
  expect(sure.bold).toBe(true);
  expect(sure.color).toBe(sure.good);

  // Two alerts pushed as the core pushes them: one names a 0.5★ window now, one a 4★ one.
  const alert = (id: number, stars: number, line: string) => ({
    id,
    personId: customer.id,
    visitId: null,
    visitorId: `v-${id}`,
    name: `${customer.name} ${id}`,
    company: 'Acme',
    email: null,
    phone: null,
    category: 'customer',
    rule: 'Customers',
    score: 50,
    pages: ['/pricing'],
    visitStartedAt: E2E_NOW - 4 * MIN,
    alertAt: E2E_NOW - id * 1000,
    delivery: 'now',
    holdReason: null,
    deliverAt: null,
    deliveredAt: E2E_NOW,
    readAt: null,
    toastDismissedAt: null,
    bestWindow: windowNow('call', stars),
    title: `${customer.name} ${id} (Acme) is on the website`,
    body: `Customer · reading /pricing · score 50\n${line}`,
  });
  const event = {
    delivered: [
      alert(1, 0.5, 'In their call window now ½'),
      alert(2, 4, 'In their call window now ★★★★'),
    ],
    digest: null,
    unread: 2,
    pausedUntil: null,
  };
  await page.route('**/api/events*', (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' },
      body: `event: alerts\ndata: ${JSON.stringify(event)}\n\n`,
    }),
  );
  await page.reload();
  const toastLine = (id: number) =>
    page
      .getByRole('status', { name: `${customer.name} ${id} (Acme) is on the website` })
      .locator('.alert-toast-line')
      .last();
  await expect(toastLine(1)).toHaveText('In their call window now ½');
  await expect(toastLine(2)).toHaveText('In their call window now ★★★★');
  const lowToast = await tone(toastLine(1));
  expect(lowToast.bold).toBe(false);
  expect(lowToast.color).toBe(lowToast.muted);
  const sureToast = await tone(toastLine(2));
  expect(sureToast.bold).toBe(true);
  expect(sureToast.color).toBe(sureToast.good);
});

/** Pushes one `alerts` event to the page, as the core's stream does, and no reconnect after it. */
async function pushAlerts(page: Page, event: AlertsEvent): Promise<void> {
  // At once: the stream opens as the app's script loads, before the app listens for alerts, and
  // what it brings in between waits for it.
  await page.route('**/api/events*', (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' },
      // A stream that ends and comes back says "everything changed", which clears the toasts.
      body: `retry: 3600000\nevent: alerts\ndata: ${JSON.stringify(event)}\n\n`,
    }),
  );
}

/** A delivered alert about the unknown visitor on the docs (the fixture's `e2e-stranger`). */
function strangerAlert(id: number): AlertItem {
  return {
    id,
    personId: null,
    visitId: 'e2e-stranger',
    visitorId: 'ip-192.0.2.77',
    name: null,
    company: null,
    email: null,
    phone: null,
    category: 'unknown',
    rule: 'Everyone hot',
    score: null,
    pages: ['/docs/start'],
    visitStartedAt: E2E_NOW - 2 * MIN,
    alertAt: E2E_NOW - MIN,
    delivery: 'now',
    holdReason: null,
    deliverAt: null,
    deliveredAt: E2E_NOW,
    readAt: null,
    toastDismissedAt: null,
    bestWindow: null,
    title: 'An unknown visitor is on the website',
    body: 'reading /docs/start',
  };
}

test('an alert about an unknown visitor opens everyone’s visits with theirs pointed out (VT-7)', async ({
  page,
  host,
}) => {
  const { served } = host;
  await page.goto(`${served.openUrl}#/visits`);
  const now = page.getByRole('list', { name: 'On the website now' });
  const stranger = now.getByRole('listitem', { name: 'Unknown visitor' });
  // The rep's own visits: the unknown visitor is nobody's, so not among them.
  await expect(page.getByRole('button', { name: 'Mine' })).toHaveAttribute('aria-pressed', 'true');
  await expect(now.getByRole('listitem').first()).toBeVisible();
  await expect(stranger).toHaveCount(0);

  await pushAlerts(page, {
    delivered: [strangerAlert(1)],
    digest: null,
    unread: 1,
    pausedUntil: null,
  });
  await page.reload();
  const toast = page.getByRole('status', { name: 'An unknown visitor is on the website' });
  await toast.getByRole('button', { name: 'Open visits' }).click();
  await expect(toast).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Everyone’s' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(stranger).toBeVisible();
  // The visitor the alert was about is the one pointed out.
  await expect(stranger).toHaveAttribute('aria-current', 'true');
  // The route says so: a reload keeps everyone's visits.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Everyone’s' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(stranger).toBeVisible();
});

test('a digest of held alerts opens everyone’s visits, where an unknown visitor it names is listed (VT-7)', async ({
  page,
  host,
}) => {
  const { served } = host;
  await pushAlerts(page, {
    delivered: [strangerAlert(2), strangerAlert(3)],
    digest: {
      title: '2 website visits while alerts were held',
      body: 'Unknown visitor',
      ids: [2, 3],
    },
    unread: 2,
    pausedUntil: null,
  });
  await page.goto(`${served.openUrl}#/planner`);
  const digest = page.getByRole('status', { name: '2 website visits while alerts were held' });
  await digest.getByRole('button', { name: 'Open visits' }).click();
  await expect(digest).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Visits' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Everyone’s' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(
    page.getByRole('list', { name: 'On the website now' }).getByRole('listitem', {
      name: 'Unknown visitor',
    }),
  ).toBeVisible();
});

test('an alert pushed while the app opens stays on screen once the app knows who is signed in (VT-7)', async ({
  page,
  host,
}) => {
  const { served } = host;
  await pushAlerts(page, {
    delivered: [strangerAlert(5)],
    digest: null,
    unread: 1,
    pausedUntil: null,
  });
  // The app has the alert (it reads the feed again after each one) before its first reading of
  // the session, who is signed in, comes back: a slow start.
  let feedReads = 0;
  const alertTaken = new Promise<void>((resolve) =>
    page.on('request', (r) => {
      if (r.url().endsWith('/api/call/listAlerts') && ++feedReads === 2) resolve();
    }),
  );
  await page.route(
    '**/api/call/getSession',
    async (route) => {
      await alertTaken;
      await route.continue();
    },
    { times: 1 },
  );
  await page.goto(`${served.openUrl}#/visits`);
  await expect(
    page.getByRole('status', { name: 'An unknown visitor is on the website' }),
  ).toBeVisible();
});

test('with call suggestions turned off, a visit says so instead of "no window known" (BT-8)', async ({
  page,
  host,
}) => {
  const { served, customer } = host;
  await callApi(page.request, served, 'updateSettings', { callSuggestions: false });
  await page.goto(`${served.openUrl}#/visits`);
  const row = page
    .getByRole('list', { name: 'On the website now' })
    .getByRole('listitem', { name: customer.name });
  const callLine = row.locator('.visit-window').first();
  await expect(callLine).toHaveText('☎ Call: suggestions are off (Settings › Best time)');
  await expect(row).not.toContainText('no window known');
  // E-mail suggestions are still on: that line is the window, as before.
  await expect(row.locator('.visit-window').nth(1)).not.toContainText('suggestions are off');
});

test('Recent alerts: Pause in reach with nothing unread, Call and E-mail on an alert after its toast has gone (VT-8, VT-9)', async ({
  page,
  host,
}) => {
  const { served } = host;
  // An alert read already (its toast long gone) about someone with a number as CRMs hold them.
  await editAnswers(page, 'listAlerts', (feed) => {
    feed.unread = 0;
    feed.recent = [
      {
        ...strangerAlert(4),
        personId: 'p-anyone',
        name: 'Mika Tanaka',
        phone: '+44 (0)20 7946 0958',
        email: 'mika@example.co.uk',
        category: 'lead_contact',
        readAt: E2E_NOW - MIN,
        title: 'Mika Tanaka is on the website',
      },
    ];
  });
  await page.goto(`${served.openUrl}#/visits`);
  const card = page.getByLabel('Recent alerts', { exact: true });
  await expect(card).toContainText('none unread');
  await card.getByRole('button', { name: 'Pause alerts for 1 hour' }).click();
  await expect(card.getByRole('button', { name: 'Resume alerts' })).toBeVisible();
  await card.getByRole('button', { name: 'Resume alerts' }).click();
  await expect(card.getByRole('button', { name: 'Pause alerts for 1 hour' })).toBeVisible();

  await card.getByText('The latest alert').click();
  const item = card.getByRole('listitem').filter({ hasText: 'Mika Tanaka is on the website' });
  // The toast's own numbers: "(0)" is not dialled from abroad.
  await expect(item.getByRole('link', { name: 'Call' })).toHaveAttribute(
    'href',
    'tel:+442079460958',
  );
  await expect(item.getByRole('link', { name: 'Email' })).toHaveAttribute(
    'href',
    'mailto:mika@example.co.uk',
  );
});

test('Recent alerts says visit alerts are off, and offers no pause, when an admin turned them off (VT-6)', async ({
  page,
  host,
}) => {
  const { served } = host;
  // The switch is the admin's (the demo's is Ingrid Vogel).
  const asAdmin = async (enabled: boolean): Promise<void> => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-a1' });
    await callApi(page.request, served, 'setVisitAlertsEnabled', { enabled });
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-r1' });
  };
  await asAdmin(false);
  await page.goto(`${served.openUrl}#/visits`);
  const card = page.getByLabel('Recent alerts', { exact: true });
  await expect(card.getByRole('note')).toHaveText(
    'Visit alerts are off: an admin turned them off for everyone.',
  );
  await expect(card.getByRole('button', { name: /Pause alerts/ })).toHaveCount(0);
  // Turned on again, Pause is back without a reload.
  await asAdmin(true);
  await expect(card.getByRole('button', { name: 'Pause alerts for 1 hour' })).toBeVisible();
  await expect(card.getByRole('note')).toHaveCount(0);
});
