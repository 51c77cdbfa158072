import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/shared/contract';
import { createCore } from '../../src/main/core/createCore';
import { DEFAULT_SCHEDULE, SyncRunner } from '../../src/main/sync/syncRunner';
import { createDemoLiveSource } from '../../src/main/crm/demo/demoLiveSource';
import type { Db } from '../../src/main/db/openDatabase';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { WINDOWS_LEARNED_AT } from '../../src/main/db/clearOrganisationData';
import { readSetting } from '../../src/main/settings/settingsStore';

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

/**
 * The live demo as a CRM, behind a runner, on a clock the test moves; everyone learned at
 * TEST_NOW. Statuses the runner reports are collected.
 */
async function liveDemoRunner(): Promise<{
  runner: SyncRunner;
  at: (time: number) => void;
  statuses: SyncStatus[];
}> {
  let now = TEST_NOW;
  const clock = (): number => now;
  const core = createCore(db, clock);
  await core.refreshStaleSuggestions();
  const statuses: SyncStatus[] = [];
  const runner = new SyncRunner(core, createDemoLiveSource(db, { clock }), DEFAULT_SCHEDULE, {
    relearnAllOnFirst: false,
    onStatus: (s) => statuses.push(s),
  });
  return { runner, at: (time) => (now = time), statuses };
}

describe('a sync runner in an app left open', () => {
  it('relearns the whole organisation once the last full relearn is 12 hours old', async () => {
    const { runner, at } = await liveDemoRunner();
    const learnedAt = () => readSetting<number>(db, WINDOWS_LEARNED_AT);
    try {
      at(TEST_NOW + 2 * HOUR);
      await runner.syncNow();
      // Only the people the live demo touched were relearned.
      expect(learnedAt()).toBe(TEST_NOW);
      at(TEST_NOW + 13 * HOUR);
      await runner.syncNow();
      expect(learnedAt()).toBe(TEST_NOW + 13 * HOUR);
    } finally {
      await runner.stop();
    }
  });
});

describe('a sync runner whose best times cannot be relearned', () => {
  it('says so in its status and goes on syncing', async () => {
    const { runner, at, statuses } = await liveDemoRunner();
    const visits = (): unknown =>
      rawHandle(db).prepare('select count(*) from visits').pluck().get();
    try {
      // A real SQLite failure where the windows are written, as a full disk would give.
      rawHandle(db).exec(`create trigger no_windows before update on best_time_windows
        begin select raise(abort, 'database or disk is full'); end`);
      at(TEST_NOW + 2 * HOUR);
      const before = visits();
      await runner.syncNow();
      expect(visits()).not.toBe(before);
      expect(statuses.at(-1)).toMatchObject({
        state: 'idle',
        lastError: expect.stringMatching(
          /^Best times could not be relearned: database or disk is full/,
        ),
      });

      rawHandle(db).exec('drop trigger no_windows');
      at(TEST_NOW + 3 * HOUR);
      await runner.syncNow();
      expect(statuses.at(-1)).toMatchObject({ state: 'idle', lastError: null });
    } finally {
      await runner.stop();
    }
  });

  it('relearns everyone when the date of the last full relearn is damaged or in the future', async () => {
    const core = createCore(db, () => TEST_NOW);
    const learnedAt = () => readSetting<number>(db, WINDOWS_LEARNED_AT);
    for (const damaged of ['{not json', JSON.stringify(TEST_NOW + 30 * 24 * HOUR)]) {
      rawHandle(db).prepare('delete from best_time_windows').run();
      rawHandle(db)
        .prepare("insert or replace into settings (key, value) values ('windows_learned_at', ?)")
        .run(damaged);
      await core.refreshStaleSuggestions();
      expect(learnedAt()).toBe(TEST_NOW);
      expect(
        rawHandle(db).prepare('select count(*) from best_time_windows').pluck().get(),
      ).toBeGreaterThan(0);
    }
  });
});
