import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import { eachTestSyncEnv, type SyncTestEnv } from '../crm-server/syncHarness';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { UNREAD_MODULES_SETTING } from '../../src/main/db/repos/organisation';
import { storedUnread } from '../../src/main/sync/unreadModules';
import { runOnSchedule } from '../fixtures/scheduledRuns';

// Which modules the last runs could not read is kept in the file for the next start of the app
// (unreadModules.ts). Every run ends by keeping it, each minute's visits run included: a write
// only when it changed, not a settings row rewritten every minute for nothing.

let env: SyncTestEnv;
eachTestSyncEnv(
  'cw-unread-kept-',
  () => buildOrganisation(8, { leads: 30 }),
  (e) => (env = e),
);

/** Counts every write of the setting's row, as SQLite makes them. */
function countWrites(): () => number {
  const raw = rawHandle(env.db);
  raw.exec(`create table unread_writes (n integer);
    create trigger unread_inserted after insert on settings when new.key = '${UNREAD_MODULES_SETTING}'
      begin insert into unread_writes values (1); end;
    create trigger unread_updated after update on settings when new.key = '${UNREAD_MODULES_SETTING}'
      begin insert into unread_writes values (1); end;`);
  return () => raw.prepare('select count(*) from unread_writes').pluck().get() as number;
}

const START = Date.UTC(2026, 2, 29, 0, 30);

describe('the modules the last runs could not read, kept for the next start', () => {
  it('are written only when they change, not by every minute’s run', async () => {
    const writes = countWrites();
    const breakDeals = (): void =>
      env.server.inject('server-error', { path: /\/crm\/v8\/Deals$/, times: 100_000 });
    const seen: number[] = [];
    let broke = false;
    let mended = false;
    await runOnSchedule(env, {
      start: START,
      clock: 'minute',
      until: (_, runs) => runs.length >= 16,
      after: () => {
        seen.push(writes());
        // Runs 1-5 read everything; Deals fails from run 6 to run 10, then Zoho mends.
        if (seen.length === 5) {
          breakDeals();
          broke = true;
        }
        if (seen.length === 10 && broke) {
          env.server.clearFaults();
          mended = true;
        }
      },
    });
    expect(mended).toBe(true);
    // Nothing failed for five runs (a records run and visits runs): nothing written. Deals failing
    // is written once when a run reading Deals meets it, and once more when one reads it again.
    expect(seen.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(writes()).toBe(2);
    expect(storedUnread(env.db).size).toBe(0);
  });
});
