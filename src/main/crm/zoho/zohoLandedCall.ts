import type { OutboxCall } from '../crmSource';
import { ZohoAuthError } from './zohoAuth';
import { ZohoApiError, type ZohoHttp } from './zohoHttp';
import { CALL_KEY_FIELD as KEY_FIELD } from './zohoMetadata';
import { zohoDateTime } from './zohoDateTime';

/**
 * How far before the lost attempt was sent the listing reaches: Created_Time is Zoho's clock and
 * the attempt's time this computer's, and the two may disagree by some minutes.
 */
const LISTING_REACH_BACK_MS = 30 * 60_000;
/** Pages of 200 newest calls the listing reads before it leaves the question to the search. */
const LISTING_PAGES = 5;
/**
 * How long after a create a search that finds nothing is believed. Zoho's search is served from
 * an index that takes seconds to minutes to show a new record; its documentation gives no bound.
 */
const SEARCH_CATCH_UP_MS = 30 * 60_000;

/** What looking for an earlier attempt's call found. */
type LandedCall =
  | { kind: 'found'; id: string }
  /** A read that shows every call created since the attempt holds none like it. */
  | { kind: 'absent' }
  /** Nothing found, but what was read could have missed it; `why` says what fell short. */
  | { kind: 'unsure'; why: string };

interface FoundCall {
  id?: unknown;
  Subject?: unknown;
  Who_Id?: { id?: unknown } | null;
  What_Id?: { id?: unknown } | null;
  Call_Start_Time?: unknown;
  Created_Time?: unknown;
  [KEY_FIELD]?: unknown;
}

/** A lookup Zoho will not serve this sign-in (scope, permission, parameter): why, else null. */
function refusal(error: unknown): string | null {
  if (error instanceof ZohoAuthError && error.code === 'OAUTH_SCOPE_MISMATCH')
    return 'the sign-in lacks the scope';
  if (error instanceof ZohoApiError) return error.message;
  return null;
}

/**
 * The call a lost attempt created, if Zoho holds one: same start second, person and subject
 * (and key, where the organisation keeps one). First from the newest calls by Created_Time, a
 * listing read from the records themselves; only when that is refused, or reaches too far, from
 * the search, whose index can lag a create. A timeout or a 5xx throws: the call waits.
 */
export async function findLandedCall(
  http: ZohoHttp,
  call: OutboxCall,
  keyField: boolean,
  attempt: { sentAt: number; now: number },
  signal?: AbortSignal,
): Promise<LandedCall> {
  const same = sameCall(call, keyField);
  const listed = await newestCalls(
    http,
    keyField,
    same,
    attempt.sentAt - LISTING_REACH_BACK_MS,
    signal,
  );
  if (!('refused' in listed) && listed.kind !== 'unsure') return listed;
  const searched = await searchCalls(http, call, keyField, same, signal);
  if (typeof searched === 'string') return { kind: 'found', id: searched };
  const listingFellShort = 'refused' in listed ? `listing calls: ${listed.refused}` : listed.why;
  if (searched === null && attempt.now - attempt.sentAt >= SEARCH_CATCH_UP_MS)
    return { kind: 'absent' };
  return {
    kind: 'unsure',
    why:
      searched === null
        ? `${listingFellShort}, and Zoho's search may not show a call created so recently`
        : `${listingFellShort}; searching calls: ${searched.refused}`,
  };
}

function sameCall(call: OutboxCall, keyField: boolean): (c: FoundCall) => boolean {
  const start = Math.floor(call.startedAt / 1000);
  const person = (c: FoundCall): unknown =>
    call.personModule === 'contact' ? c.Who_Id?.id : c.What_Id?.id;
  // The key, where the organisation keeps one, names the call alone: a start time Zoho gives
  // back in another precision or zone must not hide the call and have it created twice.
  if (keyField) return (c) => c[KEY_FIELD] === call.idempotencyKey;
  return (c) =>
    person(c) === call.personId &&
    c.Subject === call.subject &&
    Math.floor(Date.parse(String(c.Call_Start_Time)) / 1000) === start;
}

const foundId = (c: FoundCall | undefined): string | null =>
  typeof c?.id === 'string' ? c.id : null;

/** Calls newest first by Created_Time, down to `from`: the one that matches, if listed. */
async function newestCalls(
  http: ZohoHttp,
  keyField: boolean,
  same: (c: FoundCall) => boolean,
  from: number,
  signal: AbortSignal | undefined,
): Promise<LandedCall | { refused: string }> {
  const fields = [
    'Subject',
    'Who_Id',
    'What_Id',
    'Call_Start_Time',
    'Created_Time',
    ...(keyField ? [KEY_FIELD] : []),
  ].join(',');
  for (let page = 1; page <= LISTING_PAGES; page++) {
    const query = new URLSearchParams({
      fields,
      sort_by: 'Created_Time',
      sort_order: 'desc',
      per_page: '200',
      page: String(page),
    });
    let body: { data?: FoundCall[]; info?: { more_records?: boolean } } | null;
    try {
      body = (await http.request(`/crm/v8/Calls?${query}`, signal ? { signal } : {}))
        .body as typeof body;
    } catch (error) {
      const why = refusal(error);
      if (why === null) throw error;
      return { refused: why };
    }
    // 204: the organisation has no calls at all.
    const calls = body?.data ?? [];
    const id = foundId(calls.find(same));
    if (id) return { kind: 'found', id };
    const oldest = Date.parse(String(calls.at(-1)?.Created_Time));
    if (calls.length === 0 || body?.info?.more_records !== true || oldest < from)
      return { kind: 'absent' };
  }
  return {
    kind: 'unsure',
    why: `more than ${LISTING_PAGES * 200} calls were created in Zoho since that attempt`,
  };
}

/** Zoho's search for the call: its id, null when it finds none, or why it was refused. */
async function searchCalls(
  http: ZohoHttp,
  call: OutboxCall,
  keyField: boolean,
  same: (c: FoundCall) => boolean,
  signal: AbortSignal | undefined,
): Promise<string | null | { refused: string }> {
  const query = new URLSearchParams({
    criteria: `(Call_Start_Time:equals:${zohoDateTime(call.startedAt)})`,
    fields: [
      'Subject',
      'Who_Id',
      'What_Id',
      'Call_Start_Time',
      ...(keyField ? [KEY_FIELD] : []),
    ].join(','),
  });
  try {
    const res = await http.request(`/crm/v8/Calls/search?${query}`, signal ? { signal } : {});
    return foundId(((res.body as { data?: FoundCall[] } | null)?.data ?? []).find(same));
  } catch (error) {
    const why = refusal(error);
    if (why === null) throw error;
    return { refused: why };
  }
}
