import {
  MetadataUnavailableError,
  SYNC_MODULES,
  type CrmMetadata,
  type DealStatus,
  type PersonRef,
  type SyncModule,
} from '../crmSource';
import { ZohoAuthError } from './zohoAuth';
import { ZohoApiError, type ZohoHttp } from './zohoHttp';
import { ZOHO_MODULES } from './zohoModules';
import { VISIT_FIELDS } from './zohoVisitMap';
import { PLAN_MARK_FIELDS, PLAN_MARKS_MODULE, SNOOZE_TO_FIELD } from './zohoPlanMarks';
import { excerpt } from '../../../shared/excerpt';

/** The related list SalesIQ adds to leads and contacts: each person's website visits. */
export const VISITS_RELATED_LIST = 'Visits_Zoho_Livedesk';

/** An optional unique custom text field on Calls: a logged call's key, checked by a retry. */
export const CALL_KEY_FIELD = 'CW_Idempotency_Key';

/** What ZohoSource keeps in CrmMetadata.detail: the field names to ask for. */
export interface ZohoMetadataDetail {
  /** Per module the organisation has, the fields it has of those the sync reads. */
  fields: Partial<Record<SyncModule, string[]>>;
  /** Of a visit in a person's related list (when visits come from one). */
  visitFields: string[];
  /**
   * Calls has the unique custom field CW_Idempotency_Key, which logged calls then carry (absent
   * from metadata stored before it was read: no).
   */
  callKeyField?: boolean;
}

// Fields read as one or the other: an organisation with one of a pair lacks nothing.
const EITHER: readonly (readonly string[])[] = [
  ['Event_Title', 'Subject'],
  ['Visitor_Name', 'Name'],
  ['Contact_Name', 'Lead_Name'],
  ['Phone', 'Mobile'],
  ['Call_Duration', 'Call_Duration_in_seconds'],
];

function lacking(wanted: readonly string[], has: ReadonlySet<string>): string[] {
  return wanted.filter(
    (f) => !has.has(f) && !EITHER.some((pair) => pair.includes(f) && pair.some((o) => has.has(o))),
  );
}

interface ModuleMeta {
  api_name?: unknown;
  api_supported?: unknown;
  status?: unknown;
}
interface RelatedListMeta {
  api_name?: unknown;
  status?: unknown;
  module?: { api_name?: unknown } | null;
  fields?: { api_name?: unknown }[] | null;
}

interface FieldMeta {
  api_name?: unknown;
  data_type?: unknown;
  pick_list_values?: unknown;
}

// A Stage value's `forecast_type` as Zoho's fields API gives it.
const FORECAST_TYPES: Record<string, DealStatus> = {
  Open: 'open',
  'Closed Won': 'won',
  'Closed Lost': 'lost',
};

/**
 * Each deal stage's outcome by the stage's name (its actual and its display value: records carry
 * one or the other), from the Stage field's picklist. Values without a known forecast type are
 * left out: the stage is then judged by its name.
 */
function dealStagesOf(fields: readonly FieldMeta[]): Record<string, DealStatus> {
  const stages: Record<string, DealStatus> = {};
  const values = fields.find((f) => f.api_name === 'Stage')?.pick_list_values;
  for (const v of Array.isArray(values) ? values : []) {
    if (typeof v !== 'object' || v === null) continue;
    const { actual_value, display_value, forecast_type } = v as Record<string, unknown>;
    const status = typeof forecast_type === 'string' ? FORECAST_TYPES[forecast_type] : undefined;
    if (!status) continue;
    for (const name of [actual_value, display_value])
      if (typeof name === 'string' && name !== '') stages[name] = status;
  }
  return stages;
}

const names = (list: unknown): Set<string> =>
  new Set(
    (Array.isArray(list) ? list : []).flatMap((f: { api_name?: unknown } | null) =>
      typeof f?.api_name === 'string' ? [f.api_name] : [],
    ),
  );

