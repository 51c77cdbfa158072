import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { migrate, openDatabase } from '../../src/main/db/openDatabase';
import { migrations } from '../../src/main/db/migrations/index';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const VERSION = migrations.findIndex((m) => m.name === 'drop_unread_columns') + 1;
const windows = JSON.stringify([[1, 540, 600, 4.5, 'answered 3 calls on Mondays 09:00-10:00']]);

/** A connection at the schema just before the migration, with a window and a pushed call. */
async function atPreviousVersion(path: string) {
  const { raw, db, done } = await databaseBefore(path, 'drop_unread_columns', {
    foreignKeys: true,
  });
  raw.exec(`
    insert into people (id, module, last_name, time_zone, created_at, modified_at)
      values ('p1', 'contact', 'One', 'Europe/Berlin', 0, 0);
    insert into outbox (idempotency_key, kind, payload, created_at, pushed_at, crm_id)
      values ('k1', 'call', '{}', 1, 2, 'crm-1');
  `);
  raw
    .prepare(
      `insert into best_time_windows (person_id, channel, time_zone, windows, computed_at)
       values ('p1', 'call', 'Europe/Berlin', ?, 42)`,
    )
    .run(windows);
  return { raw, db, close: done };
}

const columns = (raw: BetterSqlite3.Database, table: string) =>
  (raw.prepare(`select name from pragma_table_info('${table}')`).pluck().all() as string[]).sort();

describe('the migration dropping columns nothing reads', () => {
  it('drops best_time_windows.computed_at and outbox.crm_id and keeps their rows', async () => {
    const old = await atPreviousVersion(':memory:');
    expect(columns(old.raw, 'best_time_windows')).toContain('computed_at');
    await migrate(old.db, migrations.slice(0, VERSION));
    expect(columns(old.raw, 'best_time_windows')).toEqual([
      'channel',
      'person_id',
      'time_zone',
      'windows',
    ]);
    expect(columns(old.raw, 'outbox')).not.toContain('crm_id');
    expect(old.raw.prepare('select person_id, windows from best_time_windows').all()).toEqual([
      { person_id: 'p1', windows },
    ]);
    expect(old.raw.prepare('select idempotency_key, pushed_at from outbox').all()).toEqual([
      { idempotency_key: 'k1', pushed_at: 2 },
    ]);
    // Visits keep `actions`: the coming Visits page reads it.
    expect(columns(old.raw, 'visits')).toContain('actions');
    await old.close();
  });

  it('opens a database the previous version wrote, and shows its windows and outbox', async () => {
    const path = dir.file('previous.db');
    const old = await atPreviousVersion(path);
    await old.close();
    const db = await openDatabase(path);
    expect(rawHandle(db).prepare('select max(version) from schema_migrations').pluck().get()).toBe(
      migrations.length,
    );
    const core = createCore(db, () => TEST_NOW);
    const person = await core.handlers.getPerson({ id: 'p1' });
    expect(person.windows).toMatchObject([{ channel: 'call', weekday: 1, startMin: 540 }]);
    expect(await core.handlers.getOutbox({})).toMatchObject([{ kind: 'call', pushedAt: 2 }]);
    await db.close();
  });
});
