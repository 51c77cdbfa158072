import { DateTime } from 'luxon';
import { RecordRefusedError, type OutboxCall, type PushedCall } from '../crmSource';
import { zohoCallResult } from './zohoCallResult';
import { callRefusalReason } from './zohoCallRefusal';
import { zohoDateTime } from './zohoDateTime';
import { findLandedCall } from './zohoLandedCall';
import type { ZohoHttp } from './zohoHttp';
import { firstRecordAnswer, refusalAnswer, type RecordAnswer } from './zohoRecordAnswer';
import { CALL_KEY_FIELD as KEY_FIELD } from './zohoMetadata';

/**
 * How long a call waits, after an attempt whose answer was lost, while Zoho will neither list nor
 * search its calls for this sign-in: then it is created, and its entry says it may be there
 * twice. A call is never held back for good, and a day gives someone time to restore the access.
 */
const UNCONFIRMED_WAIT_MS = 24 * 3_600_000;

/** One record's answer in an upsert's `data`. */
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
 * answer lost) first looks for the call that attempt created (zohoLandedCall.ts), and waits while
 * it cannot tell. How it went goes as Call_Result (zohoCallResult.ts) and as its subject; its
 * length only when the contact answered. `createSent` runs before each create goes out.
 */
export async function pushZohoCall(
  http: ZohoHttp,
  call: OutboxCall,
  options: CallPushOptions,
  createSent: () => void,
  signal?: AbortSignal,
): Promise<PushedCall> {
  let note: string | undefined;
  if (call.mayExist) {
    const landed = await findLandedCall(http, call, options.keyField, call.mayExist, signal);
    if (landed.kind === 'found') return { crmId: landed.id };
    if (landed.kind === 'unsure') {
      const { sentAt, now } = call.mayExist;
      const at = (ms: number): string =>
        DateTime.fromMillis(ms, { zone: 'utc' }).toFormat("yyyy-MM-dd HH:mm 'UTC'");
      if (now - sentAt < UNCONFIRMED_WAIT_MS)
        throw new Error(
          `Waiting to learn whether the attempt of ${at(sentAt)} created the call "${call.subject}" (its answer was lost): ${landed.why}. It is created at the latest after ${at(sentAt + UNCONFIRMED_WAIT_MS)}.`,
        );
      note = `Created ${Math.floor((now - sentAt) / 3_600_000)} hours after an attempt whose answer was lost (${at(sentAt)}), without learning whether that attempt had created it (${landed.why}): Zoho may hold this call twice.`;
    }
  }
  // Zoho requires a length on a completed call; one that reached nobody has no talk time to give.
  const talkS = call.outcome && call.outcome !== 'answered' ? 0 : Math.round(call.durationS);
  const result = call.outcome && !call.scheduled ? zohoCallResult(call.outcome) : null;
  const record: Record<string, unknown> = {
    Subject: call.subject,
    Call_Type: call.direction === 'out' ? 'Outbound' : call.missed ? 'Missed' : 'Inbound',
    Call_Start_Time: zohoDateTime(call.startedAt),
    // Zoho schedules an outbound call whose start is to come (Outgoing_Call_Status "Scheduled",
    // which it sets itself): such a call has no length yet.
    ...(call.scheduled ? {} : { Call_Duration: callDuration(talkS) }),
    ...(call.ownerId ? { Owner: { id: call.ownerId } } : {}),
    ...(call.description ? { Description: call.description } : {}),
    ...(options.keyField ? { [KEY_FIELD]: call.idempotencyKey } : {}),
    ...(call.personModule === 'contact'
      ? { Who_Id: { id: call.personId } }
      : { What_Id: { id: call.personId }, $se_module: 'Leads' }),
  };
  createSent();
  let answer = await insertCall(http, result ? { ...record, Call_Result: result } : record);
  // An org that edited its Call Result list may lack the default value: the call then goes
  // without one rather than not at all, and its subject still says how it went.
  if (
    result &&
    !answer.wholeRequest &&
    answer.code === 'INVALID_DATA' &&
    answer.details?.api_name === 'Call_Result'
  ) {
    createSent();
    answer = await insertCall(http, record);
  }
  // The key is unique where the org keeps it: a call already there under it is this call, made
  // by an attempt whose answer was lost (the lookups could not tell).
  const holder = answer.details?.duplicate_record?.id;
  if (answer.code === 'DUPLICATE_DATA' && answer.details?.api_name === KEY_FIELD && holder)
    return { crmId: holder, ...(note ? { note } : {}) };
  if (answer.status !== 'success' || !answer.details?.id) {
    // A record Zoho answered with its refusal was not created; an answer with neither is unknown.
    // A duplicate may be this call, however Zoho names it: the call keeps looking before it is
    // created again.
    const refused = answer.status === 'error' && answer.code !== 'DUPLICATE_DATA';
    const field = answer.details?.api_name ? ` (${answer.details.api_name})` : '';
    const message = `Zoho did not accept the call "${call.subject}": ${refused ? callRefusalReason(answer, call.personModule) : `${answer.message ?? 'no answer'}${field}`}`;
    throw refused ? new RecordRefusedError(message) : new Error(message);
  }
  return { crmId: answer.details.id, ...(note ? { note } : {}) };
}

async function insertCall(http: ZohoHttp, record: Record<string, unknown>): Promise<RecordAnswer> {
  try {
    const res = await http.request('/crm/v8/Calls', {
      method: 'POST',
      json: { data: [record] },
      createsRecord: true,
    });
    return firstRecordAnswer(res.body);
  } catch (error) {
    const refused = refusalAnswer(error);
    if (refused) return refused;
    throw error;
  }
}
