import { closeSync, openSync, writeSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/shared/contract';
import { createCore } from '../../src/main/core/createCore';
import { DEFAULT_SCHEDULE, SyncRunner } from '../../src/main/sync/syncRunner';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { startServer, syncDb, zohoSourceFor } from '../crm-server/syncHarness';
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

/** Garbage over every page of these tables and their indexes, the file's first page kept. */
function damageTables(path: string, tables: string[]): void {
  const raw = new BetterSqlite3(path, { readonly: true });
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const pages = raw
    .prepare(
      `select pageno from dbstat where name in (select name from sqlite_master where tbl_name in (${tables.map(() => '?').join(', ')})) and pageno > 1`,
    )
    .pluck()
    .all(...tables) as number[];
  raw.close();
  const fd = openSync(path, 'r+');
  for (const page of pages)
    writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
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
});
