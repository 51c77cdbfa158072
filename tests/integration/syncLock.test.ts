import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import {
  eachTestSyncEnv,
  localSnapshot,
  serverSnapshot,
  zohoSourceFor,
} from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { acquireSyncLock } from '../../src/main/sync/syncLock';
import type { Db } from '../../src/main/db/openDatabase';

const root = fileURLToPath(new URL('../../', import.meta.url));

let server: CrmTestServer;
let db: Db;
eachTestSyncEnv(
  'cw-lock-',
  () => buildOrganisation(5, { leads: 60, callsPerPerson: 1 }),
  (env) => ({ server, db } = env),
);

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Another process: with `lock`, one holding the database's sync lock (resolves once it does). */
async function otherProcess(lock: boolean): Promise<ChildProcess> {
  const args = lock
    ? ['--import', 'tsx', 'tests/fixtures/holdSyncLock.ts', db.path]
    : ['-e', 'process.stdout.write("held\\n"); setInterval(() => {}, 60000)'];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('held')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the other process ended (${code}): ${err}`)));
  });
  return child;
}

const killed = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('one sync per database file', () => {
  it('refuses a sync while another process holds the file, naming it, and takes the file once that process is killed', async () => {
    const holder = await otherProcess(true);
    const before = server.requests.length;
    await expect(runSync(db, zohoSourceFor(server))).rejects.toThrow(
      new RegExp(
        `^Another sync of ${db.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is running \\(process ${holder.pid} on ${hostname()}, since `,
      ),
    );
    expect(server.requests.length).toBe(before);

    // kill -9: nothing is cleaned up, and the note still names the dead process.
    await killed(holder);
    expect(JSON.parse(readFileSync(`${db.path}.sync-lock`, 'utf8'))).toMatchObject({
      pid: holder.pid,
    });
    expect(existsSync(`${db.path}-synclock`)).toBe(true);
    await runSync(db, zohoSourceFor(server));
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    expect(existsSync(`${db.path}.sync-lock`)).toBe(false);
    // The dead process's lock file was taken over, and goes with the sync's clean end.
    expect(existsSync(`${db.path}-synclock`)).toBe(false);
  });

  it('leaves no lock file beside the database once a sync ends, and the next sync runs', async () => {
    await runSync(db, zohoSourceFor(server));
    expect(existsSync(`${db.path}-synclock`)).toBe(false);
    expect(existsSync(`${db.path}.sync-lock`)).toBe(false);
    // A sync one module of which fails goes on with the others, and ends as cleanly.
    server.inject('server-error', { path: /\/crm\/v8\/Leads$/, times: 1000 });
    const partial = await runSync(db, zohoSourceFor(server));
    expect(partial.notes.join(' ')).toMatch(/Leads could not be read/);
    expect(existsSync(`${db.path}-synclock`)).toBe(false);
    server.clearFaults();
    // So does a sync stopped whole (here by its caller's listener, as a crash would stop it).
    await expect(
      runSync(db, zohoSourceFor(server), {
        onProgress: () => {
          throw new Error('stopped from outside');
        },
      }),
    ).rejects.toThrow(/stopped from outside/);
    expect(existsSync(`${db.path}-synclock`)).toBe(false);
    await runSync(db, zohoSourceFor(server));
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });

  it("never removes another running process's lock file, nor lets a third sync in", async () => {
    const release = acquireSyncLock(db.path, (m) => new Error(m));
    // The file goes from under this holder (someone cleaning up), and another process takes a
    // new one: this holder's end must leave that one alone.
    rmSync(`${db.path}-synclock`);
    const holder = await otherProcess(true);
    release();
    expect(existsSync(`${db.path}-synclock`)).toBe(true);
    expect(() => acquireSyncLock(db.path, (m) => new Error(m))).toThrow(
      `Another sync of ${db.path} is running (process ${holder.pid} on ${hostname()}`,
    );
    // Refused: its try removed nothing either.
    expect(existsSync(`${db.path}-synclock`)).toBe(true);
    await killed(holder);
    acquireSyncLock(db.path, (m) => new Error(m))();
    expect(existsSync(`${db.path}-synclock`)).toBe(false);
  });

  it('is not fooled when the pid of a holder that died now belongs to another running program', async () => {
    // A holder died long ago; the system has since given its pid to an unrelated program.
    const stranger = await otherProcess(false);
    writeFileSync(
      `${db.path}.sync-lock`,
      JSON.stringify({
        pid: stranger.pid,
        host: hostname(),
        startedAt: '2026-12-01T09:00:00.000Z',
      }),
    );
    await runSync(db, zohoSourceFor(server));
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    expect(stranger.exitCode).toBeNull();
  });

  it('refuses a second holder in the same process (another worker thread of the app)', () => {
    const release = acquireSyncLock(db.path, (m) => new Error(m));
    try {
      expect(() => acquireSyncLock(db.path, (m) => new Error(m))).toThrow(
        `Another sync of ${db.path} is running (process ${process.pid} on ${hostname()}`,
      );
    } finally {
      release();
    }
    // Released: the next one gets it.
    acquireSyncLock(db.path, (m) => new Error(m))();
    expect(existsSync(`${db.path}-synclock`)).toBe(false);
  });
});
