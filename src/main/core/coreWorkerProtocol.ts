import type { EventName, Result } from '../../shared/contract';

export interface CoreWorkerData {
  dbPath: string;
  nativeBinding?: string;
}

export type ToWorker =
  { type: 'call'; id: number; method: string; input: unknown } | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'fatal'; error: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: EventName; payload: unknown };
