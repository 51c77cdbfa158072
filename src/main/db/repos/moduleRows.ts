import type { Db } from '../openDatabase';
import { first } from '../sqlRun';

function holdsRows(db: Db, module: string): boolean {
  const k = db.kysely;
  switch (module) {
    case 'Leads':
    case 'Contacts': {
      const kind = module === 'Leads' ? 'lead' : 'contact';
      return (
        first(db, k.selectFrom('people').select('id').where('module', '=', kind).limit(1)) !==
        undefined
      );
    }
    case 'Accounts':
      return first(db, k.selectFrom('accounts').select('id').limit(1)) !== undefined;
    case 'Deals':
      return first(db, k.selectFrom('deals').select('id').limit(1)) !== undefined;
    case 'Visits':
      return first(db, k.selectFrom('visits').select('id').limit(1)) !== undefined;
    default:
      return (
        first(
          db,
          k.selectFrom('activities').select('id').where('source_module', '=', module).limit(1),
        ) !== undefined
      );
  }
}

/**
 * Whether anything of the CRM module is stored here (its CRM name: Leads, Calls…): its rows in their table, or a record of it
 * in quarantine. A module's rows can come before its own listing (an account stored empty for a
 * contact, visits read from people's lists).
 */
export function holdsRecordsOf(db: Db, module: string): boolean {
  return (
    holdsRows(db, module) ||
    first(
      db,
      db.kysely.selectFrom('quarantine').select('record_id').where('module', '=', module).limit(1),
    ) !== undefined
  );
}
