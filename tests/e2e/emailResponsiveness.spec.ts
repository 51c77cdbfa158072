import { rawHandle } from '../../src/main/db/bulkHandle';
import { callApi, E2E_NOW, expect, test } from './webHostFixture';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

test.describe('how soon a contact opens and answers e-mails, on their page (BT-2)', () => {
  // A contact of Anna's whose mails are as the sync stores Zoho's (crm/zoho/zohoEmailMap.ts):
  // four of Anna’s mails opened after 20, 30 and 40 min and 3 h (median 35 min), and
  // three answered after 2 h, 3 h and 26 h (median 3 h).
  test.use({
    beforeStart: {
      write: (db) => {
        const raw = rawHandle(db);
        raw
          .prepare(
            `insert into people (id, module, first_name, last_name, email, owner_id, time_zone, created_at, modified_at)
             values ('e2e-mailer', 'contact', 'Mara', 'Mailwell', 'mara@example.com', 'u-r1', 'Europe/Berlin', 0, 0)`,
          )
          .run();
        const activity = raw.prepare(
          `insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at, subject, status, source_module, source_id)
           values (?, 'e2e-mailer', 'u-r1', ?, 'email', 'email', ?, ?, 'Proposal', 'completed', 'Emails', ?)`,
        );
        const opens = [20, 30, 40, 180];
        const replies = [2 * HOUR, 3 * HOUR, 26 * HOUR];
        opens.forEach((openMin, i) => {
          const sent = E2E_NOW - (10 - 2 * i) * DAY;
          const id = `email-e2e-mailer-m${i}`;
          activity.run(id, null, 'out', sent, `m${i}`);
          activity.run(`${id}-opened`, 'email_opened', 'in', sent + openMin * MIN, `m${i}`);
          const reply = replies[i];
          if (reply !== undefined)
            activity.run(
              `email-e2e-mailer-r${i}`,
              'email_from_contact',
              'in',
              sent + reply,
              `r${i}`,
            );
        });
      },
    },
  });

  test('the best-time card says it in words, with what each time is from', async ({
    page,
    served,
  }) => {
    await page.goto(`${served.openUrl}#/person/e2e-mailer`);
    const card = page.getByRole('article', { name: 'Best time to contact' });
    await expect(card).toContainText(
      'Usually opens your e-mails within 35 min (4 e-mails) · replies within 3 h (3 replies)',
    );
  });

  test('worded for who is looking: "your e-mails" to the contact’s rep, "e-mails" to the admin, who sent none; her Settings do not promise her reminders of a plan', async ({
    page,
    served,
  }) => {
    await page.goto(`${served.openUrl}#/person/e2e-mailer`);
    const card = page.getByRole('article', { name: 'Best time to contact' });
    await expect(card).toContainText('Usually opens your e-mails within 35 min (4 e-mails)');
    await page.getByLabel('Signed in as').selectOption({ label: 'Ingrid Vogel (admin)' });
    await expect(page.locator('.user-picker-face')).toHaveText('Ingrid Vogel (admin)');
    await expect(card).toContainText(
      'Usually opens e-mails within 35 min (4 e-mails) · replies within 3 h (3 replies)',
    );
    await expect(card).not.toContainText('your e-mails');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    const bestTime = page.getByRole('article', { name: 'Best time', exact: true });
    await expect(bestTime).toContainText(
      'You own no leads or contacts, so you have no plan of your own and get none.',
    );
    await expect(bestTime).not.toContainText('windows in your plan');
    // A rep is still told of their own plan.
    await page.getByLabel('Signed in as').selectOption({ label: 'Anna Keller (rep)' });
    await expect(page.locator('.user-picker-face')).toHaveText('Anna Keller (rep)');
    await expect(bestTime).toContainText('windows in your plan open');
  });

  test('e-mail suggestions switched off in Settings (BT-8): the line goes with them', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'updateSettings', { emailSuggestions: false });
    await page.goto(`${served.openUrl}#/person/e2e-mailer`);
    await expect(page.getByRole('heading', { level: 1, name: 'Mara Mailwell' })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Best time to contact' })).not.toContainText(
      'Usually opens',
    );
  });
});

test('the demo organisation has people whose page shows how soon they open and reply', async ({
  page,
  served,
}) => {
  // One of the signed-in rep's own: "your e-mails" is said to the person's owner.
  const me = (await callApi(page.request, served, 'getSession', {})).currentUser?.id;
  let found: string | null = null;
  for (let i = 1; i <= 400 && !found; i++) {
    const detail = await callApi(page.request, served, 'getPerson', { id: `p${i}` });
    if (detail.emailResponse?.open && detail.emailResponse.reply && detail.person.ownerId === me)
      found = detail.person.id;
  }
  if (!found) throw new Error('the demo gives none of the rep’s people e-mail reaction times');
  await page.goto(`${served.openUrl}#/person/${found}`);
  const card = page.getByRole('article', { name: 'Best time to contact' });
  await expect(card).toContainText(/Usually opens your e-mails within .+ \(\d+ e-mails\)/);
  await expect(card).toContainText(/replies within .+ \(\d+ replies\)/);
});
