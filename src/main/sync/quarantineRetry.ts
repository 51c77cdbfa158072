import type { LocalWrite } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { quarantinedRecords, releaseRecord, waitingRecords } from '../db/repos/quarantine';
import { transaction } from '../db/sqlRun';
import { MissingParentError, type LocalStore } from './localStore';

export interface QuarantinedRecord {
  module: string;
  recordId: string;
  error: string;
  modifiedAt: number;
  waiting: boolean;
}

/**
 * Records that were well formed but arrived before their parent (a call before its person)
 * are stored once the parent is here. Malformed ones wait for the CRM to send them again.
 */
export function retryQuarantine(db: Db, store: LocalStore): number {
  const waiting = waitingRecords(db);
  let released = 0;
  transaction(db, () => {
    for (const q of waiting) {
      try {
        store.apply(JSON.parse(q.writes) as LocalWrite[]);
      } catch (error) {
        if (error instanceof MissingParentError) continue;
        throw error;
      }
      releaseRecord(db, q.module, q.record_id);
      released++;
    }
  });
  return released;
}

export function listQuarantine(db: Db): QuarantinedRecord[] {
  return quarantinedRecords(db).map((r) => ({
    module: r.module,
    recordId: r.record_id,
    error: r.error,
    modifiedAt: r.modified_at,
    waiting: r.waiting === 1,
  }));
}