/**
 * The list `key` of a metadata answer (none when Zoho answered nothing), every entry an object.
 * One of another shape is a fault named with what Zoho answered: read as empty, it would say the
 * organisation lacks every module or field, and the sync would stop asking for them.
 */
function listOf<T>(res: { status: number; body: unknown }, key: string, what: string): T[] {
  if (res.body === null || res.body === undefined) return [];
  const list = (res.body as Record<string, unknown>)[key];
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.some((e) => typeof e !== 'object' || e === null))
    throw new Error(
      `Zoho answered ${what} with ${res.status} but no list of ${key}: ${excerpt(res.body)}`,
    );
  return list as T[];
}

/** A refusal about one module (it is not there, not for the API): that module is absent. */
const refusedModule = (error: unknown): boolean =>
  error instanceof ZohoApiError && error.status >= 400 && error.status < 500;

/**
 * Reads what the organisation has: `GET /settings/modules` (which modules exist and are
 * API-supported), `/settings/fields?module=` for each synced one (which of our fields exist), and
 * only when the Visits module is not served, `/settings/related_lists?module=` of Leads and
 * Contacts (SalesIQ's per-person visits list). About a dozen requests: the engine keeps the answer.
 */
export async function discoverZohoMetadata(http: ZohoHttp): Promise<CrmMetadata> {
  try {
    return await discover(http);
  } catch (error) {
    if (error instanceof MetadataUnavailableError) throw error;
    // A sign-in without the settings scopes (modules, fields or related lists): not described.
    if (error instanceof ZohoAuthError && error.code === 'OAUTH_SCOPE_MISMATCH')
      throw new MetadataUnavailableError(
        `Zoho would not describe the organisation (${error.message}): connect again with the ZohoCRM.settings.READ scope to sync only what the organisation has`,
      );
    // Any other refusal of the sign-in is the whole sync's: it must connect again.
    if (error instanceof ZohoAuthError) throw error;
    // A 5xx or a timeout after the retries, an answer of another shape: the metadata is an
    // optional refinement, read again next run; a module's fields read as absent would drop data.
    throw new MetadataUnavailableError(
      `Zoho did not describe the organisation this time (${(error as Error).message})`,
      { cause: error },
    );
  }
}

