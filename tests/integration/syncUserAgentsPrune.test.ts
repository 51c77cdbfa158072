import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { pruneUserAgents } from '../../src/main/sync/userAgentsPrune';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { transaction } from '../../src/main/db/sqlRun';

// Migration 011 keeps each distinct user agent once in `user_agents`, added by triggers as
// visits are written and never removed by them: a visit deleted in the CRM, or one whose user
// agent changed, left its row there for ever. The sync now deletes the unused ones.

const DAY = 86_400_000;
const SHARED = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Version/17.0 Safari/605.1.15';
const GONE = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';
const BEFORE = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36';
const AFTER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/121.0 Safari/537.36';

let env: SyncTestEnv | null = null;
eachTestSyncEnv(
  'cw-user-agents-',
  () => buildOrganisation(35),
  (e) => (env = e),
);

describe('user agents no visit uses any more', () => {
  it('are deleted after a sync that deleted visits, and at least daily after one that changed them', async () => {
    if (!env) throw new Error('no test environment');
    const { db, server } = env;
    const raw = rawHandle(db);
    const sync = () => runSync(db, zohoSourceFor(server), { now: () => server.data.clock });
    await sync();
    // The oldest visits: a later run's listing (from its last second on) does not rewrite them.
    const [v1, v2, v3, v4] = raw
      .prepare('select id from visits order by started_at, id limit 4')
      .pluck()
      .all() as string[];
    // As a CRM that keeps user agents would have stored them (Zoho keeps none).
    const setAgent = raw.prepare('update visits set user_agent = ? where id = ?');
    setAgent.run(SHARED, v1);
    setAgent.run(SHARED, v2);
    setAgent.run(GONE, v3);
    setAgent.run(BEFORE, v4);
    const agents = (): string[] =>
      raw
        .prepare('select user_agent from user_agents order by user_agent')
        .pluck()
        .all() as string[];
    expect(agents()).toEqual([SHARED, BEFORE, GONE].sort());

    server.data.remove('Visits', v2 ?? '');
    server.data.remove('Visits', v3 ?? '');
    const second = await sync();
    expect(second.modules.Visits?.deleted).toBe(2);
    expect(agents()).toEqual([SHARED, BEFORE].sort());
    // The visit that still uses the shared one reads it as before.
    expect(
      raw
        .prepare(
          'select u.user_agent from visits v join user_agents u on u.id = v.user_agent_id where v.id = ?',
        )
        .pluck()
        .get(v1),
    ).toBe(SHARED);

    // A changed user agent deletes nothing: the old one goes at the first sync a day on.
    setAgent.run(AFTER, v4);
    await sync();
    expect(agents()).toEqual([SHARED, BEFORE, AFTER].sort());
    server.data.clock += DAY;
    await sync();
    expect(agents()).toEqual([SHARED, AFTER].sort());
  });
});

describe('the prune of unused user agents', () => {
  it('leaves the event loop its turns while it works through thousands of them', async () => {
    if (!env) throw new Error('no test environment');
    const { db, server } = env;
    const raw = rawHandle(db);
    // A visit each, as a CRM that keeps user agents would give them; every fourth still in use.
    const agents = Array.from(
      { length: 2_000 },
      (_, i) => `Mozilla/5.0 (Build ${i}) Safari/537.36`,
    );
    const visit = raw.prepare(
      'insert into visits (id, ip, user_agent, started_at) values (?, ?, ?, ?)',
    );
    transaction(db, () => agents.forEach((a, i) => visit.run(`ua-${i}`, '203.0.113.9', a, i)));
    raw
      .prepare(
        `delete from visits where id like 'ua-%' and cast(substr(id, 4) as integer) % 4 != 0`,
      )
      .run();

    let turns = 0;
    let pruning = true;
    const spin = (): void => {
      turns++;
      if (pruning) setImmediate(spin);
    };
    setImmediate(spin);
    const deleted = await pruneUserAgents(db, undefined, server.data.clock);
    pruning = false;

    expect(deleted).toBe(1_500);
    expect(raw.prepare('select user_agent from user_agents order by id').pluck().all()).toEqual(
      agents.filter((_, i) => i % 4 === 0),
    );
    // Not one block: the loop ran between its statements (a few hundred user agents each).
    expect(turns).toBeGreaterThanOrEqual(4);
  });
});
