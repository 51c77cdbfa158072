import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { PlannerRow } from '../../src/shared/contract';
import { TEST_NOW } from '../fixtures/tempDb';
import { allTestsDemoCore } from '../fixtures/demoCore';

// Someone with call windows on other days but none today is on today's plan: a "no window today"
// row, with Log on it. A call logged with them marks that row done, as for any row; the windows
// the call teaches (an hour of today among them) plan the days after, and do not turn today's
// row into one around the call, worked by it: not even when no plan of today was kept before
// the call (the app had not shown the planner yet that day).

let db: Db;
let setup: Core;
let first: Core;
let tomorrow = '';
let noWindowToday: string[] = [];
allTestsDemoCore((env) => ({ db, core: setup } = env), { relearn: true });
beforeAll(async () => {
  const rep = (await setup.handlers.getSession({})).currentUser;
  if (!rep) throw new Error('the demo signs nobody in');
  const zone = rep.timeZone;
  tomorrow = DateTime.fromMillis(TEST_NOW, { zone }).plus({ days: 1 }).toISODate() ?? '';
  // Two of the rep's people in the rep's zone with a call window today, still to call, whose
  // windows are made Tuesday's only (the test's Monday none): a "no window today" row.
  noWindowToday = (await setup.handlers.getPlanner({})).rows
    .filter(
      (r) => r.channel === 'call' && r.start !== null && r.action === null && r.contactTz === zone,
    )
    .map((r) => r.personId)
    .filter((id, i, all) => all.indexOf(id) === i)
    .slice(0, 2);
  const raw = rawHandle(db);
  for (const id of noWindowToday) {
    const row = raw
      .prepare("select windows from best_time_windows where person_id = ? and channel = 'call'")
      .get(id) as { windows: string };
    const stored = JSON.parse(row.windows) as { w: [number, number, number, ...unknown[]][] };
    stored.w = stored.w
      .filter(([weekday]) => weekday === 2)
      .concat(stored.w.some(([weekday]) => weekday === 2) ? [] : [[2, 600, 720, 3, null]]);
    raw
      .prepare("update best_time_windows set windows = ? where person_id = ? and channel = 'call'")
      .run(JSON.stringify(stored), id);
  }
  raw.prepare('delete from day_plans').run();
  first = createCore(db, () => TEST_NOW);
});

const callRows = async (core: Core, personId: string, date?: string): Promise<PlannerRow[]> =>
  (await core.handlers.getPlanner(date ? { date } : {})).rows.filter(
    (r) => r.personId === personId && r.channel === 'call',
  );

async function expectNoWindowDone(core: Core, personId: string): Promise<void> {
  const rows = await callRows(core, personId);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ state: 'none', start: null, action: 'done' });
  // Reached, but in no window: today offered them none.
  expect(rows[0]?.reached?.inWindow ?? false).toBe(false);
  expect((await core.handlers.getPerson({ id: personId })).callToday).toMatchObject({
    onPlan: true,
    mark: 'done',
  });
  expect((await callRows(core, personId, tomorrow)).some((r) => r.start !== null)).toBe(true);
}

describe('a call logged with someone whose row today has no window', () => {
  it('marks their row done, with no window made around the call', async () => {
    const person = noWindowToday[0];
    if (!person) throw new Error('no one to call');
    // On today's plan, without a window today.
    expect(await callRows(first, person)).toMatchObject([{ state: 'none', action: null }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await first.handlers.logCall({
      personId: person,
      outcome: 'answered',
      durationMin: 8,
      note: '',
    });
    await expectNoWindowDone(first, person);
  });

  it('does so too when no plan of today was kept before the call', async () => {
    const person = noWindowToday[1];
    if (!person) throw new Error('no one else to call');
    // The app starts afresh, no plan of today kept: the call is the first thing the rep does.
    rawHandle(db).prepare('delete from day_plans').run();
    const fresh = createCore(db, () => TEST_NOW + 60_000);
    await fresh.handlers.logCall({
      personId: person,
      outcome: 'answered',
      durationMin: 8,
      note: '',
    });
    await expectNoWindowDone(fresh, person);
  });
});
