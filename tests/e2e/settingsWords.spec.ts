import { expect, test } from './webHostFixture';

test('Settings › Alerts: the switch for everyone is named in four words and says in a sentence what turning it off does', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/settings`);
  // The demo's admin has the switch.
  await page.getByLabel('Signed in as').selectOption('u-a1');
  const everyone = page.getByRole('switch', { name: 'Visit alerts for everyone', exact: true });
  await expect(everyone).toBeChecked();
  // Was "(admin: off, nobody in the organisation is alerted, each rep's app from its next sync
  // with the CRM, and held alerts are dropped)", read out as part of the switch's name.
  await expect(everyone).toHaveAccessibleDescription(
    "An admin's switch. Off: nobody in the organisation is alerted (each rep's app once it next syncs with the CRM), and alerts held for later are dropped.",
  );
});

test('Settings › Best time: the window length says in a sentence what it changes, as its description', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/settings`);
  // Was "Window length" and three lengths, with nothing saying what they change.
  const length = page
    .getByRole('article', { name: 'Best time' })
    .getByRole('combobox', { name: 'Window length', exact: true });
  await expect(length).toHaveValue('60');
  await expect(length).toHaveAccessibleDescription(
    "The slot best times are learned in: every suggested window (planner, person page, Team page, alerts) is one or more whole slots, at most two hours (30 to 90 minutes with 30, one or two hours with 60, two hours with 120), and a change relearns everyone's best times.",
  );
});

test('Settings › Best time: a new window length says it is saved and relearning, then that everyone is relearned', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/settings`);
  const card = page.getByRole('article', { name: 'Best time' });
  const length = card.getByRole('combobox', { name: 'Window length', exact: true });
  const said = card.getByRole('status', { name: 'Window length change' });
  await expect(length).toHaveValue('60');
  // The core's answer (it comes once everyone is relearned) is held until the page has said
  // what it is waiting for.
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/call/updateSettings', async (route) => {
    await held;
    await route.continue();
  });
  await length.selectOption('120');
  await expect(said).toHaveText('Saved — relearning everyone’s best times…');
  release();
  await expect(said).toHaveText('Done: everyone’s best times are relearned in 120-minute slots.');
  await page.unroute('**/api/call/updateSettings');
  await page.reload();
  await expect(length).toHaveValue('120');
});
