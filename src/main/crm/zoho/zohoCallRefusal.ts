/** One record's refusal in Zoho's answer to a create (its `data` entry). */
export interface CallRefusal {
  code?: string;
  message?: string;
  details?: { api_name?: string; expected_data_type?: string };
  /** Zoho refused the request that carried the call as a whole, before reading the call. */
  wholeRequest?: boolean;
}

/**
 * Why Zoho refused the request that carried a call as a whole (its documented 400s of an insert
 * that come before any record: a body it cannot read, a method, a module, a limit). None passes
 * by itself: an update of the app, or an administrator, mends it.
 */
function requestRefusal(answer: CallRefusal): string {
  const said = answer.message ? ` ("${answer.message}")` : '';
  switch (answer.code) {
    case 'INVALID_DATA':
    case 'REQUIRED_PARAM_MISSING':
    case 'INVALID_REQUEST_METHOD':
      return `it could not read the request that carried the call${said}, so this version of the app may not suit the organisation's Zoho: an update of the app should mend it`;
    case 'INVALID_MODULE':
      return "the organisation has no Calls module the app may create calls in (renamed, switched off, or hidden from the signed-in user's profile?)";
    case 'LIMIT_EXCEEDED':
    case 'LICENSE_LIMIT_EXCEEDED':
      return `the organisation has reached a limit of its Zoho edition${said}: an administrator can free or raise it`;
    default:
      return `it refused the request that carried the call as a whole${said}`;
  }
}

/** The call's fields that name the person it was logged with: a contact's, a lead's. */
const PERSON_FIELDS = ['Who_Id', 'What_Id'];

/**
 * Why Zoho refused a call, in words the rep can act on (to follow "Zoho did not accept the call"),
 * then Zoho's own code and field for whoever mends it (an administrator). Zoho documents these per-record codes for a create: a field it
 * requires that the record lacks (MANDATORY_NOT_FOUND), a value it will not take (INVALID_DATA,
 * also its answer for a lookup to a record it no longer holds, or an owner who is not an active
 * user), and a profile without the permission (NO_PERMISSION).
 */
export function callRefusalReason(answer: CallRefusal, person: 'lead' | 'contact'): string {
  if (answer.wholeRequest)
    return `${requestRefusal(answer)} [Zoho: ${answer.code ?? 'no code'}, for the whole request]`;
  const field = answer.details?.api_name;
  const expected = answer.details?.expected_data_type;
  const words = ((): string => {
    switch (answer.code) {
      case 'MANDATORY_NOT_FOUND':
        return field
          ? `it requires a value in the field ${field}, which the app does not give (an administrator may have made it mandatory on Calls)`
          : 'it requires a field the app does not give';
      case 'INVALID_DATA':
        if (field && PERSON_FIELDS.includes(field))
          return `it no longer holds the ${person} this call is with (deleted or merged in Zoho, or no longer shared with you?)`;
        if (field === 'Owner')
          return "the call's owner is not an active user in Zoho (deactivated, or gone?)";
        return field
          ? `it would not take the call's value of the field ${field}${expected ? ` (it expects ${expected})` : ''}`
          : `it would not take the call (${answer.message ?? 'invalid data'})`;
      case 'NO_PERMISSION':
        return "the signed-in Zoho user's profile may not create calls";
      default:
        return answer.message ?? 'refused without a reason';
    }
  })();
  return `${words} [Zoho: ${answer.code ?? 'no code'}${field ? ` on ${field}` : ''}]`;
}
