import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import {
  eachTestSyncEnv,
  localSnapshot,
  serverSnapshot,
  zohoSourceFor,
  type SyncTestEnv,
} from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { TouchedPeople } from '../../src/main/sync/touchedPeople';

/** This process's write system calls so far (Linux: /proc/self/io). */
const writeCalls = (): number =>
  Number(/^syscw:\s*(\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1]);

/**
 * A first sync's cost is mostly SQLite's. Every person, call and visit it stores fires triggers
 * (the search text, the touched people the relearn reads), so each write keeps a statement
 * journal; spilled to a temporary file, it cost about 14 write calls a stored person, a sixth of
 * the sync's CPU time, to write pages nobody reads back. Counted with the server in this process:
 * its answers' writes are among the calls, a few a page.
 */
describe.skipIf(!existsSync('/proc/self/io'))(
  'a first sync writes its pages, not a journal',
  () => {
    let env: SyncTestEnv;
    eachTestSyncEnv(
      'cw-sync-writes-',
      () =>
        buildOrganisation(11, {
          accounts: 40,
          contacts: 600,
          leads: 900,
          deals: 0,
          callsPerPerson: 1,
          events: 0,
          tasks: 0,
          cases: 0,
          visits: 200,
        }),
      (e) => (env = e),
    );

    it('stores 3,000 records with fewer than one and a half write calls each', async () => {
      // As the app's sync runner and the sync command run it: the relearn's triggers attached.
      new TouchedPeople(env.db).attach();
      const before = writeCalls();
      await runSync(env.db, zohoSourceFor(env.server), { push: false });
      const calls = writeCalls() - before;

      expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
      const records = [...env.server.data.modules.values()].reduce((n, t) => n + t.size, 0);
      expect(records).toBeGreaterThan(3000);
      // Measured: 0.75 a record with the journal in memory, 4.6 with it spilled to a file.
      expect(calls).toBeLessThan(records * 1.5);
    });
  },
);