async function discover(http: ZohoHttp): Promise<CrmMetadata> {
  let listed: ModuleMeta[];
  try {
    const res = await http.request('/crm/v8/settings/modules');
    listed = listOf<ModuleMeta>(res, 'modules', "the organisation's modules");
  } catch (error) {
    if (error instanceof ZohoApiError)
      throw new MetadataUnavailableError(
        `Zoho would not list the organisation's modules (${error.message})`,
      );
    throw error;
  }
  // Every organisation has Leads: an empty list is not one without modules.
  if (listed.length === 0)
    throw new MetadataUnavailableError('Zoho listed no modules for the organisation');
  const byName = new Map(
    listed.flatMap((m) => (typeof m.api_name === 'string' ? [[m.api_name, m] as const] : [])),
  );
  const served = (name: string): boolean => {
    const m = byName.get(name);
    return m !== undefined && m.api_supported === true && m.status !== 'scheduled_for_deletion';
  };

  const modules: SyncModule[] = [];
  const fields: ZohoMetadataDetail['fields'] = {};
  const missingFields: CrmMetadata['missingFields'] = {};
  let callKeyField = false;
  let dealStages: Record<string, DealStatus> = {};
  for (const module of SYNC_MODULES.filter(served)) {
    const list = await fieldsOf(http, module);
    if (!list) continue;
    const has = names(list);
    if (module === 'Calls') callKeyField = has.has(CALL_KEY_FIELD);
    if (module === 'Deals') dealStages = dealStagesOf(list);
    const wanted = ZOHO_MODULES[module].fields;
    modules.push(module);
    fields[module] = wanted.filter((f) => has.has(f));
    const lacks = lacking(wanted, has);
    if (lacks.length > 0) missingFields[module] = lacks;
  }

  let visits: CrmMetadata['visits'] = modules.includes('Visits') ? { from: 'module' } : null;
  let visitFields: string[] = [];
  if (!visits) {
    const of: PersonRef['module'][] = [];
    let listFields: Set<string> | null = null;
    for (const [module, person] of [
      ['Leads', 'lead'],
      ['Contacts', 'contact'],
    ] as const) {
      if (!modules.includes(module)) continue;
      const list = await visitsList(http, module);
      if (!list) continue;
      of.push(person);
      const columns = names(list.fields);
      if (columns.size > 0) listFields = columns;
    }
    if (of.length > 0) {
      // The listed visits' fields: the Visits module's metadata when Zoho answers it even though
      // the module is not API-supported, else the columns the list declares, else all we read.
      const visitsFields = await fieldsOf(http, 'Visits');
      const has = visitsFields ? names(visitsFields) : listFields;
      visitFields = has ? VISIT_FIELDS.filter((f) => has.has(f)) : [...VISIT_FIELDS];
      const summary = (module: SyncModule): boolean =>
        fields[module]?.includes('Last_Visited_Time') ?? false;
      visits = {
        from: 'related-list',
        name: VISITS_RELATED_LIST,
        of,
        lastVisit: of.every((p) => summary(p === 'lead' ? 'Leads' : 'Contacts')),
      };
      if (has) {
        const lacks = lacking(VISIT_FIELDS, has).filter((f) => f !== 'Modified_Time');
        if (lacks.length > 0) missingFields.Visits = lacks;
      }
    }
  }
  let planMarks: CrmMetadata['planMarks'] = { lacks: null };
  const markFields = served(PLAN_MARKS_MODULE) ? await fieldsOf(http, PLAN_MARKS_MODULE) : null;
  if (markFields) {
    const has = names(markFields);
    planMarks = {
      lacks: PLAN_MARK_FIELDS.filter((f) => !has.has(f)),
      // Text only: the app writes "next day" or an instant to the millisecond, which a date/time
      // field made by mistake would refuse, and with it the whole mark.
      snoozeTo: markFields.some(
        (f) =>
          f.api_name === SNOOZE_TO_FIELD && (f.data_type === 'text' || f.data_type === 'textarea'),
      ),
    };
  }
  const detail: ZohoMetadataDetail = { fields, visitFields, callKeyField };
  return { modules, missingFields, visits, dealStages, planMarks, detail };
}

/** The module's fields, or null when Zoho refuses the module. */
async function fieldsOf(http: ZohoHttp, module: string): Promise<FieldMeta[] | null> {
  try {
    const res = await http.request(`/crm/v8/settings/fields?${new URLSearchParams({ module })}`);
    return listOf<FieldMeta>(res, 'fields', `the fields of ${module}`);
  } catch (error) {
    if (refusedModule(error)) return null;
    throw error;
  }
}

/** The module's visits related list, when it has one that is not being deleted. */
async function visitsList(http: ZohoHttp, module: string): Promise<RelatedListMeta | null> {
  let lists: RelatedListMeta[];
  try {
    const res = await http.request(
      `/crm/v8/settings/related_lists?${new URLSearchParams({ module })}`,
    );
    lists = listOf<RelatedListMeta>(res, 'related_lists', `the related lists of ${module}`);
  } catch (error) {
    if (refusedModule(error)) return null;
    throw error;
  }
  return (
    lists.find(
      (l) => l.api_name === VISITS_RELATED_LIST && l.status !== 'scheduled_for_deletion',
    ) ?? null
  );
}

/** The detail kept with stored metadata, or null when it is not ours (another format). */
export function zohoDetail(metadata: CrmMetadata): ZohoMetadataDetail | null {
  const d = metadata.detail as Partial<ZohoMetadataDetail> | null;
  if (!d || typeof d !== 'object' || typeof d.fields !== 'object' || !Array.isArray(d.visitFields))
    return null;
  return d as ZohoMetadataDetail;
}
