import type { Worker } from 'node:worker_threads';
import type { EventName, Result } from '../../shared/contract';
import type { FromWorker, SecretOp, SecretReply, ToWorker } from '../core/coreWorkerProtocol';

/** Main-process side of the core worker: numbered calls out, results and pushed events back. */
export class CoreClient {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  readonly ready: Promise<void>;

  constructor(
    private readonly worker: Worker,
    onEvent: (name: EventName, payload: unknown) => void,
    onSecret: (op: SecretOp, value: string | undefined) => SecretReply = () => ({
      ok: false,
      error: 'no keychain in this process',
    }),
  ) {
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'fatal') reject(new Error(message.error));
        else if (message.type === 'event') onEvent(message.name, message.payload);
        else if (message.type === 'secret') {
          const reply = onSecret(message.op, message.value);
          worker.postMessage({ type: 'secret-reply', id: message.id, reply } satisfies ToWorker);
        } else if (message.type === 'result') {
          this.pending.get(message.id)?.(message.result);
          this.pending.delete(message.id);
        }
      });
      worker.on('error', reject);
      // A worker that dies must not leave the window waiting on calls that will never answer.
      worker.on('exit', (code) => {
        reject(new Error(`The core stopped (exit code ${code}).`));
        for (const answer of this.pending.values()) {
          answer({
            ok: false,
            error: `The core stopped (exit code ${code}); restart Contact Window.`,
          });
        }
        this.pending.clear();
      });
    });
  }

  call(method: string, input: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ type: 'call', id, method, input } satisfies ToWorker);
    });
  }

  close(): void {
    this.worker.postMessage({ type: 'close' } satisfies ToWorker);
  }
}
