import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { Db } from '../../src/main/db/openDatabase';
import { readOrg } from '../../src/main/core/session';
import { userById } from '../../src/main/db/repos/users';
import { planKeptDay } from '../../src/main/planner/dayPlanSnapshots';
import { loadRepPlanInputs } from '../../src/main/planner/repPlanInputs';
import { readSettings } from '../../src/main/settings/settingsStore';
import { isLowConfidence } from '../../src/shared/slotStates';
import { callApi, E2E_NOW, expect, test } from './webHostFixture';

const MIN = 60_000;
// Monday 23 November 2026, 17:40 in Berlin: the day's windows have mostly ended.
const LATE = E2E_NOW + 7 * 60 * MIN + 40 * MIN;
const list = (page: Page) => page.getByRole('list', { name: 'Today’s people' });

/** The person given a synced call, and the window it fell in. */
const picked = { personId: '', name: '', start: 0, end: 0, calledAt: 0 };

/**
 * One of Anna's people whose call row at 17:40 is a low-rated window that ended after a better
 * one (the 5★ 14:00–15:00 hour, then 0.5★ 15:00–16:00): given a call the phone system logged in
 * the CRM inside the better one, 20 to 31 minutes into it, as the sync stores it.
 */
function syncCallInBetterWindow(db: Db): void {
  const rep = userById(db, 'u-r1');
  if (!rep) throw new Error('the demo has no Anna');
  const org = readOrg(db);
  const people = loadRepPlanInputs(db, rep.id, org.timeZone, LATE);
  const plan = planKeptDay(db, rep, org.timeZone, LATE, readSettings(db), undefined, people);
  for (const r of plan.rows) {
    if (r.channel !== 'call' || r.action || r.start === null || r.end === null) continue;
    if (!isLowConfidence(r.stars) || r.end > LATE) continue;
    const shownFrom = r.start;
    const better = r.alternatives.find((a) => !isLowConfidence(a.stars) && a.end <= shownFrom);
    if (!better) continue;
    const touched = rawHandle(db)
      .prepare(
        `select count(*) as n from activities where person_id = ? and owner_id = 'u-r1' and started_at >= ?`,
      )
      .get(r.personId, LATE - 18 * 60 * MIN) as { n: number };
    if (touched.n > 0) continue;
    const start = better.start + 20 * MIN;
    rawHandle(db)
      .prepare(
        `insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at, duration_s, status, source_module, source_id, outcome)
         values ('e2e-synced-call', ?, 'u-r1', 'call_answered', 'call', 'phone', 'out', ?, 660, 'completed', 'Calls', 'z-e2e-1', 'answered')`,
      )
      .run(r.personId, start);
    Object.assign(picked, {
      personId: r.personId,
      name: r.name,
      start: better.start,
      end: better.end,
      calledAt: start + 11 * MIN,
    });
    return;
  }
  throw new Error('Anna has no low-rated call window ended after a better one by 17:40');
}

test.use({ startAt: LATE, beforeStart: { write: syncCallInBetterWindow } });

test('a call synced from the CRM in a 5★ window reads “✓ Called” on that window, not on the 0.5★ one that ended after it', async ({
  page,
  served,
}) => {
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-r1' });
  const plan = await callApi(page.request, served, 'getPlanner', {});
  const rows = plan.rows.filter((r) => r.personId === picked.personId && r.channel === 'call');
  // One row, on the window the call worked, counted worked (as the Team page counts it).
  expect(rows.map((r) => [r.start, r.reached])).toEqual([
    [picked.start, { at: picked.calledAt, inWindow: true }],
  ]);
  const hhmm = (ms: number): string =>
    DateTime.fromMillis(ms, { zone: plan.repTz }).toFormat('HH:mm');
  await page.goto(served.openUrl);
  await expect(page.getByLabel("Today's counts")).toContainText('worked');
  await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(picked.name);
  const row = list(page)
    .locator(`.plan-row:has(.person-link[href="#/person/${picked.personId}"])`)
    .filter({ hasText: '☎ call' });
  await expect(row).toHaveCount(1);
  await expect(row.locator('.state-label')).toHaveText(`✓ Called ${hhmm(picked.calledAt)}`);
  await expect(row.locator('.window-time').first()).toContainText(
    `${hhmm(picked.start)}–${hhmm(picked.end)}`,
  );

  // The Team page reads the same window as worked in it.
  await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
  const day = await callApi(page.request, served, 'getTeamDay', {});
  const block = day.reps
    .find((l) => l.repId === 'u-r1')
    ?.blocks.find(
      (b) => b.personId === picked.personId && b.channel === 'call' && b.start === picked.start,
    );
  expect(block?.worked).toMatchObject({ inWindow: true, at: picked.calledAt });
  expect(block?.counted).toBe(true);
});
