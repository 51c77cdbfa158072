import { afterEach, describe, expect, it } from 'vitest';
import type { Statement } from 'better-sqlite3';
import { buildOrganisation } from '../crm-server/crmFactories';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { createCore } from '../../src/main/core/createCore';
import { runSync } from '../../src/main/sync/syncEngine';
import { DEFAULT_SCHEDULE, SyncRunner } from '../../src/main/sync/syncRunner';
import { writeState } from '../../src/main/sync/syncState';

// Before each run (each minute's visits run too) the runner asks where every module's first pull
// stands (firstSyncReason.ts): one read of sync_state, not two or three per module.

let env: SyncTestEnv;
eachTestSyncEnv(
  'cw-first-pulls-',
  () => buildOrganisation(12, { leads: 20 }),
  (e) => (env = e),
);

/** Counts the statements run on the connection that read sync_state, while `counting` is on. */
function syncStateReads(): { count: () => number; stop: () => void } {
  const proto = Object.getPrototypeOf(rawHandle(env.db).prepare('select 1')) as Statement;
  const original = { get: proto.get, all: proto.all };
  let n = 0;
  const counted = <F extends (...args: never[]) => unknown>(fn: F): F =>
    function (this: Statement, ...args: Parameters<F>) {
      if (this.source.includes('"sync_state"')) n++;
      return fn.apply(this, args);
    } as F;
  proto.get = counted(original.get);
  proto.all = counted(original.all);
  const stop = (): void => {
    proto.get = original.get;
    proto.all = original.all;
  };
  stops.push(stop);
  return { count: () => n, stop };
}
const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

const runner = (): SyncRunner =>
  new SyncRunner(createCore(env.db), zohoSourceFor(env.server), DEFAULT_SCHEDULE);

describe('where the first sync stands', () => {
  it('is read in one query however many modules a run lists', async () => {
    await runSync(env.db, zohoSourceFor(env.server));
    const reads = syncStateReads();
    const after = runner();
    reads.stop();
    // The first pulls (one), the last sync's time (one) and the kept metadata (one).
    expect(reads.count()).toBeLessThanOrEqual(3);
    expect(after.current().first).toBe(false);
  });

  it('still tells a first sync under way, and one held back by a module the user may not read', async () => {
    await runSync(env.db, zohoSourceFor(env.server));
    // Deals never finished: a first sync still under way.
    const at = Date.now();
    writeState(env.db, 'Deals', { watermark: null, cursor: null, lastSuccessAt: null }, at);
    expect(runner().current().first).toBe(true);
    // Refused to the user: it keeps no sync first.
    writeState(env.db, 'Deals:forbidden', { watermark: at, cursor: null, lastSuccessAt: null }, at);
    expect(runner().current().first).toBe(false);
  });
});
