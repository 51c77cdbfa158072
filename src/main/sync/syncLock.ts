// The lock is SQLite's own file lock on a file of its own, not the app's connection: no query
// runs on it (see acquireSyncLock).
import BetterSqlite3 from 'better-sqlite3';
import {
  closeSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  type BigIntStats,
} from 'node:fs';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Who holds a database's sync lock, as written beside it for the refusal's message. */
interface Holder {
  pid: number;
  host: string;
  startedAt: string;
  /** This holding's own id, so a release never removes a later holder's note. */
  token: string;
}

/** The files a database's sync lock uses beside it (the app deletes them with the database). */
const SYNC_LOCK_SUFFIXES = ['-synclock', '.sync-lock'] as const;

/** Removes a database file with its journal and sync-lock files (its connection closed). */
export function removeDatabaseFiles(dbPath: string): void {
  for (const suffix of ['', '-wal', '-shm', ...SYNC_LOCK_SUFFIXES])
    rmSync(`${dbPath}${suffix}`, { force: true });
}

function readHolder(path: string): Holder | null {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return typeof h.pid === 'number' && typeof h.host === 'string'
      ? { pid: h.pid, host: h.host, startedAt: String(h.startedAt ?? ''), token: String(h.token) }
      : null;
  } catch {
    return null;
  }
}

/** The file a path names now (device and inode), or null when there is none. */
function fileAt(path: string): BigIntStats | null {
  try {
    return statSync(path, { bigint: true });
  } catch {
    return null;
  }
}

const sameFile = (a: BigIntStats | null, b: BigIntStats | null): boolean =>
  a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;

/** Creates the empty lock file unless it is there; never opens (nor so closes) one that is. */
function createLockFile(lockPath: string): void {
  try {
    // Readable by its owner only, like the database beside it.
    closeSync(openSync(lockPath, 'wx', 0o600));
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  }
}

function removeQuietly(path: string): boolean {
  try {
    rmSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Tries before giving up when each lock taken was on a file its holder had just removed. */
const LOCK_TRIES = 10;

const isBusy = (error: unknown): boolean =>
  /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown }).code ?? ''));

/**
 * One sync per database file across processes (two copies of the app, the app and the command
 * line): two would download everything twice and spend the organisation's API credits twice.
 *
 * The lock is a write transaction held open on `<db>-synclock`, an empty SQLite file: SQLite
 * locks it with the operating system's file locks (fcntl, LockFileEx), which the system drops
 * when the holding process ends, however it ends (kill -9, a crash, a power cut). So a dead
 * holder never blocks the next sync, and an unrelated process that was given a dead holder's
 * pid is never mistaken for it, as a lock judged by its pid was. Who holds it is noted in
 * `<db>.sync-lock` for the refusal's message only. A second sync, from another process or
 * another thread of this one, is refused at once. Returns the release, which removes both files
 * (a process killed leaves them: the next sync takes the lock file over as it finds it).
 */
export function acquireSyncLock(
  dbPath: string,
  refuse: (message: string) => Error,
  nativeBinding?: string,
): () => void {
  if (dbPath === ':memory:' || dbPath === '') return () => undefined;
  const lockPath = `${dbPath}${SYNC_LOCK_SUFFIXES[0]}`;
  const notePath = `${dbPath}${SYNC_LOCK_SUFFIXES[1]}`;
  let lock: BetterSqlite3.Database | null = null;
  let mine: BigIntStats | null = null;
  for (let tries = 0; lock === null; tries++) {
    if (tries === LOCK_TRIES)
      throw new Error(
        `Cannot take the sync lock ${lockPath}: it was removed each time it was taken`,
      );
    createLockFile(lockPath);
    const before = fileAt(lockPath);
    // No busy wait: a sync already running is refused at once, not queued behind.
    const taken = new BetterSqlite3(lockPath, {
      timeout: 0,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    try {
      taken.exec('begin immediate');
    } catch (error) {
      taken.close();
      if (!isBusy(error))
        throw new Error(`Cannot take the sync lock ${lockPath}: ${(error as Error).message}`);
      const holder = readHolder(notePath);
      throw refuse(
        holder
          ? `Another sync of ${dbPath} is running (process ${holder.pid} on ${holder.host}, since ${holder.startedAt}); wait for it to finish.`
          : `Another sync of ${dbPath} is running; wait for it to finish.`,
      );
    }
    // A holder that ends removes its file (see the release): a lock taken on the file it removed,
    // opened just before, holds nothing the next sync would meet. The path named the same file
    // before the open and after the lock, so it named it throughout (a removed file never comes
    // back under its name): the lock is on the file every sync opens.
    const after = fileAt(lockPath);
    if (sameFile(before, after)) {
      lock = taken;
      mine = after;
    } else taken.close();
  }
  const me: Holder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    token: randomUUID(),
  };
  try {
    writeFileSync(notePath, JSON.stringify(me), { mode: 0o600 });
  } catch {
    // Only the message of a refused sync would miss it.
  }
  const held = lock;
  return () => {
    if (readHolder(notePath)?.token === me.token) rmSync(notePath, { force: true });
    // A clean end leaves no lock file behind: removed while still held, and only if the path
    // still names the file this lock is on (never a later holder's). A sync that opened it just
    // before sees it gone once it has the lock, and takes a new one. Windows will not remove a
    // file that is open: there it goes after the close, unless someone has opened it since.
    const removed = sameFile(fileAt(lockPath), mine) && removeQuietly(lockPath);
    // Ending the transaction and closing the file is what lets the next sync in.
    held.close();
    if (!removed && process.platform === 'win32' && sameFile(fileAt(lockPath), mine))
      removeQuietly(lockPath);
  };
}
