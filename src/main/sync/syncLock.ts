import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/** Who holds a database's sync lock. */
interface Holder {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(holder: Holder): boolean {
  // A lock from another computer (a shared folder) cannot be checked: it counts as held.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): Holder | null {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return typeof h.pid === 'number' && typeof h.host === 'string'
      ? { pid: h.pid, host: h.host, startedAt: String(h.startedAt ?? '') }
      : null;
  } catch {
    return null;
  }
}

/**
 * One sync per database file across processes (two copies of the app, the app and the command
 * line): two would download everything twice and spend the organisation's API credits twice.
 * A lock left by a process that died (kill -9, a crash) is taken over. Returns the release.
 */
export function acquireSyncLock(dbPath: string, refuse: (message: string) => Error): () => void {
  if (dbPath === ':memory:' || dbPath === '') return () => undefined;
  const path = `${dbPath}.sync-lock`;
  const me: Holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder && alive(holder))
        throw refuse(
          `Another sync of ${dbPath} is running (process ${holder.pid} on ${holder.host}, since ${holder.startedAt}); wait for it to finish.`,
        );
      rmSync(path, { force: true });
      continue;
    }
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
    return () => {
      const holder = readHolder(path);
      if (holder?.pid === me.pid && holder.host === me.host) rmSync(path, { force: true });
    };
  }
  throw refuse(`Cannot take the sync lock ${path}; remove it if no sync is running.`);
}
