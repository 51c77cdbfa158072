import type { Db } from '../openDatabase';
import { all, first } from '../sqlRun';
import { DEMO_LEAD_PREFIX, notInCrmYet } from '../../../shared/localLead';

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

/**
 * The ids of the records of the CRM module (Leads, Contacts, Accounts, Deals) stored here that
 * Zoho holds. A lead made here and not yet in Zoho (unsent, refused, discarded) or on the demo is
 * in no listing of Zoho's: counted, the daily check would let go of it and its visits.
 */
export function storedIdsOf(db: Db, module: 'Leads' | 'Contacts' | 'Accounts' | 'Deals'): string[] {
  const k = db.kysely;
  switch (module) {
    case 'Leads':
    case 'Contacts': {
      const kind = module === 'Leads' ? 'lead' : 'contact';
      return all(db, k.selectFrom('people').select('id').where('module', '=', kind))
        .map((r) => r.id)
        .filter((id) => !notInCrmYet(id) && !id.startsWith(DEMO_LEAD_PREFIX));
    }
    case 'Accounts':
      return all(db, k.selectFrom('accounts').select('id')).map((r) => r.id);
    case 'Deals':
      return all(db, k.selectFrom('deals').select('id')).map((r) => r.id);
  }
}

/** How a stored record of the module is named to the rep ("Ida Brandt", an account's name). */
export function storedNameOf(
  db: Db,
  module: 'Leads' | 'Contacts' | 'Accounts' | 'Deals',
  id: string,
): { first: string | null; last: string } | null {
  const k = db.kysely;
  if (module === 'Leads' || module === 'Contacts') {
    const row = first(
      db,
      k.selectFrom('people').select(['first_name', 'last_name']).where('id', '=', id),
    );
    return row ? { first: row.first_name, last: row.last_name } : null;
  }
  const table = module === 'Accounts' ? 'accounts' : 'deals';
  const row = first(db, k.selectFrom(table).select('name').where('id', '=', id));
  return row ? { first: null, last: row.name } : null;
}
