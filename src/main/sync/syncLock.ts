// The lock is SQLite's own file lock on a file of its own, not the app's connection: no query
// runs on it (see acquireSyncLock).
import BetterSqlite3 from 'better-sqlite3';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * another thread of this one, is refused at once. Returns the release.
 */
export function acquireSyncLock(
  dbPath: string,
  refuse: (message: string) => Error,
  nativeBinding?: string,
): () => void {
  if (dbPath === ':memory:' || dbPath === '') return () => undefined;
  const lockPath = `${dbPath}${SYNC_LOCK_SUFFIXES[0]}`;
  const notePath = `${dbPath}${SYNC_LOCK_SUFFIXES[1]}`;
  // Readable by its owner only, like the database beside it.
  closeSync(openSync(lockPath, 'a', 0o600));
  // No busy wait: a sync already running is refused at once, not queued behind.
  const lock = new BetterSqlite3(lockPath, {
    timeout: 0,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    lock.exec('begin immediate');
  } catch (error) {
    lock.close();
    if (!isBusy(error))
      throw new Error(`Cannot take the sync lock ${lockPath}: ${(error as Error).message}`);
    const holder = readHolder(notePath);
    throw refuse(
      holder
        ? `Another sync of ${dbPath} is running (process ${holder.pid} on ${holder.host}, since ${holder.startedAt}); wait for it to finish.`
        : `Another sync of ${dbPath} is running; wait for it to finish.`,
    );
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
  return () => {
    if (readHolder(notePath)?.token === me.token) rmSync(notePath, { force: true });
    // Ending the transaction and closing the file is what lets the next sync in.
    lock.close();
  };
}
