import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { Backtests, backtestStored } from '../../src/main/besttime/evaluation/backtest';
import { currentUser } from '../../src/main/core/session';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

// BT-13: leaving Settings, or picking another period, must not leave the core relearning an
// organisation nobody looks at any more: the run stops at its next slice.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await turn();
};

describe('a backtest nobody waits for any more (BT-13)', () => {
  it('stops at its next slice, takes no more of the core, and is computed afresh when asked again', async () => {
    const db = await demoDb(dir, { people: 150 });
    const repId = currentUser(db)?.id ?? null;
    const backtests = new Backtests(db);
    const asked = backtests.report(repId, null, 28, TEST_NOW);
    const settled = asked.then(
      () => 'report',
      (e: unknown) => (e as Error).message,
    );
    await turns(3);
    expect(backtests.slices).toBeGreaterThan(0);
    expect(backtests.stop(repId, null, 28)).toBe(true);
    expect(await settled).toMatch(/stopped before it finished/);
    const slices = backtests.slices;
    // The host is free: however many turns pass, the stopped run takes none of them.
    await turns(50);
    expect(backtests.slices).toBe(slices);
    // Nothing of the stopped run is kept: the period asked again is computed whole.
    const again = await backtests.report(repId, null, 28, TEST_NOW);
    expect(backtests.computed).toBe(2);
    expect(again).toEqual(backtestStored(db, repId, null, 28, TEST_NOW));
    // Its report came: there is nothing left to stop.
    expect(backtests.stop(repId, null, 28)).toBe(false);
    await db.close();
  }, 120_000);

  it('keeps computing for the ask that still waits when another ask of the same run stops', async () => {
    const db = await demoDb(dir, { people: 120 });
    const repId = currentUser(db)?.id ?? null;
    const backtests = new Backtests(db);
    const left = backtests.report(repId, null, 14, TEST_NOW).catch((e: unknown) => e as Error);
    const stays = backtests.report(repId, null, 14, TEST_NOW);
    await turn();
    expect(backtests.stop(repId, null, 14)).toBe(true);
    // Another period's stop touches neither.
    expect(backtests.stop(repId, null, 28)).toBe(false);
    const report = await stays;
    expect(report).toEqual(backtestStored(db, repId, null, 14, TEST_NOW));
    // One run served both asks, so the one that left gets the report as well.
    expect(await left).toEqual(report);
    expect(backtests.computed).toBe(1);
    await db.close();
  }, 120_000);

  it('answers the panel that left with a stop, and refuses a malformed stop with what is wrong', async () => {
    const db = await demoDb(dir, { people: 120 });
    const core = createCore(db, () => TEST_NOW);
    const asked = core.dispatch('getBesttimeBacktest', { days: 14 });
    await turn();
    const cancelled = await core.dispatch('cancelBesttimeBacktest', { days: 14 });
    expect(cancelled).toEqual({ ok: true, value: { stopped: true } });
    expect(await asked).toMatchObject({ ok: false, error: expect.stringMatching(/stopped/) });
    for (const bad of [{ days: 0 }, { days: 14, asOf: -1 }, { days: 14, period: 'x' }]) {
      const refused = await core.dispatch('cancelBesttimeBacktest', bad as never);
      expect(refused.ok).toBe(false);
    }
    // A stop of a period nobody asked for says so, and leaves a later ask alone.
    expect(await core.dispatch('cancelBesttimeBacktest', { days: 7 })).toEqual({
      ok: true,
      value: { stopped: false },
    });
    await db.close();
  }, 120_000);
});
