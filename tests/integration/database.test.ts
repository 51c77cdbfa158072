import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, DatabaseOpenError } from '../../src/main/db/openDatabase';
import { migrations } from '../../src/main/db/migrations/index';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { databaseBefore } from '../fixtures/databaseBefore';

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

  it("refuses a database whose steps another build numbered its own way, and runs none of this version's over them", async () => {
    // A branch build recorded steps 8 and 9 as placeholders and went on from there: running this
    // version's 11 onwards would leave a layout missing its own 8 and 9.
    const before = await databaseBefore(dir.file('branch.db'), 'alerts');
    before.raw
      .prepare(
        "update schema_migrations set name = 'placeholder_' || version where version in (8, 9)",
      )
      .run();
    before.raw.prepare("insert into settings (key, value) values ('k', 'kept')").run();
    before.raw
      .prepare(
        "insert into schema_migrations (version, name, applied_at) values (10, 'branch_alerts', 0)",
      )
      .run();
    await before.done();
    const error = await openDatabase(dir.file('branch.db')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toMatch(
      /branch\.db was written by a build of Contact Window this version does not know \(its layout step 8 is 'placeholder_8', this version's is 'call_outcome'\)\. The file was left untouched/,
    );
    const raw = new BetterSqlite3(dir.file('branch.db'));
    expect(raw.prepare('select max(version) from schema_migrations').pluck().get()).toBe(10);
    expect(raw.prepare("select value from settings where key = 'k'").pluck().get()).toBe('kept');
    raw.close();
  });

  it('refuses a database missing a step below its last', async () => {
    const before = await databaseBefore(dir.file('gap.db'), 'alerts');
    before.raw.prepare('delete from schema_migrations where version = 5').run();
    await before.done();
    await expect(openDatabase(dir.file('gap.db'))).rejects.toThrow(
      /its layout lacks step 5, 'delete_indexes'\)\. The file was left untouched/,
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

  it("refuses another program's database and leaves it byte for byte as it was", async () => {
    const path = dir.file('notes-app.db');
    const other = new BetterSqlite3(path);
    // "users" is also one of ours: before, the user saw only 'table "users" already exists'.
    other.exec(
      "create table users (id integer primary key, login text); insert into users (login) values ('ann');" +
        'create table notes (id integer primary key, body text); create table tags (name text);' +
        'create view note_count as select count(*) from notes;',
    );
    other.close();
    const before = readFileSync(path);
    const error = await openDatabase(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toBe(
      `${path} is an SQLite database of another program (tables: note_count, notes, tags, users): ` +
        'Contact Window did not open it. Give a new file name or one written by Contact Window.',
    );
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    const again = new BetterSqlite3(path, { readonly: true });
    expect(again.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(again.prepare('select login from users').pluck().all()).toEqual(['ann']);
    again.close();
  });

  it('makes a new database of an empty SQLite file or a zero-byte file', async () => {
    const emptied = dir.file('emptied.db');
    const other = new BetterSqlite3(emptied);
    other.exec('create table t (x); drop table t;');
    other.close();
    expect(statSync(emptied).size).toBeGreaterThan(0);
    writeFileSync(dir.file('zero.db'), '');
    for (const path of [emptied, dir.file('zero.db')]) {
      const db = await openDatabase(path);
      expect(rawHandle(db).prepare('select count(*) from schema_migrations').pluck().get()).toBe(
        migrations.length,
      );
      await db.close();
    }
  });

  // A healthy file that cannot be written is not one to move aside or replace with a backup.
  it.skipIf(process.getuid?.() === 0)(
    'says a database in a read-only folder cannot be written there, not that it is damaged (skipped as root: root writes through chmod)',
    async () => {
      const folder = dir.file('locked');
      mkdirSync(folder);
      const path = dir.file('locked/a.db');
      await (await openDatabase(path)).close();
      const before = readFileSync(path);
      chmodSync(folder, 0o555);
      try {
        const error = await openDatabase(path).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DatabaseOpenError);
        expect((error as Error).message).toContain(
          `The database at ${path} cannot be opened or written here (a read-only file or folder, or a drive out of reach)`,
        );
        expect((error as Error).message).toContain(
          'check its permissions; the file was left untouched',
        );
        expect((error as Error).message).not.toContain('move it aside');
      } finally {
        chmodSync(folder, 0o700);
      }
      expect(readFileSync(path).equals(before)).toBe(true);
    },
  );

  it.skipIf(process.getuid?.() === 0)(
    'refuses at open a database file that cannot be written, in a folder that can (skipped as root)',
    async () => {
      const path = dir.file('read-only-file.db');
      await (await openDatabase(path)).close();
      const before = readFileSync(path);
      chmodSync(path, 0o400);
      try {
        const error = await openDatabase(path).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DatabaseOpenError);
        expect((error as Error).message).toContain(
          `The database at ${path} cannot be opened or written here (a read-only file or folder`,
        );
      } finally {
        chmodSync(path, 0o600);
      }
      expect(readFileSync(path).equals(before)).toBe(true);
    },
  );

  it('says a database that cannot be written is not damaged, even as root', async () => {
    // Opened read-only, switching a rollback-journal file to WAL fails as the read-only folder
    // does: "attempt to write a readonly database".
    const path = dir.file('rollback.db');
    await (await openDatabase(path)).close();
    const raw = new BetterSqlite3(path);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = readFileSync(path);
    const error = await openDatabase(path, { readonly: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toBe(
      `The database at ${path} cannot be opened or written here (a read-only file or folder, or a drive out of reach) (attempt to write a readonly database): ` +
        'check its permissions; the file was left untouched.',
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('says a path inside a file cannot hold a database, not that something is damaged', async () => {
    writeFileSync(dir.file('plain.txt'), 'a file, not a folder');
    const path = dir.file('plain.txt/a.db');
    const error = await openDatabase(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toContain(
      `Cannot create the database at ${path}: a part of its folder path is a file, not a folder`,
    );
    expect((error as Error).message).not.toContain('move it aside');
    expect(readFileSync(dir.file('plain.txt'), 'utf8')).toBe('a file, not a folder');
  });
});
