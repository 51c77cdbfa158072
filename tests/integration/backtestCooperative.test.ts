import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { Backtests, backtestStored } from '../../src/main/besttime/evaluation/backtest';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { currentUser } from '../../src/main/core/session';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the Settings backtest does not hold up the core (BT-13)', () => {
  it('answers a People search and the session asked while a backtest runs before the backtest ends', async () => {
    const db = await demoDb(dir, { people: 400 });
    const core = createCore(db, () => TEST_NOW);
    const done: string[] = [];
    const backtest = core.dispatch('getBesttimeBacktest', {}).then((r) => {
      done.push('backtest');
      return r;
    });
    // Asked once the backtest is under way, as a search typed while Settings fills in.
    await turn();
    const search = core.dispatch('listPeople', { query: 'a' }).then((r) => {
      done.push('search');
      return r;
    });
    const session = core.dispatch('getSession', {}).then((r) => {
      done.push('session');
      return r;
    });
    const [b, s, me] = await Promise.all([backtest, search, session]);
    expect([b.ok, s.ok, me.ok]).toEqual([true, true, true]);
    expect(done.indexOf('search')).toBeLessThan(done.indexOf('backtest'));
    expect(done.indexOf('session')).toBeLessThan(done.indexOf('backtest'));
    await db.close();
  }, 120_000);

  it('answers the same period again from what it computed, until the data changes, with the same report', async () => {
    const db = await demoDb(dir, { people: 200 });
    const repId = currentUser(db)?.id ?? null;
    const backtests = new Backtests(db);
    const first = await backtests.report(repId, null, 28, TEST_NOW);
    // The same report as the `backtest` command's (computed at once).
    expect(first).toEqual(backtestStored(db, repId, null, 28, TEST_NOW));
    expect(backtests.computed).toBe(1);
    // Settings opened again: nothing recomputed. Two panels asking at once share one run.
    const [again, twin] = await Promise.all([
      backtests.report(repId, null, 28, TEST_NOW),
      backtests.report(repId, null, 28, TEST_NOW),
    ]);
    expect(again).toEqual(first);
    expect(twin).toEqual(first);
    expect(backtests.computed).toBe(1);
    // Another period is another backtest.
    await backtests.report(repId, null, 14, TEST_NOW);
    expect(backtests.computed).toBe(2);
    // Data written (a sync, a logged call): the period is computed again.
    rawHandle(db).prepare(`update people set time_zone = 'Asia/Tokyo' where rowid = 1`).run();
    await backtests.report(repId, null, 14, TEST_NOW);
    expect(backtests.computed).toBe(3);
    await db.close();
  }, 120_000);
});
