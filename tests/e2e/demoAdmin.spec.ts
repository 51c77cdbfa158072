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

/** Picks a user in "Signed in as" and waits until the app has switched to them. */
async function signInAs(page: Page, label: string): Promise<void> {
  await page.getByLabel('Signed in as').selectOption({ label });
  await expect(page.locator('.user-picker-face')).toHaveText(label);
}

const open = (page: Page, name: 'Planner' | 'Visits' | 'Team' | 'Settings') =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

test('Visits opens on the whole organisation’s visitors for the demo’s admin, who owns no one, on their team’s for a manager or director who owns no one; a rep still opens on their own', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  const whose = page.getByRole('group', { name: 'Whose visits' });
  const mine = whose.getByRole('button', { name: 'Mine' });
  const everyones = whose.getByRole('button', { name: 'Everyone’s' });
  const today = page.getByRole('list', { name: 'Today' });
  const ownsNoOne = page.getByRole('note').filter({ hasText: 'You own no leads or contacts' });

  // A rep opens Visits on their own people's, as before.
  await signInAs(page, 'Anna Keller (rep)');
  await open(page, 'Visits');
  await expect(mine).toHaveAttribute('aria-pressed', 'true');

  // Signed in as the admin on the open page: the organisation's visitors, not an empty "Mine".
  await signInAs(page, 'Ingrid Vogel (admin)');
  await expect(everyones).toHaveAttribute('aria-pressed', 'true');
  await expect(today.getByRole('listitem').first()).toBeVisible();
  await expect(ownsNoOne).toHaveCount(0);
  // Her own visits, asked for, are nobody's: said so, not an empty list alone.
  await mine.click();
  await expect(ownsNoOne).toContainText('none of the visits is yours');
  await everyones.click();
  await expect(ownsNoOne).toHaveCount(0);
  // Opened afresh, too.
  await open(page, 'Team');
  await open(page, 'Visits');
  await expect(everyones).toHaveAttribute('aria-pressed', 'true');
  await expect(today.getByRole('listitem').first()).toBeVisible();

  // A manager, who owns no one either, opens on their team's visitors, not an empty "Mine".
  const teams = whose.getByRole('button', { name: 'My team’s' });
  await signInAs(page, 'Greta Lindqvist (manager)');
  await expect(teams).toHaveAttribute('aria-pressed', 'true');
  await expect(today.getByRole('listitem').first()).toBeVisible();
  await expect(ownsNoOne).toHaveCount(0);
  // The director too, whose team is both managers' reps.
  await signInAs(page, 'Helena Brandt (director)');
  await expect(teams).toHaveAttribute('aria-pressed', 'true');
  // The address still wins: her own visits, asked for by name, are what she sees.
  await page.goto(`${served.openUrl}#/visits/mine`);
  await expect(mine).toHaveAttribute('aria-pressed', 'true');
  // And back to a rep: their own.
  await signInAs(page, 'Tom Brennan (rep)');
  await expect(mine).toHaveAttribute('aria-pressed', 'true');
});

test('the demo’s admin is offered alert rules about anyone’s people, which would have alerted her last week, not “your people”; a manager keeps “My people on the website”', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  await signInAs(page, 'Ingrid Vogel (admin)');
  await open(page, 'Settings');
  const card = page.getByRole('article', { name: 'Alerts' });
  const rules = card.getByRole('list', { name: 'Alert rules' });
  await expect(card).toContainText(
    'You own no leads or contacts, so your rules are about anyone’s people.',
  );
  await expect(card).not.toContainText('one of your people');
  await expect(rules.getByRole('listitem')).toHaveCount(1);
  const rule = rules.getByRole('listitem', { name: 'Rule 1: Open deals on the website' });
  await expect(rule.getByLabel('Whose')).toHaveValue('anyone');
  await expect(rule.getByRole('checkbox', { name: 'Customer with open deal' })).toBeChecked();
  await expect(card.getByText('These are the defaults.')).toBeVisible();
  const preview = card.getByRole('status', { name: 'Rule preview' });
  await expect(preview).toContainText(/would have raised [1-9]\d* alerts? last week/);
  // "My people" is offered as what it is, and a rule for them is marked as raising nothing.
  await expect(rule.getByRole('option', { name: 'My people (you own none)' })).toHaveCount(1);
  await rule.getByLabel('Whose').selectOption('me');
  await expect(rule).toContainText(
    'This rule would raise nothing: you own no leads or contacts, so none is yours',
  );
  await expect(card.getByRole('button', { name: 'Save alert settings' })).toBeDisabled();
  await expect(preview).toContainText('would have raised 0 alerts last week');
  await card.getByRole('button', { name: 'Discard changes' }).click();
  await expect(rule.getByLabel('Whose')).toHaveValue('anyone');

  // A manager keeps a manager's card and default rule, owned people or not.
  await signInAs(page, 'Greta Lindqvist (manager)');
  await expect(card).toContainText('A notice when one of your people is on the website.');
  await expect(
    rules.getByRole('listitem', { name: 'Rule 1: My people on the website' }),
  ).toBeVisible();
  await expect(card.getByRole('option', { name: 'My people', exact: true })).toHaveCount(1);
});

test('the planner tells the demo’s admin why she has no plan and what she can see instead, not “your reps”', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  await signInAs(page, 'Ingrid Vogel (admin)');
  await open(page, 'Planner');
  await expect(
    page.getByText(
      'You own no leads or contacts, so you have no plan of your own. Pick a rep in the list showing “My plan” above to see their day, or',
    ),
  ).toBeVisible();
  await page.getByRole('link', { name: 'see the whole organisation’s day on Team' }).click();
  await expect(page.getByText(/^The whole organisation · /)).toBeVisible();
  await open(page, 'Planner');
  await expect(page.getByText(/your reps|your team/)).toHaveCount(0);

  // A manager is still pointed at their reps and their team.
  await signInAs(page, 'Greta Lindqvist (manager)');
  await expect(page.getByText(/Pick one of your reps in the list/)).toBeVisible();
});

test('the People owner list offers only those who own someone: no empty "Ingrid Vogel’s people", and no "My people" for her', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/people`);
  const owner = page.getByLabel('Owner');
  const offered = async () => owner.locator('option').allTextContents();
  await signInAs(page, 'Anna Keller (rep)');
  await expect(owner.locator('option', { hasText: 'Yui Mori’s people' })).toHaveCount(1);
  expect(await offered()).toContain('My people');
  // The director and the admin own no lead or contact: choosing them could only show nobody.
  expect(await offered()).not.toContain('Helena Brandt’s people');
  expect(await offered()).not.toContain('Ingrid Vogel’s people');
  await signInAs(page, 'Ingrid Vogel (admin)');
  await expect(owner.locator('option', { hasText: 'Anna Keller’s people' })).toHaveCount(1);
  expect(await offered()).not.toContain('My people');
  // Everyone's people is what she sees (a rep, signed in before her, saw their own).
  await expect(owner.locator('option:checked')).toHaveText('Everyone’s people');
  await expect(page.getByText(/^[\d,]+ people$/)).toBeVisible();
});
