import BetterSqlite3 from 'better-sqlite3';
import { searchFold } from '../../shared/searchFold';
import { searchNameOrders } from '../../shared/nameSearch';
import { accessSync, closeSync, constants, existsSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { attachRawHandle } from './bulkHandle';
import {
  damagedDatabaseMessage,
  isDamagedDatabaseError,
  openFailureMessage,
} from './databaseErrors';
import { makePrivateFolderFor } from './privateFolder';
import type { Database } from './schema';
import { migrations, type Migration } from './migrations/index';

export interface Db {
  /**
   * Typed query builder. App code builds queries with it and runs them synchronously through
   * db/sqlRun.ts; only migrations execute (and open transactions) through Kysely itself.
   */
  kysely: Kysely<Database>;
  path: string;
  close(): Promise<void>;
}

export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

export interface OpenOptions {
  readonly?: boolean;
  /** Path of a better-sqlite3 native binding built for another runtime (Electron). */
  nativeBinding?: string;
  /**
   * Hears an update of an existing file to this version's layout: before each pending step and
   * after the last (one step, migration 24, takes 15 s on 2 million activities). A new file's
   * layout is written without a word: creating it takes no time worth showing.
   */
  onUpdate?: (progress: MigrationProgress) => void;
}

/** Steps of an update done so far, of those the file needed (known before the first runs). */
export interface MigrationProgress {
  done: number;
  total: number;
}

/**
 * A new database file is created readable by its owner only (0600, in a 0700 folder when the
 * folder is new): it holds the CRM's people and notes. SQLite gives its -wal and -shm files the
 * main file's permissions.
 */
function createPrivately(path: string): void {
  if (path === ':memory:' || path === '' || existsSync(path)) return;
  makePrivateFolderFor(path);
  closeSync(openSync(path, 'a', 0o600));
}

/**
 * The tables of a database another program wrote (tables, and no schema_migrations), or null
 * for a Contact Window database or an empty one. Only reads: the file stays as it was.
 */
function foreignTables(raw: BetterSqlite3.Database): string[] | null {
  const names = raw
    .prepare(
      "select name from sqlite_master where type in ('table', 'view') and name not like 'sqlite\\_%' escape '\\' order by name",
    )
    .pluck()
    .all() as string[];
  if (names.length === 0 || names.includes('schema_migrations')) return null;
  return names;
}

function listed(names: string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown}…` : shown;
}

export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Db> {
  let raw: BetterSqlite3.Database | undefined;
  // SQLite says only "unable to open database file", and the advice below would be wrong.
  if (existsSync(path) && statSync(path).isDirectory())
    throw new DatabaseOpenError(
      `${path} is a folder, not a database file: give the path of a file (for example ${join(path, 'contact-window.db')}).`,
    );
  try {
    if (!options.readonly) {
      createPrivately(path);
      // SQLite opens a file it may not write read-only without a word, and the first write
      // fails later with "attempt to write a readonly database", in the middle of a sync.
      if (path !== ':memory:' && path !== '') accessSync(path, constants.W_OK);
    }
    raw = new BetterSqlite3(path, {
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    raw.pragma('busy_timeout = 5000');
    // SQLite opens lazily: the first statement is what notices a file that is not a database.
    // It reads before anything writes: another program's database must not be switched to WAL
    // nor given our tables.
    const foreign = foreignTables(raw);
    if (foreign)
      throw new DatabaseOpenError(
        `${path} is an SQLite database of another program (tables: ${listed(foreign)}): Contact Window did not open it. ` +
          'Give a new file name or one written by Contact Window.',
      );
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('synchronous = NORMAL');
    // The default 2 MB page cache thrashes on a 50,000-person organisation; 64 MB and a memory map do not.
    raw.pragma('cache_size = -65536');
    raw.pragma('mmap_size = 268435456');
    // A write that fires triggers (a person's search text, the sync's touched people) keeps a
    // statement journal; past 64 KB SQLite spills it to a temporary file, and then every row of
    // the transaction goes through write calls: about 14 a stored person, a sixth of a first
    // sync's CPU time. Before any temporary table exists: changing it later drops them all.
    raw.pragma('temp_store = MEMORY');
    registerSearchFunctions(raw);
    raw.prepare('select count(*) from sqlite_master').get();
  } catch (error) {
    raw?.close();
    if (error instanceof DatabaseOpenError) throw error;
    throw new DatabaseOpenError(openFailureMessage(path, error), { cause: error });
  }
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  // The raw connection is not part of Db: repos run through sqlRun, and the few bulk paths ask
  // db/bulkHandle.ts for it.
  const db: Db = {
    kysely,
    path,
    close: async () => {
      await kysely.destroy();
    },
  };
  attachRawHandle(db, raw);
  try {
    // A new file (at version 0) gets its layout in a moment: that is no update to announce.
    await migrate(db, migrations, (progress, from) => {
      if (from > 0) options.onUpdate?.(progress);
    });
  } catch (error) {
    await db.close();
    if (error instanceof DatabaseOpenError) throw error;
    // Each migration commits alone: the failing one was rolled back, the ones before it stay.
    throw new DatabaseOpenError(
      isDamagedDatabaseError(error)
        ? damagedDatabaseMessage(path, error)
        : `Cannot update the database at ${path} to this version of Contact Window's layout: ${(error as Error).message}. ` +
            'The failed step was rolled back; nothing stored was lost.',
      { cause: error },
    );
  }
  return db;
}

