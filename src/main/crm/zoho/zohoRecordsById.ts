import type { ZohoHttp } from './zohoHttp';
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
  const res = await http.request(`/crm/v8/${module}?${query}`, signal ? { signal } : {});
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
  return body.data;
}
