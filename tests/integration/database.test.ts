import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, DatabaseOpenError } from '../../src/main/db/openDatabase';
import { migrations } from '../../src/main/db/migrations/index';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { rawHandle } from '../../src/main/db/bulkHandle';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

describe('the local database', () => {
  it('is created readable by its owner only, in a folder of its own, with its WAL alike', async () => {
    const path = dir.file('private/new/a.db');
    const db = await openDatabase(path);
    rawHandle(db).prepare("insert into settings (key, value) values ('k', '1')").run();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
    expect(statSync(dir.file('private/new')).mode & 0o777).toBe(0o700);
    await db.close();
  });

  it('creates every table on first open, in WAL mode with foreign keys on', async () => {
    const db = await openDatabase(dir.file('a.db'));
    const tables = rawHandle(db)
      .prepare("select name from sqlite_master where type = 'table'")
      .pluck()
      .all();
    for (const t of [
      'users',
      'organisation',
      'accounts',
      'people',
      'deals',
      'activities',
      'visits',
      'visit_pages',
      'chats',
      'chat_messages',
      'best_time_windows',
      'plan_actions',
      'alert_rules',
      'alerts',
      'settings',
      'sync_state',
      'outbox',
    ]) {
      expect(tables).toContain(t);
    }
    expect(rawHandle(db).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(rawHandle(db).pragma('foreign_keys', { simple: true })).toBe(1);
    await db.close();
  });

  it('keeps data across reopening and applies no migration twice', async () => {
    const first = await openDatabase(dir.file('a.db'));
    rawHandle(first).prepare("insert into settings (key, value) values ('k', '1')").run();
    await first.close();
    const second = await openDatabase(dir.file('a.db'));
    expect(
      rawHandle(second).prepare("select value from settings where key = 'k'").pluck().get(),
    ).toBe('1');
    expect(rawHandle(second).prepare('select count(*) from schema_migrations').pluck().get()).toBe(
      migrations.length,
    );
    await second.close();
  });

  it('refuses a database written by a newer app and leaves it untouched', async () => {
    const db = await openDatabase(dir.file('a.db'));
    rawHandle(db)
      .prepare("insert into schema_migrations (version, name, applied_at) values (99, 'future', 0)")
      .run();
    await db.close();
    await expect(openDatabase(dir.file('a.db'))).rejects.toThrow(
      /newer Contact Window \(schema 99/,
    );
  });

  it('says clearly that a corrupt file is not a database, and does not change it', async () => {
    const path = dir.file('corrupt.db');
    const junk = Buffer.from(
      'this is not an SQLite file, just a text a user saved by mistake\n'.repeat(100),
    );
    writeFileSync(path, junk);
    const error = await openDatabase(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toMatch(
      /Cannot open the database at .*corrupt\.db: file is not a database.*left untouched/,
    );
    expect(readFileSync(path).equals(junk)).toBe(true);
  });

  it('rolls a failing migration back whole', async () => {
    const db = await openDatabase(dir.file('a.db'));
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        up: async (k: any) => {
          await sql`create table half_done (x integer)`.execute(k);
          throw new Error('disk full');
        },
      },
    ];
    await expect(migrate(db, broken)).rejects.toThrow('disk full');
    const tables = rawHandle(db)
      .prepare("select name from sqlite_master where name = 'half_done'")
      .all();
    expect(tables).toHaveLength(0);
    expect(rawHandle(db).prepare('select max(version) from schema_migrations').pluck().get()).toBe(
      migrations.length,
    );
    await db.close();
  });
});