/**
 * Brings the database to the last of `list`, one committed step per migration: a step cut short
 * (the app quit or killed) is rolled back by SQLite and runs again at the next open, the steps
 * before it stay. `onStep` hears, with the version the file was at, each pending step before it
 * starts (`done` of `total`) and the end (`done === total`); nothing when nothing is pending.
 */
export async function migrate(
  db: Pick<Db, 'kysely' | 'path'>,
  list: readonly Migration[],
  onStep?: (progress: MigrationProgress, from: number) => void,
): Promise<number> {
  const ordered = [...list].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  await sql`create table if not exists schema_migrations (version integer primary key, name text not null, applied_at integer not null)`.execute(
    db.kysely,
  );
  const row = await sql<{
    v: number | null;
  }>`select max(version) as v from schema_migrations`.execute(db.kysely);
  const current = row.rows[0]?.v ?? 0;
  const latest = ordered.length;
  if (current > latest) {
    throw new DatabaseOpenError(
      `The database at ${db.path} was written by a newer Contact Window (schema ${current}, this app knows ${latest}). ` +
        'Update the app; the file was left untouched.',
    );
  }
  const applied = await sql<{
    version: number;
    name: string;
  }>`select version, name from schema_migrations order by version`.execute(db.kysely);
  const foreignStep = unknownStep(applied.rows, ordered, current);
  if (foreignStep)
    // A build from another branch numbers its steps its own way: running ours after its would
    // leave a layout neither build knows, so nothing is run.
    throw new DatabaseOpenError(
      `The database at ${db.path} was written by a build of Contact Window this version does not know (${foreignStep}). ` +
        'The file was left untouched: open it with the build that wrote it, or move it aside and start a fresh one (a CRM copy is then synced again).',
    );
  const pending = ordered.filter((x) => x.version > current);
  for (const [done, m] of pending.entries()) {
    onStep?.({ done, total: pending.length }, current);
    // Kysely does not wrap SQLite migrations in a transaction; a half-applied schema must not survive.
    await db.kysely.transaction().execute(async (trx) => {
      await m.up(trx);
      await sql`insert into schema_migrations (version, name, applied_at) values (${m.version}, ${m.name}, ${Date.now()})`.execute(
        trx,
      );
    });
  }
  if (pending.length > 0) onStep?.({ done: pending.length, total: pending.length }, current);
  return latest - current;
}

/**
 * Why the steps a file records are not this app's own up to `current`, or null when they are:
 * a step named differently, or one missing below the last.
 */
function unknownStep(
  applied: readonly { version: number; name: string }[],
  ordered: readonly Migration[],
  current: number,
): string | null {
  const byVersion = new Map(applied.map((r) => [r.version, r.name]));
  for (const m of ordered) {
    if (m.version > current) break;
    const name = byVersion.get(m.version);
    if (name === undefined) return `its layout lacks step ${m.version}, '${m.name}'`;
    if (name !== m.name)
      return `its layout step ${m.version} is '${name}', this version's is '${m.name}'`;
  }
  return null;
}

/**
 * The SQL functions people's search text is written with (migrations 14 and 27, and their
 * triggers): every connection that writes people needs them.
 */
export function registerSearchFunctions(raw: BetterSqlite3.Database): void {
  // People search compares names as typed without accents ("muller" finds Müller): SQLite's
  // LIKE folds ASCII letters only.
  raw.function('search_fold', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? searchFold(text) : text,
  );
  // A Japanese name is searched for in either order, with or without the space.
  raw.function('search_name_orders', { deterministic: true }, (first: unknown, last: unknown) =>
    searchNameOrders(
      typeof first === 'string' ? first : null,
      typeof last === 'string' ? last : '',
    ),
  );
}
