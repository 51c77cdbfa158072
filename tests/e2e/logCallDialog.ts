import type { Locator, Page } from '@playwright/test';

/**
 * Opens the Log dialog of the planner's first call row (the Channel filter set to calls) from the
 * row's Log button. Gives whose call it is (by id: the demo has namesakes) and the dialog, which
 * is named for them.
 */
export async function openLogDialog(page: Page): Promise<{ personId: string; dialog: Locator }> {
  await page.getByRole('combobox', { name: 'Channel' }).selectOption('call');
  const row = page.getByRole('list', { name: 'Today’s people' }).locator('.plan-row').first();
  const link = row.locator('.person-link');
  const name = (await link.textContent()) ?? '';
  const personId = ((await link.getAttribute('href')) ?? '').replace('#/person/', '');
  await row.getByRole('button', { name: 'Log' }).click();
  return {
    personId,
    dialog: page.getByRole('dialog', { name: `Log a call with ${name}` }),
  };
}
