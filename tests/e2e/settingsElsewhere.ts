import type { Page } from '@playwright/test';
import { callApi, type Served } from './servedHost';

/**
 * Counts the page's calls of `method` while two settings that change no row (reminders on, an
 * alerts rule's cooldown) are saved elsewhere (Settings in another window, the tray), each once
 * the page has heard of it and read the session again: then a refetch would have started. Then
 * saves one a plan is made with (e-mail suggestions off) and waits for the page to ask again.
 */
export async function asksOnSettingsAlone(
  page: Page,
  served: Served,
  method: string,
): Promise<number> {
  let asked = 0;
  const count = (r: { url(): string }): void => {
    if (r.url().endsWith(`/api/call/${method}`)) asked++;
  };
  page.on('request', count);
  for (const change of [
    () => callApi(page.request, served, 'updateSettings', { reminders: true }),
    () => callApi(page.request, served, 'updateAlertSettings', { cooldownMinutes: 45 }),
  ]) {
    const read = page.waitForResponse((r) => r.url().endsWith('/api/call/getSettings'));
    await change();
    await read;
  }
  await page.waitForTimeout(500);
  page.off('request', count);
  const again = page.waitForResponse(`**/api/call/${method}`);
  await callApi(page.request, served, 'updateSettings', { emailSuggestions: false });
  await again;
  return asked;
}
