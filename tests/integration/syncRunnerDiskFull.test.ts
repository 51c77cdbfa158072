import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { DEFAULT_SCHEDULE, SyncRunner } from '../../src/main/sync/syncRunner';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { startServer, syncDb, zohoSourceFor } from '../crm-server/syncHarness';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
let server: CrmTestServer;
beforeEach(async () => {
  dir = makeTempDir('cw-runner-full-');
  server = await startServer(buildOrganisation(5));
});
afterEach(async () => {
  await server.stop();
  dir.remove();
});

describe('the app’s sync runner on a full disk', () => {
  it('says which disk is full and what to do, then syncs once there is room', async () => {
    const path = dir.file('full.db');
    const db = await syncDb(path);
    const runner = new SyncRunner(createCore(db), zohoSourceFor(server), DEFAULT_SCHEDULE);
    try {
      // SQLite answers a write past this many pages as on a full disk (SQLITE_FULL).
      const pages = rawHandle(db).pragma('page_count', { simple: true }) as number;
      rawHandle(db).pragma(`max_page_count = ${pages}`);
      await runner.syncNow();
      expect(runner.current()).toMatchObject({
        state: 'error',
        lastError:
          `The disk holding ${path} is full (database or disk is full): the sync stopped, and everything ` +
          'synced so far is kept. Free some space on it; the app retries on schedule.',
      });
      rawHandle(db).pragma(`max_page_count = ${pages * 100}`);
      await runner.syncNow();
      expect(runner.current()).toMatchObject({ state: 'idle', lastError: null });
    } finally {
      await runner.stop();
      await db.close();
    }
  }, 60_000);
});
