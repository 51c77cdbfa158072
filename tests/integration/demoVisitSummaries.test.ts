import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { refreshVisitSummaries } from '../../src/main/demo/demoVisitSummaries';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { DateTime } from 'luxon';
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

describe("the demo generator's visit summaries (VT-3)", () => {
  it("counts the days visited in the organisation's zone, as the live demo does, across the autumn clock change", async () => {
    // Written on Monday 23 November: visits reach 60 days back, over Berlin's 25 October change.
    const demo = await demoDb(dir, { seed: 1, people: 150, now: TEST_NOW }, 'demo.db');
    try {
      const raw = rawHandle(demo);
      const visits = raw
        .prepare(
          'select person_id as person, started_at as at from visits where person_id is not null',
        )
        .all() as { person: string; at: number }[];
      const written = new Map(
        (
          raw
            .prepare('select id, days_visited as days from people where days_visited is not null')
            .all() as { id: string; days: number }[]
        ).map((p) => [p.id, p.days]),
      );
      const days = (zone: string): Map<string, number> => {
        const sets = new Map<string, Set<string>>();
        for (const v of visits) {
          const set = sets.get(v.person) ?? new Set<string>();
          set.add(DateTime.fromMillis(v.at, { zone }).toISODate() ?? '');
          sets.set(v.person, set);
        }
        return new Map([...sets].map(([id, set]) => [id, set.size]));
      };
      const berlin = days('Europe/Berlin');
      const utc = days('UTC');
      // The data holds the case: a Sydney or Tokyo visitor's morning, or a Los Angeles
      // afternoon, is just after midnight in Berlin and still the day before in UTC, and some
      // people's counts differ by it.
      const afterMidnight = visits.filter((v) => {
        const local = DateTime.fromMillis(v.at, { zone: 'Europe/Berlin' });
        return (
          local.hour < 1 &&
          local.toISODate() !== DateTime.fromMillis(v.at, { zone: 'UTC' }).toISODate()
        );
      });
      expect(afterMidnight.length).toBeGreaterThan(0);
      const differing = [...berlin].filter(([id, n]) => utc.get(id) !== n).map(([id]) => id);
      expect(differing.length).toBeGreaterThan(0);

      expect(Object.fromEntries(written)).toEqual(Object.fromEntries(berlin));
      // What the live demo works out again after it adds a visit leaves every count as written.
      refreshVisitSummaries(demo, [...written.keys()]);
      const again = raw
        .prepare('select id, days_visited as days from people where days_visited is not null')
        .all() as { id: string; days: number }[];
      expect(Object.fromEntries(again.map((p) => [p.id, p.days]))).toEqual(
        Object.fromEntries(written),
      );
    } finally {
      await demo.close();
    }
  });
});
