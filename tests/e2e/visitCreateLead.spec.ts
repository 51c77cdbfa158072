import { copyFileSync, existsSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { addVisit } from '../fixtures/alertsOrg';
import { makeTempDir } from '../fixtures/tempDb';
import { E2E_NOW, PREBUILT_ENV, startHost, type Served } from './servedHost';

const MIN = 60_000;

/**
 * Seed 004's Suzuki: the demo, with a visitor nobody in it knows on the pricing page now, who
 * gave his name and e-mail in a chat. `source`: what the copy is of (the demo, or a CRM's copy).
 */
function withSuzuki(source: 'demo' | 'zoho', zohoNames?: string) {
  return base.extend<{ served: Served }>({
    // eslint-disable-next-line no-empty-pattern
    served: async ({}, use) => {
      const dir = makeTempDir('cw-e2e-create-lead-');
      const file = dir.file('demo.db');
      try {
        const prebuilt = process.env[PREBUILT_ENV];
        if (!prebuilt)
          throw new Error(`${PREBUILT_ENV} is not set: run through playwright.config.ts`);
        copyFileSync(prebuilt, file);
        if (existsSync(`${prebuilt}-wal`)) copyFileSync(`${prebuilt}-wal`, `${file}-wal`);
        const db = await openDatabase(file);
        addVisit(db, {
          id: 'e2e-suzuki',
          email: 'suzuki@example.jp',
          start: E2E_NOW - 6 * MIN,
          pages: [
            ['/pricing', 0],
            ['/pricing/teams', 3],
          ],
        });
        const raw = rawHandle(db);
        raw
          .prepare("update visits set visitor_name = 'Ichiro Suzuki' where id = 'e2e-suzuki'")
          .run();
        raw
          .prepare(
            "insert into chats (id, visit_id, started_at) values ('e2e-suzuki-chat', 'e2e-suzuki', ?)",
          )
          .run(E2E_NOW - 4 * MIN);
        if (source !== 'demo') raw.prepare('update organisation set source = ?').run(source);
        // Zoho links the visit to a lead the sync has not stored here yet (a web form's).
        if (zohoNames)
          raw.prepare("update visits set crm_person_id = ? where id = 'e2e-suzuki'").run(zohoNames);
        await db.close();
        const host = await startHost(file, E2E_NOW);
        try {
          await use(host.served);
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
}

const demo = withSuzuki('demo');

demo(
  'an unknown visitor’s card makes them the rep’s lead, with the visit and chat, and opens their page',
  async ({ page, served }) => {
    // Many steps on a machine shared by other test runs: the default minute is not the point.
    demo.slow();
    await page.goto(`${served.openUrl}#/visits`);
    await page.getByRole('button', { name: 'Everyone’s' }).click();
    const card = page
      .getByRole('list', { name: 'On the website now' })
      .getByRole('listitem', { name: 'Ichiro Suzuki' });
    await expect(card).toContainText('Unknown visitor');
    await expect(card.getByRole('link', { name: 'Open person' })).toHaveCount(0);

    await card.getByRole('button', { name: 'Create lead' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create lead' });
    // What the visit knows is filled in.
    await expect(dialog.getByLabel('First name')).toHaveValue('Ichiro');
    await expect(dialog.getByLabel('Last name (required)')).toHaveValue('Suzuki');
    await expect(dialog.getByLabel('E-mail')).toHaveValue('suzuki@example.jp');
    // Zoho requires a last name: said, and nothing is created.
    await dialog.getByLabel('Last name (required)').fill('');
    await dialog.getByRole('button', { name: 'Create lead' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(
      'Enter a last name: Zoho requires one on every lead.',
    );
    await dialog.getByLabel('Last name (required)').fill('Suzuki');
    await dialog.getByLabel('Company').fill('Suzuki Trading');
    await dialog.getByRole('button', { name: 'Create lead' }).click();
    await expect(dialog).toBeHidden();

    // The card reads Lead now, owned by the rep, and offers the person instead of Create lead.
    await expect(card).toContainText('Lead/contact');
    await expect(card).toContainText('Suzuki Trading');
    await expect(card).toContainText('Owner: ');
    await expect(card.getByRole('button', { name: 'Create lead' })).toHaveCount(0);
    await expect(card).toContainText(
      'The demo organisation has no CRM: this lead is kept on this computer',
    );
    await card.getByRole('link', { name: 'Open person' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ichiro Suzuki');
    await expect(page.locator('.person-page .chip-lead')).toHaveText('Lead');
    await expect(page.locator('.person-page')).toContainText('suzuki@example.jp');
    await expect(page.locator('.person-page')).toContainText('/pricing');
  },
);

const crmCopy = withSuzuki('zoho');

crmCopy(
  'a lead created on a CRM’s copy says it is not in Zoho yet, on its card and its page',
  async ({ page, served }) => {
    await page.goto(`${served.openUrl}#/visits`);
    await page.getByRole('button', { name: 'Everyone’s' }).click();
    const card = page
      .getByRole('list', { name: 'On the website now' })
      .getByRole('listitem', { name: 'Ichiro Suzuki' });
    await card.getByRole('button', { name: 'Create lead' }).click();
    await page
      .getByRole('dialog', { name: 'Create lead' })
      .getByRole('button', { name: 'Create lead' })
      .click();
    await expect(card).toContainText('Lead/contact');
    await expect(card.locator('.not-in-crm')).toHaveText('Not in Zoho yet');
    await card.getByRole('link', { name: 'Open person' }).click();
    await expect(page.locator('.person-page .not-in-crm')).toHaveText('Not in Zoho yet');
  },
);

const knownToZoho = withSuzuki('zoho', '5000000999');

knownToZoho(
  'a visitor Zoho already has as a lead says so on the card, and offers no Create lead',
  async ({ page, served }) => {
    await page.goto(`${served.openUrl}#/visits`);
    await page.getByRole('button', { name: 'Everyone’s' }).click();
    const card = page
      .getByRole('list', { name: 'On the website now' })
      .getByRole('listitem', { name: 'Ichiro Suzuki' });
    await expect(card).toContainText(
      'Zoho already has this visitor as a lead; it arrives with the next sync',
    );
    await expect(card).not.toContainText('Unknown visitor');
    await expect(card.getByRole('button', { name: 'Create lead' })).toHaveCount(0);
  },
);
