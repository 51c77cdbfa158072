import type { EventName, Result } from '../../shared/contract';

export interface CoreWorkerData {
  /** The demo organisation's database; the CRM's data set lives beside it (workspacePaths). */
  dbPath: string;
  nativeBinding?: string;
}

export type SecretOp = 'read' | 'write' | 'clear' | 'persistent';
export type SecretReply =
  { ok: true; value?: string | null; persistent?: boolean } | { ok: false; error: string };

export type ToWorker =
  | { type: 'call'; id: number; method: string; input: unknown }
  | { type: 'secret-reply'; id: number; reply: SecretReply }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'fatal'; error: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: EventName; payload: unknown }
  /** The worker cannot reach safeStorage: it asks the main process to encrypt or decrypt. */
  | { type: 'secret'; id: number; op: SecretOp; value?: string };
