import type { DealStatus, PulledRecord, SyncModule } from '../crmSource';
import {
  CALL_FIELDS,
  CASE_FIELDS,
  EVENT_FIELDS,
  mapCall,
  mapCase,
  mapEvent,
  mapTask,
  TASK_FIELDS,
} from './zohoActivityMap';
import { MalformedRecordError, type ZohoRecord } from './zohoFieldValues';
import {
  ACCOUNT_FIELDS,
  CONTACT_FIELDS,
  DEAL_FIELDS,
  LEAD_FIELDS,
  mapAccount,
  mapDeal,
  mapPerson,
} from './zohoPeopleMap';
import { mapVisit, VISIT_FIELDS } from './zohoVisitMap';
import { excerpt } from '../../../shared/excerpt';

/** What a record's meaning depends on beyond the record: the organisation's settings. */
export interface OrgReading {
  /** Where the org's dates (a task's Due_Date) are days. */
  timeZone: string;
  /** Each deal stage's outcome as the organisation defines it (CrmMetadata.dealStages). */
  dealStages?: Readonly<Record<string, DealStatus>>;
}

interface ModuleSpec {
  fields: readonly string[];
  map: (rec: ZohoRecord, now: number, org: OrgReading) => PulledRecord['writes'];
}

/**
 * Each synced module: the fields read (v8 requires `fields`; of these only the ones the
 * organisation has are asked for) and how a record maps.
 */
export const ZOHO_MODULES: Record<SyncModule, ModuleSpec> = {
  Accounts: { fields: ACCOUNT_FIELDS, map: mapAccount },
  Contacts: { fields: CONTACT_FIELDS, map: (r) => mapPerson(r, 'Contacts') },
  Leads: { fields: LEAD_FIELDS, map: (r) => mapPerson(r, 'Leads') },
  Deals: { fields: DEAL_FIELDS, map: (r, _now, org) => mapDeal(r, org.dealStages) },
  Calls: { fields: CALL_FIELDS, map: mapCall },
  Events: { fields: EVENT_FIELDS, map: mapEvent },
  Tasks: { fields: TASK_FIELDS, map: (r, now, org) => mapTask(r, now, org.timeZone) },
  Cases: { fields: CASE_FIELDS, map: mapCase },
  Visits: { fields: VISIT_FIELDS, map: mapVisit },
};

/** Maps one record; a malformed one comes back with its error instead of throwing. */
export function pullRecord(
  module: SyncModule,
  raw: unknown,
  now: number,
  org: OrgReading,
): PulledRecord {
  const rec = (raw && typeof raw === 'object' ? raw : {}) as ZohoRecord;
  const id =
    typeof rec['id'] === 'string' || typeof rec['id'] === 'number' ? String(rec['id']) : '';
  const modified =
    typeof rec['Modified_Time'] === 'string' ? Date.parse(rec['Modified_Time']) : NaN;
  const modifiedAt = Number.isFinite(modified) ? modified : 0;
  try {
    if (!id) throw new MalformedRecordError('id: is required');
    if (!Number.isFinite(modified))
      throw new MalformedRecordError(
        `Modified_Time: expected an ISO 8601 date-time (got ${excerpt(JSON.stringify(rec['Modified_Time']) ?? 'nothing')})`,
      );
    return { id, modifiedAt, writes: ZOHO_MODULES[module].map(rec, now, org), raw };
  } catch (error) {
    if (!(error instanceof MalformedRecordError)) throw error;
    return { id: id || '(no id)', modifiedAt, writes: [], error: error.message, raw };
  }
}
