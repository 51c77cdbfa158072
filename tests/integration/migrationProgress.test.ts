import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FromWorker } from '../../src/main/core/coreWorkerProtocol';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { migrations } from '../../src/main/db/migrations/index';
import { openDatabase, type MigrationProgress } from '../../src/main/db/openDatabase';
import { databaseBefore } from '../fixtures/databaseBefore';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const LATEST = migrations.length;

/** The version a file is at, as another connection (the next start) reads it. */
function versionOf(file: string): number {
  const raw = new BetterSqlite3(file, { readonly: true });
  try {
    return raw.prepare('select max(version) from schema_migrations').pluck().get() as number;
  } finally {
    raw.close();
  }
}

/** A file as the app `behind` versions ago left it (its layout only). */
async function fileBehind(name: string, behind: number): Promise<string> {
  const file = dir.file(name);
  const old = await databaseBefore(file, migrations[LATEST - behind]?.name ?? '');
  await old.done();
  return file;
}

describe('opening a database written by an older version of the app', () => {
  it('reports each pending step before it runs, with the count known at once, and the end', async () => {
    const file = await fileBehind('old.db', 2);
    const heard: { progress: MigrationProgress; committed: number }[] = [];
    const db = await openDatabase(file, {
      // What the file holds when each report goes out: the steps before it are committed.
      onUpdate: (progress) => heard.push({ progress, committed: versionOf(file) }),
    });
    await db.close();
    expect(heard).toEqual([
      { progress: { done: 0, total: 2 }, committed: LATEST - 2 },
      { progress: { done: 1, total: 2 }, committed: LATEST - 1 },
      { progress: { done: 2, total: 2 }, committed: LATEST },
    ]);
  });

  it('reports nothing when the database is up to date, nor for a new file', async () => {
    const heard: MigrationProgress[] = [];
    const file = dir.file('a.db');
    const created = await openDatabase(file, { onUpdate: (p) => heard.push(p) });
    await created.close();
    const again = await openDatabase(file, { onUpdate: (p) => heard.push(p) });
    await again.close();
    expect(heard).toEqual([]);
    expect(versionOf(file)).toBe(LATEST);
  });
});

describe('quitting the app while it updates its database', () => {
  it('loses nothing when the core is stopped mid-step, and the next start does the step again', async () => {
    // From the version before the step that indexes every activity (slow on many), to the last.
    const slow = migrations.find((m) => m.name === 'last_activity_indexes')?.version ?? 0;
    const behind = LATEST - slow + 1;
    const file = await fileBehind('big.db', behind);
    // Enough activities for that step to take a while.
    // Only the activities matter to this step: their people are left out.
    const raw = new BetterSqlite3(file);
    raw.pragma('foreign_keys = OFF');
    raw.exec(`
      insert into activities (id, person_id, kind, channel, direction, started_at, duration_s, status, source_module)
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 200000)
      select 'a-' || i, 'p-' || (i % 5000), case when i % 7 = 0 then 'meeting' else 'call' end,
        'phone', 'out', 1700000000000 + i * 60000, 300, 'completed', 'test'
      from n`);
    raw.close();
    // The real worker module, loaded through tsx as electron-vite's bundle would load it built.
    const entry = new URL('../../src/main/core/coreWorker.ts', import.meta.url).href;
    const worker = new Worker(
      `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`,
      { eval: true, workerData: { dbPath: file } },
    );
    const exited = new Promise<void>((ok) => worker.once('exit', () => ok()));
    // The core says where the update is while it is still opening: stopped as the step starts
    // (as quitting does once the core has had 15 s to finish), it is cut in the middle.
    const heard = await new Promise<FromWorker>((ok) =>
      worker.once('message', (message: FromWorker) => {
        void worker.terminate();
        ok(message);
      }),
    );
    await exited;
    expect(heard).toEqual({
      type: 'event',
      name: 'database-update',
      payload: { dataSet: 'demo', done: 0, total: behind },
    });
    // The step cut short left nothing behind: the file is as the version before left it.
    expect(versionOf(file)).toBe(slow - 1);
    const steps: MigrationProgress[] = [];
    const db = await openDatabase(file, { onUpdate: (p) => steps.push(p) });
    try {
      expect(steps).toEqual(
        Array.from({ length: behind + 1 }, (_, done) => ({ done, total: behind })),
      );
      expect(versionOf(file)).toBe(LATEST);
      expect(rawHandle(db).prepare('select count(*) from activities').pluck().get()).toBe(200_000);
      expect(rawHandle(db).prepare('pragma integrity_check').pluck().get()).toBe('ok');
    } finally {
      await db.close();
    }
  }, 60_000);
});
