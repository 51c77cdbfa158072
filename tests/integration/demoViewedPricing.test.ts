import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { createDemoLiveSource } from '../../src/main/crm/demo/demoLiveSource';
import { visitAsOf, type LiveVisit } from '../../src/main/demo/demoLiveEvents';
import { runSync } from '../../src/main/sync/syncEngine';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';

const MINUTE = 60_000;
let dir: TempDir;
let db: Db;

beforeAll(async () => {
  dir = makeTempDir('cw-demo-pricing-');
  db = await demoDb(dir, { people: 150 });
  // Two hours of the live demo, stopped mid-morning so some visits are still under way.
  const clock = (): number => TEST_NOW + 2 * 60 * MINUTE + 17 * MINUTE;
  await runSync(db, createDemoLiveSource(db, { clock }), { now: clock });
});
afterAll(async () => {
  await db.close();
  dir.remove();
});

/** Visits as the Visits page reads them: the tag, and whether a page of theirs is /pricing. */
function tagged(live: boolean): { id: string; tag: number; pricing: number }[] {
  return rawHandle(db)
    .prepare(
      `select v.id,
              coalesce(v.actions like '%Viewed pricing%', 0) as tag,
              exists (select 1 from visit_pages p where p.visit_id = v.id and p.url = '/pricing') as pricing
         from visits v where (v.id like 'lv-%') = ?`,
    )
    .all(live ? 1 : 0) as { id: string; tag: number; pricing: number }[];
}

describe('the demo\'s "Viewed pricing" tag', () => {
  it.each([
    ['generated', false],
    ['live', true],
  ])('is on a %s visit exactly when one of its pages is /pricing', (_, live) => {
    const visits = tagged(live);
    // Both kinds are there, or the rule would hold of nothing.
    expect(visits.filter((v) => v.tag).length).toBeGreaterThan(5);
    expect(visits.filter((v) => !v.tag).length).toBeGreaterThan(5);
    expect(visits.filter((v) => v.tag !== v.pricing)).toEqual([]);
  });

  it('comes on a visit under way once the visitor opens /pricing, not before', () => {
    const start = TEST_NOW;
    const page = (url: string, at: number) => ({
      url,
      title: url,
      viewed_at: start + at * MINUTE,
      time_spent_s: 60,
    });
    const visit: LiveVisit = {
      id: 'lv-x',
      person: null,
      linked: false,
      start,
      pages: [
        page('/', 0),
        page('/pricing', 1),
        page('/docs/getting-started', 2),
        page('/contact', 3),
        page('/careers', 4),
      ],
      end: start + 5 * MINUTE,
      ip: '203.0.113.9',
      referrer: null,
      engine: null,
      keyword: null,
      chat: null,
    };
    const actions = (at: number): unknown => {
      const write = visitAsOf(visit, start + at * MINUTE)?.writes[0];
      return write?.table === 'visits' ? write.row.actions : 'no visit';
    };
    expect(actions(0.5)).toBeNull();
    expect(actions(1)).toBe('Viewed pricing');
    expect(actions(6)).toBe('Viewed pricing');
  });
});
