import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { DEFAULT_SCHEDULE, SyncRunner } from '../../src/main/core/syncRunner';
import { createDemoLiveSource } from '../../src/main/crm/demo/demoLiveSource';
import type { Db } from '../../src/main/db/openDatabase';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

const HOUR = 3_600_000;
let dir: TempDir;
let db: Db;

beforeEach(async () => {
  dir = makeTempDir('cw-runner-');
  db = await demoDb(dir, { people: 60 });
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

describe('a sync runner in an app left open', () => {
  it('relearns the whole organisation once the last full relearn is 12 hours old', async () => {
    let now = TEST_NOW;
    const clock = (): number => now;
    const core = createCore(db, clock);
    await core.refreshStaleSuggestions();
    const runner = new SyncRunner(core, createDemoLiveSource(db, { clock }), DEFAULT_SCHEDULE, {
      relearnAllOnFirst: false,
    });
    const oldest = (): unknown =>
      db.raw.prepare('select min(computed_at) from best_time_windows').pluck().get();
    try {
      now = TEST_NOW + 2 * HOUR;
      await runner.syncNow();
      // Only the people the live demo touched were relearned.
      expect(oldest()).toBe(TEST_NOW);
      now = TEST_NOW + 13 * HOUR;
      await runner.syncNow();
      expect(oldest()).toBe(now);
    } finally {
      await runner.stop();
    }
  });
});
