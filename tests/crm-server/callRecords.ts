/**
 * What Zoho does with a Calls record it is asked to save: it refuses one without the fields a call
 * needs or with a picklist value the field does not offer, and fills what it derives (the length
 * in seconds, the status of a call the rep made) so a pull serves the call as Zoho would.
 */

/** Call_Result's values in a new org's default layout (Calls' field metadata). */
export const DEFAULT_CALL_RESULTS = [
  '-None-',
  'Interested',
  'Not interested',
  'No response/Busy',
  'Requested more info',
  'Requested call back',
  'Invalid number',
];

export interface RecordError {
  code: 'MANDATORY_NOT_FOUND' | 'INVALID_DATA';
  details: Record<string, unknown>;
  message: string;
  status: 'error';
}

const missing = (field: string): RecordError => ({
  code: 'MANDATORY_NOT_FOUND',
  details: { api_name: field, json_path: `$.data[0].${field}` },
  message: 'required field not found',
  status: 'error',
});

export const invalid = (field: string, expected: string): RecordError => ({
  code: 'INVALID_DATA',
  details: { api_name: field, expected_data_type: expected, json_path: `$.data[0].${field}` },
  message: 'invalid data',
  status: 'error',
});

/** "mm:ss" or "hh:mm:ss" in seconds; null when it is neither. */
function durationSeconds(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d+(:\d{1,2}){1,2}$/.test(value)) return null;
  return value.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/**
 * A call as Zoho stores it (`fields` over what the record held), or why it refuses it (also
 * for lacking a field an administrator made `mandatory`). A call the
 * rep made is Scheduled when it starts after `now`, Completed otherwise; a completed call needs a
 * length (a missed one does not).
 */
export function savedCall(
  fields: Record<string, unknown>,
  now: number,
  callResults: readonly string[],
  mandatory: Iterable<string> = [],
): { fields: Record<string, unknown> } | { error: RecordError } {
  for (const f of ['Subject', 'Call_Type', 'Call_Start_Time', ...mandatory])
    if (fields[f] === undefined || fields[f] === null || fields[f] === '')
      return { error: missing(f) };
  const type = fields['Call_Type'];
  if (type !== 'Outbound' && type !== 'Inbound' && type !== 'Missed')
    return { error: invalid('Call_Type', 'picklist') };
  const start = Date.parse(String(fields['Call_Start_Time']));
  if (!Number.isFinite(start)) return { error: invalid('Call_Start_Time', 'datetime') };
  const result = fields['Call_Result'];
  if (result !== undefined && result !== null && !callResults.includes(String(result)))
    return { error: invalid('Call_Result', 'picklist') };
  const scheduled = type === 'Outbound' && start > now;
  const duration = fields['Call_Duration'];
  const seconds = durationSeconds(duration);
  if (type !== 'Missed' && !scheduled) {
    if (duration === undefined || duration === null || duration === '')
      return { error: missing('Call_Duration') };
    if (seconds === null) return { error: invalid('Call_Duration', 'text') };
  }
  return {
    fields: {
      ...fields,
      Call_Duration_in_seconds: seconds,
      Outgoing_Call_Status:
        type !== 'Outbound'
          ? null
          : fields['Outgoing_Call_Status'] === 'Cancelled'
            ? 'Cancelled'
            : scheduled
              ? 'Scheduled'
              : 'Completed',
    },
  };
}
