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
