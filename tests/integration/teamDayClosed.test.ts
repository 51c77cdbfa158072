import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

// The team's day is made rep by rep, with a turn between: signing out in that turn closes the
// copy under it. The request ends with words a person can act on, not SQLite's.

let dir: TempDir;
let db: Db;
let core: Core;

beforeAll(async () => {
  dir = makeTempDir('cw-team-closed-');
  db = await demoDb(dir);
  core = createCore(db, () => TEST_NOW);
  await core.handlers.setCurrentUser({ userId: 'u-d1' });
}, 120_000);
afterAll(() => {
  dir.remove();
});

it("says the copy was closed when it closes while the team's day is being made", async () => {
  let closing: Promise<void> | null = null;
  const stop = core.on('team-day-progress', () => {
    closing ??= db.close();
  });
  const day = core.handlers.getTeamDay({});
  await expect(day).rejects.toThrow(/copy was closed .*open Team again/);
  stop();
  await closing;
});
