import type { Worker } from 'node:worker_threads';
import type { EventName, Result } from '../../shared/contract';
import type { FromWorker, SecretOp, SecretReply, ToWorker } from '../core/coreWorkerProtocol';

/** A call slower than this is logged: the window waits on every one. */
const SLOW_CALL_MS = 40;
/** A core that keeps dying is not restarted for ever: after this many in a minute, it stays down. */
const MAX_RESTARTS_PER_MINUTE = 3;
/** How long quitting waits for the core to finish the page it is writing. */
const CLOSE_TIMEOUT_MS = 15_000;

export interface CoreClientOptions {
  onEvent: (name: EventName, payload: unknown) => void;
  onSecret?: (op: SecretOp, value: string | undefined) => SecretReply;
  log?: (message: string) => void;
  /** Milliseconds, only ever subtracted: restarts counted per minute (Date.now when not given). */
  now?: () => number;
  /** Milliseconds, only ever subtracted: how long a call took (performance.now when not given). */
  callClock?: () => number;
  /** Waits before a restart (a core that dies at once must not spin). */
  restartDelayMs?: number;
}

/**
 * Main-process side of the core worker: numbered calls out, results and pushed events back.
 * A worker that dies fails its pending calls and every new one at once, and is started again;
 * the window hears `data-changed` for everything once the new one is ready.
 */
export class CoreClient {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private worker: Worker | null = null;
  private down: string | null = null;
  private closing: Promise<void> | null = null;
  private readonly restarts: number[] = [];
  private fatal: string | null = null;
  /** The first start: resolves when the core has opened its database, rejects if it cannot. */
  readonly ready: Promise<void>;

  constructor(
    private readonly spawn: () => Worker,
    private readonly options: CoreClientOptions,
  ) {
    this.ready = this.start(false);
  }

  private start(restarted: boolean): Promise<void> {
    const worker = this.spawn();
    this.worker = worker;
    const { onEvent, onSecret } = this.options;
    // What the core pushes while it opens (alerts that fell due meanwhile) waits for 'ready',
    // but for the progress of an update of its database.
    const early: { name: EventName; payload: unknown }[] = [];
    let open = false;
    return new Promise((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          this.down = null;
          open = true;
          // A window reloads everything after a restart, dropping the toasts it showed: it
          // hears that first, then what the new core delivered as it opened.
          if (restarted) onEvent('data-changed', { entities: ['all'] });
          for (const event of early.splice(0)) onEvent(event.name, event.payload);
          resolve();
        } else if (message.type === 'fatal') {
          // It cannot open its database (disk full, file locked): restarting would not help.
          this.fatal = message.error;
          reject(new Error(message.error));
          void worker.terminate();
        } else if (message.type === 'event') {
          // An update of the database's layout is what the window says while it waits for the
          // core: it goes out at once, not after 'ready'.
          if (open || message.name === 'database-update') onEvent(message.name, message.payload);
          else early.push(message);
        } else if (message.type === 'secret') {
          const reply = onSecret?.(message.op, message.value) ?? {
            ok: false,
            error: 'no keychain in this process',
          };
          worker.postMessage({ type: 'secret-reply', id: message.id, reply } satisfies ToWorker);
        } else if (message.type === 'result') {
          this.pending.get(message.id)?.(message.result);
          this.pending.delete(message.id);
        }
      });
      worker.on('error', (error) => {
        this.options.log?.(`Core error: ${error.message}`);
        reject(error);
      });
      // A worker that dies must not leave the window waiting on calls that will never answer.
      worker.on('exit', (code) => {
        reject(new Error(`The core stopped (exit code ${code}).`));
        if (this.worker === worker) this.worker = null;
        if (this.closing) {
          this.failPending('Contact Window is closing.');
          return;
        }
        const again = this.fatal === null && this.canRestart();
        this.down =
          this.fatal !== null
            ? `The core cannot open its data: ${this.fatal} Restart Contact Window.`
            : again
              ? `The core stopped (exit code ${code}) and is being restarted; try again in a moment.`
              : `The core stopped (exit code ${code}) again; restart Contact Window.`;
        this.failPending(this.down);
        if (again) this.restart();
      });
    });
  }

  private canRestart(): boolean {
    const now = (this.options.now ?? Date.now)();
    while (this.restarts.length && now - (this.restarts[0] ?? 0) > 60_000) this.restarts.shift();
    return this.restarts.length < MAX_RESTARTS_PER_MINUTE;
  }

  private restart(): void {
    this.restarts.push((this.options.now ?? Date.now)());
    setTimeout(() => {
      if (this.closing) return;
      this.start(true).catch((error: unknown) =>
        this.options.log?.(`Core restart failed: ${String(error)}`),
      );
    }, this.options.restartDelayMs ?? 500);
  }

  private failPending(error: string): void {
    for (const answer of this.pending.values()) answer({ ok: false, error });
    this.pending.clear();
  }

  call(method: string, input: unknown): Promise<Result<unknown>> {
    const worker = this.worker;
    if (this.closing) return Promise.resolve({ ok: false, error: 'Contact Window is closing.' });
    if (!worker || this.down)
      return Promise.resolve({
        ok: false,
        error: this.down ?? 'The core is starting again; try again in a moment.',
      });
    const id = this.nextId++;
    const clock = this.options.callClock ?? (() => performance.now());
    const started = clock();
    return new Promise((resolve) => {
      this.pending.set(id, (result) => {
        const ms = clock() - started;
        if (ms > SLOW_CALL_MS)
          this.options.log?.(`Slow core call: ${method} took ${Math.round(ms)} ms`);
        resolve(result);
      });
      worker.postMessage({ type: 'call', id, method, input } satisfies ToWorker);
    });
  }

  /** Asks the core to finish (a sync ends its page) and waits for it, but not for ever. */
  close(timeoutMs = CLOSE_TIMEOUT_MS): Promise<void> {
    if (this.closing) return this.closing;
    const worker = this.worker;
    this.closing = new Promise<void>((resolve) => {
      if (!worker) return resolve();
      const timer = setTimeout(() => {
        this.options.log?.(`The core did not stop within ${timeoutMs} ms; stopping it.`);
        void worker.terminate();
      }, timeoutMs);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage({ type: 'close' } satisfies ToWorker);
    });
    return this.closing;
  }
}
