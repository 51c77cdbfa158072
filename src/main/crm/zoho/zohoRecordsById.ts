import { ZohoApiError, type ZohoHttp } from './zohoHttp';
import { pageOf } from './zohoPages';

/**
 * Record ids one `GET /{module}?ids=` takes: Zoho answers at most 100 records to it (the `data`
 * of its v8 contract), and refuses a longer list with LIMIT_EXCEEDED.
 */
export const IDS_PER_REQUEST = 100;

/**
 * `GET /{module}?ids=…&fields=…`: the raw records among `ids` (100 at most) the signed-in user
 * may see now. Zoho leaves out of `data` an id it shows them no record for (deleted, a converted
 * lead, given to another rep, no longer shared) and answers 204 when it shows none. Only such an
 * answer, whole, tells that a missing id is not shown: anything else throws, so that a caller
 * lets go of nothing on it.
 *
 * Zoho's contract leaves `ids` a bare string, and two answers it may give instead are met here:
 * a 400 for the whole batch (INVALID_DATA naming an id it holds no more) is read again one id at
 * a time, where only a 204 says an id is not shown; a lead returned with `$converted: true` is a
 * contact now, so it is not shown as a lead (the caller asks where it went, as for a 204).
 */
export async function readByIds(
  http: ZohoHttp,
  module: string,
  ids: readonly string[],
  fields: readonly string[],
  signal?: AbortSignal,
): Promise<unknown[]> {
  if (ids.length > IDS_PER_REQUEST)
    throw new Error(`${ids.length} ${module} ids in one request: Zoho takes ${IDS_PER_REQUEST}`);
  const query = new URLSearchParams({ fields: fields.join(','), ids: ids.join(',') });
  let res;
  try {
    res = await http.request(`/crm/v8/${module}?${query}`, signal ? { signal } : {});
  } catch (error) {
    if (!batchRefused(error, fields)) throw error;
    return readOneByOne(http, module, ids, fields, signal);
  }
  const what = `${ids.length} ${module} records read by id`;
  if (res.status === 204) return [];
  const body = pageOf<{ id?: unknown }>(res, what);
  if (res.status !== 200 || !body.data)
    throw new Error(`Zoho answered ${what} with ${res.status} and no list of records`);
  // Not all of them in this answer: one missing from it may still be shown.
  if (body.info?.more_records)
    throw new Error(`Zoho answered ${what} with more records to come, which it never should`);
  const asked = new Set(ids);
  const stray = body.data.find((raw) => !asked.has(String(raw.id)));
  // A record not asked for: `ids` was not applied, and a missing id proves nothing.
  if (stray)
    throw new Error(
      `Zoho answered ${what} with ${module} record ${String(stray.id)}, not asked for`,
    );
  return body.data.filter((raw) => !convertedLead(module, raw));
}

/**
 * A 400 Zoho gave the batch as a whole, not naming one of the fields asked (that refusal is the
 * caller's: it drops the field and asks again).
 */
function batchRefused(error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ZohoApiError) || error.status !== 400) return false;
  const field = error.details?.['api_name'];
  return !(typeof field === 'string' && fields.includes(field));
}

const convertedLead = (module: string, raw: unknown): boolean =>
  module === 'Leads' && (raw as { $converted?: unknown } | null)?.$converted === true;

/** `GET /{module}/{id}` for each id, as Settings' Retry reads one: 204 means not shown. */
async function readOneByOne(
  http: ZohoHttp,
  module: string,
  ids: readonly string[],
  fields: readonly string[],
  signal?: AbortSignal,
): Promise<unknown[]> {
  const query = new URLSearchParams({ fields: fields.join(',') });
  const found: unknown[] = [];
  for (const id of ids) {
    const res = await http.request(
      `/crm/v8/${module}/${encodeURIComponent(id)}?${query}`,
      signal ? { signal } : {},
    );
    if (res.status === 204) continue;
    const what = `${module} record ${id}`;
    const first = pageOf<{ id?: unknown }>(res, what).data?.[0];
    if (!first || String(first.id) !== id)
      throw new Error(`Zoho answered ${res.status} for ${what} without the record`);
    if (!convertedLead(module, first)) found.push(first);
  }
  return found;
}

/**
 * `GET /Leads?ids=…&converted=true`: the leads among `ids` (100 at most) Zoho converted, raw.
 * Zoho's Get Records documents both parameters (zoho/crm-oas,
 * v8.0/record/operations/getRecords/operation.md: `ids`, and `converted` whose `true` "returns
 * only converted records"), but not that it applies them together: an organisation's Zoho that
 * ignores `converted` beside `ids` answers as a plain read by id, which leaves a converted lead
 * out too. So a lead named here is converted, and one left out (or a 204) proves nothing until
 * the organisation has answered with a lead marked `$converted` (the caller remembers that).
 * Null when the answer names nothing surely: a 400 for the batch, more records to come, or a lead
 * not asked for (`ids` not applied); the caller then asks lead by lead
 * (`GET /Leads/{id}?converted=true`), as before.
 */
export async function readConvertedLeads(
  http: ZohoHttp,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<unknown[] | null> {
  if (ids.length > IDS_PER_REQUEST)
    throw new Error(`${ids.length} Leads ids in one request: Zoho takes ${IDS_PER_REQUEST}`);
  const query = new URLSearchParams({
    fields: 'Modified_Time',
    ids: ids.join(','),
    converted: 'true',
  });
  let res;
  try {
    res = await http.request(`/crm/v8/Leads?${query}`, signal ? { signal } : {});
  } catch (error) {
    if (error instanceof ZohoApiError && error.status === 400) return null;
    throw error;
  }
  if (res.status === 204) return [];
  const body = pageOf<{ id?: unknown }>(res, `${ids.length} leads asked whether converted`);
  if (res.status !== 200 || !body.data || body.info?.more_records) return null;
  const asked = new Set(ids);
  return body.data.every((raw) => asked.has(String(raw.id))) ? body.data : null;
}
