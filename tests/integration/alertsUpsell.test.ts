import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertsEvent } from '../../src/shared/alertsContract';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { addVisit, alertsOrgDb, MIN, MONDAY_10 } from '../fixtures/alertsOrg';

let dir: TempDir;
let db: Db;
let core: Core;
let events: AlertsEvent[];
const now = MONDAY_10;

/** Carla, a customer (a won deal), with an upsell under way: a second deal, open. */
beforeEach(async () => {
  dir = makeTempDir('cw-upsell-');
  db = await alertsOrgDb(dir, 'upsell.db', true);
  rawHandle(db)
    .prepare(
      "insert into deals (id, name, stage, status, person_id, modified_at) values ('d-up', 'More seats', 'Negotiation', 'open', 'p-cust', 0)",
    )
    .run();
  core = createCore(db, () => now);
  core.on('alerts', (e) => events.push(e));
  events = [];
});
afterEach(async () => {
  core.alerts.dispose();
  await db.close();
  dir.remove();
});

describe('a customer with a won deal and an open one (VT-2: "has an unfinished deal")', () => {
  it('is a customer with open deal to the admin\'s default rule "Open deals on the website", which alerts when they read /pricing', async () => {
    await core.handlers.setCurrentUser({ userId: 'adm' });
    const settings = await core.handlers.getAlertSettings({});
    expect(settings.rules.map((r) => r.name)).toEqual(['Open deals on the website']);
    addVisit(db, {
      id: 'v-up',
      personId: 'p-cust',
      start: now - 2 * MIN,
      pages: [['/pricing', 0]],
    });
    core.emit('data-changed', { entities: ['visits'] });
    expect(events.flatMap((e) => e.delivered)).toMatchObject([
      {
        personId: 'p-cust',
        rule: 'Open deals on the website',
        category: 'customer_open_deal',
        body: expect.stringMatching(/^Customer with open deal · reading \/pricing/),
      },
    ]);
  });

  it('is so on the Visits page, under its filter, and on the planner', async () => {
    await core.handlers.setCurrentUser({ userId: 'rep' });
    addVisit(db, {
      id: 'v-up',
      personId: 'p-cust',
      start: now - 2 * MIN,
      pages: [['/pricing', 0]],
    });
    const listed = await core.handlers.listVisits({
      scope: 'mine',
      limit: 50,
      categories: ['customer_open_deal'],
    });
    expect([...listed.onSite, ...listed.earlier].map((v) => [v.personId, v.category])).toEqual([
      ['p-cust', 'customer_open_deal'],
    ]);
    const plan = await core.handlers.getPlanner({});
    const carla = plan.rows.filter((r) => r.personId === 'p-cust').map((r) => r.category);
    expect(carla.length).toBeGreaterThan(0);
    expect(new Set(carla)).toEqual(new Set(['customer_open_deal']));
  });
});
