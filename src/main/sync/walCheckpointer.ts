import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
// Raw: WAL pragmas and the database file's name belong to the connection, not to any table.
import { rawHandle } from '../db/bulkHandle';
import type { Db } from '../db/openDatabase';

interface CheckpointResult {
  /** Frames in the WAL when the checkpoint ran. */
  log: number;
  /** Frames copied into the database file. */
  checkpointed: number;
}

type Reply = { ready: true } | ({ ok: true } & CheckpointResult) | { ok: false; error: string };

// Runs in the worker: a second connection that only checkpoints. CommonJS source, evaluated, so
// it needs no file of its own in the bundles (app, CLI, benchmark).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 1000');
parentPort.on('message', (m) => {
  if (m === 'stop') { db.close(); parentPort.close(); return; }
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: String(e && e.message || e) });
  }
});
parentPort.postMessage({ ready: true });
`;

// Past this many frames (4 KB each) the sync pauses once so a checkpoint can catch up
// completely: only a fully copied WAL starts over from its beginning instead of growing.
const WAL_LIMIT_FRAMES = 4000;
const START_TIMEOUT_MS = 5000;
// A worker costs tens of milliseconds to start: worth it for a first sync, not for the
// one-minute visits sync that stores a page or two.
const START_AFTER_COMMITS = 8;

/**
 * Moves SQLite's WAL checkpoints off the sync's thread while a sync writes. A checkpoint copies
 * the WAL into the database file and waits for the disk twice; on the writing connection it
 * blocked the event loop for tens of milliseconds every few pages and took a third of a first
 * sync's time. Here a second connection in a worker runs them while the next page is fetched
 * and stored. If the worker cannot start (no native module for it), the connection keeps
 * checkpointing itself, as before: slower, never wrong.
 */
class WalCheckpointer {
  private inFlight: Promise<CheckpointResult | null> | null = null;
  private walFrames = 0;
  private walLimit = WAL_LIMIT_FRAMES;
  private handedBack = false;

  private constructor(
    private readonly db: Db,
    private readonly worker: Worker,
    private readonly restoreAutoCheckpoint: number,
  ) {
    worker.on('error', () => this.handBack());
    worker.on('exit', () => this.handBack());
  }

  /** Null when the database is not a WAL file (in memory, read-only) or the worker fails to start. */
  static async start(db: Db, nativeBinding?: string): Promise<WalCheckpointer | null> {
    if (rawHandle(db).memory || rawHandle(db).readonly) return null;
    if (rawHandle(db).pragma('journal_mode', { simple: true }) !== 'wal') return null;
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          module: createRequire(import.meta.url).resolve('better-sqlite3'),
          path: rawHandle(db).name,
          nativeBinding,
        },
      });
    } catch {
      return null;
    }
    // A worker must never keep a CLI or a test process alive.
    worker.unref();
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), START_TIMEOUT_MS);
      worker.once('message', (m: Reply) => {
        clearTimeout(timer);
        resolve('ready' in m);
      });
      worker.once('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (!ready) {
      await worker.terminate();
      return null;
    }
    const previous = Number(rawHandle(db).pragma('wal_autocheckpoint', { simple: true }));
    rawHandle(db).pragma('wal_autocheckpoint = 0');
    return new WalCheckpointer(db, worker, previous);
  }

  /** From now on the connection checkpoints itself again. */
  private handBack(): void {
    if (this.handedBack) return;
    this.handedBack = true;
    rawHandle(this.db).pragma(`wal_autocheckpoint = ${this.restoreAutoCheckpoint}`);
  }

  private checkpoint(): Promise<CheckpointResult | null> {
    if (this.handedBack) return Promise.resolve(null);
    return new Promise((resolve) => {
      const onExit = (): void => resolve(null);
      this.worker.once('exit', onExit);
      this.worker.once('message', (m: Reply) => {
        this.worker.off('exit', onExit);
        if ('ok' in m && m.ok) {
          this.walFrames = m.log;
          resolve(m);
        } else {
          this.handBack();
          resolve(null);
        }
      });
      this.worker.postMessage('checkpoint');
    });
  }

  /** Set while every write waits for a complete checkpoint. */
  draining: Promise<void> | null = null;

  /** Call after each committed page (outside any transaction). */
  async afterCommit(): Promise<void> {
    if (this.handedBack) return;
    if (this.draining) return this.draining;
    if (this.walFrames > this.walLimit) {
      // No write until a checkpoint has copied everything: the next write then restarts the WAL.
      // Pages read side by side wait for it too (the gate before their transactions).
      this.draining = this.drain().finally(() => {
        this.draining = null;
      });
      return this.draining;
    }
    if (this.inFlight) return;
    this.inFlight = this.checkpoint().finally(() => {
      this.inFlight = null;
    });
  }

  private async drain(): Promise<void> {
    await this.inFlight;
    this.inFlight = null;
    const done = await this.checkpoint();
    // A reader on another connection can hold frames back; then pausing again at once would
    // only slow the sync: let the WAL grow further first, as SQLite itself would.
    this.walLimit = done && done.checkpointed < done.log ? this.walLimit * 2 : WAL_LIMIT_FRAMES;
    this.walFrames = 0;
  }

  /** Copies what is left and hands checkpointing back to the connection. */
  async stop(): Promise<void> {
    if (!this.handedBack) {
      await this.inFlight;
      await this.checkpoint();
      this.handBack();
    }
    const exited = new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate().then(() => resolve()), 2000);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    // Closing its port lets the worker close its connection and end by itself.
    this.worker.postMessage('stop');
    await exited;
  }
}

/**
 * The sync's checkpoints: the connection's own until a sync has committed a few pages, then a
 * worker's (see WalCheckpointer).
 */
export class SyncCheckpoints {
  private commits = 0;
  private worker: WalCheckpointer | null = null;
  private starting: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly nativeBinding?: string,
  ) {}

  /** Call after each committed page (outside any transaction). */
  async afterCommit(): Promise<void> {
    if (++this.commits === START_AFTER_COMMITS)
      // Not awaited: pages go on being stored while the worker starts.
      this.starting = WalCheckpointer.start(this.db, this.nativeBinding).then((w) => {
        this.worker = w;
      });
    await this.worker?.afterCommit();
  }

  /** Resolves when a page may be written: at once, unless a complete checkpoint is running. */
  gate(): Promise<void> {
    return this.worker?.draining ?? Promise.resolve();
  }

  /** Whether the worker took over (false: not started yet, or could not start). */
  async workerRunning(): Promise<boolean> {
    await this.starting;
    return this.worker !== null;
  }

  async stop(): Promise<void> {
    await this.starting;
    await this.worker?.stop();
    this.worker = null;
  }
}
