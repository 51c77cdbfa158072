import type { LocalWrite, SyncModule } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
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
  const waiting = db.raw
    .prepare('select module, record_id, writes from quarantine where writes is not null')
    .all() as { module: SyncModule; record_id: string; writes: string }[];
  let released = 0;
  db.raw.transaction(() => {
    for (const q of waiting) {
      try {
        store.apply(JSON.parse(q.writes) as LocalWrite[]);
      } catch (error) {
        if (error instanceof MissingParentError) continue;
        throw error;
      }
      db.raw
        .prepare('delete from quarantine where module = ? and record_id = ?')
        .run(q.module, q.record_id);
      released++;
    }
  })();
  return released;
}

export function listQuarantine(db: Db): QuarantinedRecord[] {
  return (
    db.raw
      .prepare(
        'select module, record_id, error, modified_at, writes is not null as waiting from quarantine order by module, record_id',
      )
      .all() as {
      module: string;
      record_id: string;
      error: string;
      modified_at: number;
      waiting: number;
    }[]
  ).map((r) => ({
    module: r.module,
    recordId: r.record_id,
    error: r.error,
    modifiedAt: r.modified_at,
    waiting: r.waiting === 1,
  }));
}
