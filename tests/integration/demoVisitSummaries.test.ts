import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { refreshVisitSummaries } from '../../src/main/demo/demoVisitSummaries';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { addVisit, alertsOrgDb } from '../fixtures/alertsOrg';

// VT-3: "days visited" counts the organisation's calendar days, as the person page counts the
// days of the visits matched by e-mail it adds. The live demo worked its summaries out again in
// UTC days, so a Berlin visitor at 00:30 and at 13:00 on one Saturday had visited on two days, and
// a Saturday afternoon and a Sunday 00:30 on one.

let dir: TempDir;
let db: Db;
let core: Core;

beforeEach(async () => {
  dir = makeTempDir('cw-demo-summaries-');
  db = await alertsOrgDb(dir, 'org.db');
  core = createCore(db, () => Date.UTC(2026, 3, 1, 9));
});
afterEach(async () => {
  core.alerts.dispose();
  await db.close();
  dir.remove();
});

describe("the live demo's visit summaries (VT-3)", () => {
  it("counts the days visited in the organisation's zone, across the spring clock change", async () => {
    // Berlin: Saturday 28 March 13:00 CET; Sunday 29 March 00:30 CET (Saturday 23:30 UTC); the
    // clocks go forward that night; Monday 30 March 00:30 CEST (Sunday 22:30 UTC).
    const visits = ['2026-03-28T12:00Z', '2026-03-28T23:30Z', '2026-03-29T22:30Z'];
    for (const [i, at] of visits.entries())
      addVisit(db, { id: `lena-${i}`, personId: 'p-lead', start: Date.parse(at), ended: true });
    refreshVisitSummaries(db, ['p-lead']);

    const lena = await core.handlers.getPerson({ id: 'p-lead' });
    // UTC days: the 28th and the 29th; a fixed CET offset: the 28th and the 29th.
    expect(lena.person.visitSummary).toMatchObject({
      daysVisited: 3,
      firstVisitAt: Date.parse(visits[0] as string),
      lastVisitAt: Date.parse(visits[2] as string),
    });
  });
});
