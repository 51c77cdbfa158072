import type { Db } from '../db/openDatabase';
import { readState, writeState } from './syncState';

/** A person whose emails could not be read, waiting to be asked again. */
export interface EmailsRetry {
  id: string;
  /** Reads that failed in a row. */
  tries: number;
  /** When the last one failed (epoch ms). */
  at: number;
}

const KEY = 'Emails:retry';
const HOUR = 3_600_000;
// A person is asked at most this many times in all, then left to the changed pass and the sweep:
// an answer that fails this long (about 21 hours) is the CRM's record, not a passing outage.
export const MAX_TRIES = 5;
// The list stays small: more failures than this in a day is an outage, and the sweep reads them.
export const MAX_WAITING = 50;

/** The next run after the first failure, then 1, 4 and 16 hours after the last one. */
function waitAfter(tries: number): number {
  return tries <= 1 ? 0 : HOUR * 4 ** (tries - 2);
}

/** The people whose wait is over, the longest waiting first. */
export function dueRetries(list: readonly EmailsRetry[], now: number): EmailsRetry[] {
  return list.filter((r) => now - r.at >= waitAfter(r.tries)).sort((a, b) => a.at - b.at);
}

/** The list after one more failed read of `id`: dropped after its last try, the oldest first when full. */
export function withFailure(list: readonly EmailsRetry[], id: string, now: number): EmailsRetry[] {
  const tries = (list.find((r) => r.id === id)?.tries ?? 0) + 1;
  const rest = list.filter((r) => r.id !== id);
  const next = tries >= MAX_TRIES ? rest : [...rest, { id, tries, at: now }];
  return next.sort((a, b) => a.at - b.at).slice(-MAX_WAITING);
}

export function readRetries(db: Db): EmailsRetry[] {
  return readState<{ people: EmailsRetry[] }>(db, KEY).cursor?.people ?? [];
}

/** Call inside the transaction that stores (or records the failure of) the person read. */
export function writeRetries(db: Db, list: readonly EmailsRetry[], now: number): void {
  writeState(db, KEY, { watermark: null, cursor: { people: list }, lastSuccessAt: null }, now);
}
