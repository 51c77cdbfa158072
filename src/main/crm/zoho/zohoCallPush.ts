import type { OutboxCall } from '../crmSource';
import { zohoCallResult } from './zohoCallResult';
import { ZohoAuthError } from './zohoAuth';
import { ZohoApiError, type ZohoHttp } from './zohoHttp';
import { CALL_KEY_FIELD as KEY_FIELD } from './zohoMetadata';

/** One record's answer in an upsert's `data`. */
interface RecordAnswer {
  status?: string;
  code?: string;
  message?: string;
  details?: { id?: string; api_name?: string };
}

/** Zoho wants an ISO 8601 date-time with an offset, to the second. */
function zohoDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** "m:ss", Zoho's Call_Duration. */
function callDuration(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** What the organisation's Calls module offers a push (from its metadata). */
export interface CallPushOptions {
  /** Calls has the app's unique custom field CW_Idempotency_Key: each call carries its key. */
  keyField: boolean;
}

/**
 * Creates a logged call in Zoho's Calls and returns its id. Zoho's upsert does not serve Calls,
 * so a call is inserted, once per attempt; an attempt after one that may have landed (its
 * answer lost) first looks for the call that attempt created. How it went goes as Call_Result
 * (zohoCallResult.ts) and as its subject; its length only when the contact answered.
 */
export async function pushZohoCall(
  http: ZohoHttp,
  call: OutboxCall,
  options: CallPushOptions,
): Promise<{ crmId: string }> {
  if (call.mayExist) {
    const landed = await findLandedCall(http, call, options);
    if (landed) return { crmId: landed };
  }
  // Zoho requires a length on a completed call; one that reached nobody has no talk time to give.
  const talkS = call.outcome && call.outcome !== 'answered' ? 0 : Math.round(call.durationS);
  const result = call.outcome ? zohoCallResult(call.outcome) : null;
  const record: Record<string, unknown> = {
    Subject: call.subject,
    Call_Type: call.direction === 'out' ? 'Outbound' : call.missed ? 'Missed' : 'Inbound',
    Call_Start_Time: zohoDateTime(call.startedAt),
    Call_Duration: callDuration(talkS),
    ...(call.ownerId ? { Owner: { id: call.ownerId } } : {}),
    ...(call.description ? { Description: call.description } : {}),
    ...(options.keyField ? { [KEY_FIELD]: call.idempotencyKey } : {}),
    ...(call.personModule === 'contact'
      ? { Who_Id: { id: call.personId } }
      : { What_Id: { id: call.personId }, $se_module: 'Leads' }),
  };
  let answer = await insertCall(http, result ? { ...record, Call_Result: result } : record);
  // An org that edited its Call Result list may lack the default value: the call then goes
  // without one rather than not at all, and its subject still says how it went.
  if (result && answer.code === 'INVALID_DATA' && answer.details?.api_name === 'Call_Result')
    answer = await insertCall(http, record);
  if (answer.status !== 'success' || !answer.details?.id) {
    const field = answer.details?.api_name ? ` (${answer.details.api_name})` : '';
    throw new Error(
      `Zoho did not accept the call "${call.subject}": ${answer.message ?? 'no answer'}${field}`,
    );
  }
  return { crmId: answer.details.id };
}

async function insertCall(http: ZohoHttp, record: Record<string, unknown>): Promise<RecordAnswer> {
  try {
    const res = await http.request('/crm/v8/Calls', {
      method: 'POST',
      json: { data: [record] },
      createsRecord: true,
    });
    return (res.body as { data?: RecordAnswer[] } | null)?.data?.[0] ?? {};
  } catch (error) {
    // A refused record comes as a 400 whose data[0] says why, as a 207's would.
    const refused =
      error instanceof ZohoApiError && error.status === 400
        ? (error.body as { data?: RecordAnswer[] } | null)?.data?.[0]
        : undefined;
    if (refused) return refused;
    throw error;
  }
}

interface FoundCall {
  id?: unknown;
  Subject?: unknown;
  Who_Id?: { id?: unknown } | null;
  What_Id?: { id?: unknown } | null;
  [KEY_FIELD]?: unknown;
}

/**
 * The call an earlier attempt created, if Zoho holds one: calls that started the same second,
 * with this person and subject (and this key, where the organisation keeps one). A sign-in
 * without the search scope cannot look, and the call is inserted; any other refusal keeps the
 * call waiting (inserting it blind could log it twice).
 */
async function findLandedCall(
  http: ZohoHttp,
  call: OutboxCall,
  options: CallPushOptions,
): Promise<string | null> {
  const query = new URLSearchParams({
    criteria: `(Call_Start_Time:equals:${zohoDateTime(call.startedAt)})`,
    fields: ['Subject', 'Who_Id', 'What_Id', ...(options.keyField ? [KEY_FIELD] : [])].join(','),
  });
  let found: FoundCall[];
  try {
    const res = await http.request(`/crm/v8/Calls/search?${query}`);
    found = (res.body as { data?: FoundCall[] } | null)?.data ?? [];
  } catch (error) {
    if (error instanceof ZohoAuthError && error.code === 'OAUTH_SCOPE_MISMATCH') return null;
    throw error;
  }
  const person = (c: FoundCall): unknown =>
    call.personModule === 'contact' ? c.Who_Id?.id : c.What_Id?.id;
  const same = found.find(
    (c) =>
      person(c) === call.personId &&
      c.Subject === call.subject &&
      (!options.keyField || c[KEY_FIELD] === call.idempotencyKey),
  );
  return typeof same?.id === 'string' ? same.id : null;
}
