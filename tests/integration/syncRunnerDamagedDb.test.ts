import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/shared/contract';
import { createCore } from '../../src/main/core/createCore';
import { DEFAULT_SCHEDULE, SyncRunner } from '../../src/main/sync/syncRunner';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { startServer, syncDb, zohoSourceFor } from '../crm-server/syncHarness';
import { damageTables } from '../fixtures/damageTables';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
let server: CrmTestServer;
beforeEach(async () => {
  dir = makeTempDir('cw-runner-damaged-');
  server = await startServer(buildOrganisation(5));
});
afterEach(async () => {
  await server.stop();
  dir.remove();
});

/** One run of the app's sync runner; the database closed after it, as on quitting the app. */
async function syncOnce(path: string): Promise<SyncStatus> {
  const db = await syncDb(path);
  const runner = new SyncRunner(createCore(db), zohoSourceFor(server), DEFAULT_SCHEDULE);
  try {
    await runner.syncNow();
    return runner.current();
  } finally {
    await runner.stop();
    await db.close();
  }
}

describe('the app’s sync runner on a database damaged past its first page', () => {
  it('says where the damaged file is and what to do, not that a retry will help', async () => {
    const path = dir.file('sync.db');
    expect((await syncOnce(path)).lastError).toBeNull();
    damageTables(path, ['people']);
    expect(await syncOnce(path)).toMatchObject({
      state: 'error',
      lastError:
        `The database at ${path} is damaged (database disk image is malformed). ` +
        'Restore a backup, or move it aside and start a fresh one (a CRM copy is then synced again).',
    });
  });

  it('starts on a damaged sync state saying so in Settings, and a sync run says the same', async () => {
    const path = dir.file('state.db');
    expect((await syncOnce(path)).lastError).toBeNull();
    damageTables(path, ['sync_state']);
    const db = await syncDb(path);
    const damaged =
      `The database at ${path} is damaged (database disk image is malformed). ` +
      'Restore a backup, or move it aside and start a fresh one (a CRM copy is then synced again).';
    try {
      // Before, the constructor threw SQLite's bare message and the CRM's data never opened.
      const runner = new SyncRunner(createCore(db), zohoSourceFor(server), DEFAULT_SCHEDULE);
      expect(runner.current()).toMatchObject({ state: 'error', lastError: damaged });
      await runner.syncNow();
      expect(runner.current()).toMatchObject({ state: 'error', lastError: damaged });
      await runner.stop();
    } finally {
      await db.close();
    }
  });
});
