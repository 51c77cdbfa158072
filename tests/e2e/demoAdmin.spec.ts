import type { Page } from '@playwright/test';
import { expect, test } from './webHostFixture';

const goTo = (page: Page, name: 'Team' | 'Settings') =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

test('the demo’s admin, picked in “Signed in as”, sees the whole organisation on Team and alone has the switch for everyone’s visit alerts', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  const picker = page.getByLabel('Signed in as');
  // Offered with the others, named as the admin they are.
  await picker.selectOption({ label: 'Ingrid Vogel (admin)' });
  await expect(page.locator('.user-picker-face')).toHaveText('Ingrid Vogel (admin)');

  // Team: every rep of both teams, though nobody reports to her.
  await goTo(page, 'Team');
  const board = page.getByRole('region', { name: "The team's day" });
  const lanes = board.getByRole('group', { name: /'s day$/ });
  await expect(lanes).toHaveCount(12);
  await expect(page.getByText(/times in Berlin \(UTC\+1\) · 12 reps/)).toBeVisible();
  // Said as what it is: no one reports to her.
  await expect(page.getByText(/^The whole organisation · /)).toBeVisible();
  await expect(page.getByText(/Ingrid Vogel's team/)).toHaveCount(0);
  for (const rep of ['Anna Keller', 'Yui Mori', 'Diego Alvarez', 'Lucas Pereira'])
    await expect(board.getByRole('group', { name: `${rep}'s day` })).toBeVisible();
  // A team manager sees their own six only.
  await picker.selectOption({ label: 'Greta Lindqvist (manager)' });
  await expect(lanes).toHaveCount(6);
  await expect(page.getByText(/^Greta Lindqvist's team · /)).toBeVisible();
  await expect(board.getByRole('group', { name: "Diego Alvarez's day" })).toHaveCount(0);

  // Settings › Alerts: the switch for everyone is the admin's; the managers no longer have it.
  await goTo(page, 'Settings');
  const card = page.getByRole('article', { name: 'Alerts' });
  const everyone = card.getByRole('switch', { name: 'Visit alerts for everyone', exact: true });
  await expect(card.getByRole('list', { name: 'Alert rules' })).toBeVisible();
  await expect(everyone).toHaveCount(0);
  await picker.selectOption({ label: 'Ingrid Vogel (admin)' });
  await expect(everyone).toBeChecked();
  await everyone.click();
  await expect(everyone).not.toBeChecked();
  await expect(card.getByText('Visit alerts are off for everyone.')).toBeVisible();
  // The director and the managers are told an admin turned them off, with no switch to undo it.
  for (const manager of ['Helena Brandt (director)', 'Marcus Reed (manager)']) {
    await picker.selectOption({ label: manager });
    await expect(page.locator('.user-picker-face')).toHaveText(manager);
    await expect(card.getByRole('note')).toContainText(
      'An admin turned visit alerts off for everyone',
    );
    await expect(everyone).toHaveCount(0);
  }
});
