import type { PersonDetail } from '../../src/shared/contract';
import { callApi, expect, test } from './webHostFixture';

test('the person page shows the heatmap, visits with masked IPs, and chat transcripts', async ({
  page,
  served,
}) => {
  let found: PersonDetail | null = null;
  for (let i = 1; i <= 400 && !found; i++) {
    const detail = await callApi(page.request, served, 'getPerson', { id: `p${i}` });
    if (detail.chats.length > 0 && detail.visits.length > 0) found = detail;
  }
  if (!found) throw new Error('the demo organisation has nobody with a chat');
  await page.goto(`${served.openUrl}#/person/${found.person.id}`);
  await expect(page.getByRole('heading', { name: found.person.name, level: 1 })).toBeVisible();
  const heatmap = page.getByRole('table', { name: 'Engagement by weekday and hour' });
  await expect(heatmap.locator('td.heat-4').first()).toBeVisible();
  const visits = page.getByRole('article', { name: 'Visits', exact: true });
  await expect(visits.getByRole('row')).toHaveCount(found.visits.length + 1);
  await expect(visits).toContainText('.xxx');
  await expect(visits).toContainText(found.visits[0]?.pages[0]?.url ?? '/');
  const chats = page.getByRole('article', { name: 'Chats' });
  await chats.locator('summary').first().click();
  await expect(chats.getByText(found.chats[0]?.messages[0]?.text ?? '')).toBeVisible();
});
