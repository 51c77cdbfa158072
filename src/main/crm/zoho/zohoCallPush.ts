import type { OutboxCall } from '../crmSource';
import { zohoCallResult } from './zohoCallResult';
import { ZohoApiError, type ZohoHttp } from './zohoHttp';

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

/**
 * Creates a logged call in Zoho's Calls, or updates the one an earlier attempt created; returns
 * its id. How it went goes as Call_Result (zohoCallResult.ts) and as its subject; its length only
 * when the contact answered.
 */
export async function pushZohoCall(http: ZohoHttp, call: OutboxCall): Promise<{ crmId: string }> {
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
    CW_Idempotency_Key: call.idempotencyKey,
    ...(call.personModule === 'contact'
      ? { Who_Id: { id: call.personId } }
      : { What_Id: { id: call.personId }, $se_module: 'Leads' }),
  };
  let answer = await upsertCall(http, result ? { ...record, Call_Result: result } : record);
  // An org that edited its Call Result list may lack the default value: the call then goes
  // without one rather than not at all, and its subject still says how it went.
  if (result && answer.code === 'INVALID_DATA' && answer.details?.api_name === 'Call_Result')
    answer = await upsertCall(http, record);
  if (answer.status !== 'success' || !answer.details?.id) {
    const field = answer.details?.api_name ? ` (${answer.details.api_name})` : '';
    throw new Error(
      `Zoho did not accept the call "${call.subject}": ${answer.message ?? 'no answer'}${field}`,
    );
  }
  return { crmId: answer.details.id };
}

async function upsertCall(http: ZohoHttp, record: Record<string, unknown>): Promise<RecordAnswer> {
  try {
    // Zoho has no idempotency header: an upsert on a unique custom field makes a retry of a
    // call that did land update it instead of creating a second one.
    const res = await http.request('/crm/v8/Calls/upsert', {
      method: 'POST',
      json: { duplicate_check_fields: ['CW_Idempotency_Key'], data: [record] },
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
