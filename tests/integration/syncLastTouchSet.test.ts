import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { listPeople } from '../../src/main/people/peopleQueries';

// The sync marks the people its records touch stale and sets them again after its pages and at
// its end (syncEngine.ts): none is left stale, and People by last activity reads from the stored
// values what the old seeks read, after a first sync and after a call moved to another person.

/** Monday 5 January 2026, 09:30 UTC: the test CRM's clock starts here. */
const NOW = Date.UTC(2026, 0, 5, 9, 30);

let env: SyncTestEnv;
eachTestSyncEnv(
  'cw-last-touch-set-',
  () => buildOrganisation(5, { leads: 20 }),
  (e) => (env = e),
);

const stale = () =>
  rawHandle(env.db)
    .prepare('select count(*) from people where last_touch_from is null')
    .pluck()
    .get();

const order = () =>
  listPeople(
    env.db,
    'Europe/Berlin',
    { query: '', sort: 'lastActivity', direction: 'desc', offset: 0, limit: 10_000 },
    NOW,
    null,
  ).rows.map((r) => [r.id, r.lastActivityAt, r.lastActivityKind]);

/** The page as the old seeks read it: nobody's stored value trusted, then put back. */
function orderAsBefore(): unknown[] {
  const raw = rawHandle(env.db);
  const kept = raw.prepare('select id, last_touch_from from people').all() as {
    id: string;
    last_touch_from: number | null;
  }[];
  raw.prepare('update people set last_touch_from = null').run();
  try {
    return order();
  } finally {
    const put = raw.prepare('update people set last_touch_from = ? where id = ?');
    raw.transaction(() => {
      for (const k of kept) put.run(k.last_touch_from, k.id);
    })();
  }
}

describe('the sync sets what it marked stale', () => {
  it('leaves nobody stale after a first sync and after a call moved, and People reads as before', async () => {
    await runSync(env.db, zohoSourceFor(env.server), { push: false });
    expect(stale()).toBe(0);
    const first = order();
    expect(first.some((r) => r[1] !== null)).toBe(true);
    expect(first).toEqual(orderAsBefore());

    // The most recent call moved to the person with the oldest last activity.
    const [top] = first;
    const calls = [...env.server.data.table('Calls').values()];
    const call = calls.find((c) => (c['Who_Id'] as { id: string } | null)?.id === top?.[0]);
    const last = first.at(-1);
    expect(call && last).toBeTruthy();
    env.server.data.modify('Calls', call?.id ?? '', { Who_Id: { id: last?.[0], name: 'x' } });
    await runSync(env.db, zohoSourceFor(env.server), { push: false });
    expect(stale()).toBe(0);
    const second = order();
    expect(second).not.toEqual(first);
    expect(second).toEqual(orderAsBefore());
  });
});
