import { describe, expect, it } from 'vitest';
import type { AlertFeed } from '../../src/shared/alertsContract';
import type { Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { addVisit, eachTestAlertsOrg, MIN, MONDAY_10 } from '../fixtures/alertsOrg';

// More alerts at once than the page's feed holds (50): a toast stands for one of them, or a
// digest for all, and the feed's newest page cannot say whether the oldest were read.
let db: Db;
let core: Core;
const now = MONDAY_10;
eachTestAlertsOrg(
  'cw-alerts-settled-',
  () => now,
  (env) => ({ db, core } = env),
);

async function feed(input: unknown): Promise<AlertFeed> {
  const result = await core.dispatch('listAlerts', input);
  if (!result.ok) throw new Error(result.error);
  return result.value as AlertFeed;
}

/** Sixty unknown visitors on the website at once, each alerted on by a rule for anyone. */
async function sixtyAtOnce(): Promise<number[]> {
  await core.handlers.updateAlertSettings({
    rules: [{ name: 'Anyone on the website', categories: ['unknown'], owner: 'anyone' }],
  });
  for (let i = 0; i < 60; i++)
    addVisit(db, { id: `v${i}`, ip: `203.0.113.${i}`, start: now - MIN });
  core.emit('data-changed', { entities: ['visits'] });
  const all = await feed({ limit: 100 });
  expect(all.recent).toHaveLength(60);
  return all.recent.map((a) => a.id).sort((a, b) => a - b);
}

describe('the feed says which of the toasts’ alerts are settled, however old', () => {
  it('names the oldest alert of sixty as read and dismissed, though the newest 50 leave it out', async () => {
    const ids = await sixtyAtOnce();
    const [oldest, second, third] = ids as [number, number, number];
    await core.handlers.markAlertsRead({ ids: [oldest] });
    await core.handlers.dismissAlertToasts({ ids: [second] });
    const answer = await feed({ limit: 50, toastIds: [oldest, second, third] });
    expect(answer.recent.map((a) => a.id)).not.toContain(oldest);
    expect(answer.settled).toEqual([oldest, second]);
  });

  it('answers as before when no toast ids are asked about', async () => {
    await sixtyAtOnce();
    expect(await feed({ limit: 50 })).not.toHaveProperty('settled');
  });

  it('refuses more ids than a page could have toasts for', async () => {
    const toastIds = Array.from({ length: 1001 }, (_, i) => i);
    expect((await core.dispatch('listAlerts', { limit: 50, toastIds })).ok).toBe(false);
  });
});
