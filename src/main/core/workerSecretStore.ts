import type { MessagePort } from 'node:worker_threads';
import type { SecretStore } from '../secrets/secretStore';
import type { FromWorker, SecretOp, SecretReply, ToWorker } from './coreWorkerProtocol';

/** The core worker's secret store: each operation is a round trip to the main process's vault. */
export class WorkerSecretStore implements SecretStore {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: SecretReply) => void>();

  constructor(private readonly port: MessagePort) {
    port.on('message', (message: ToWorker) => {
      if (message.type !== 'secret-reply') return;
      this.pending.get(message.id)?.(message.reply);
      this.pending.delete(message.id);
    });
  }

  private async ask(op: SecretOp, value?: string): Promise<SecretReply & { ok: true }> {
    const id = this.nextId++;
    const reply = await new Promise<SecretReply>((resolve) => {
      this.pending.set(id, resolve);
      this.port.postMessage({
        type: 'secret',
        id,
        op,
        ...(value === undefined ? {} : { value }),
      } satisfies FromWorker);
    });
    if (!reply.ok) throw new Error(reply.error);
    return reply;
  }

  async read(): Promise<string | null> {
    return (await this.ask('read')).value ?? null;
  }

  async write(value: string): Promise<{ persistent: boolean }> {
    return { persistent: (await this.ask('write', value)).persistent ?? false };
  }

  async clear(): Promise<void> {
    await this.ask('clear');
  }

  async persistent(): Promise<boolean> {
    return (await this.ask('persistent')).persistent ?? false;
  }
}
