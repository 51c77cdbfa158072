import { DateTime } from 'luxon';
import { RecordRefusedError, type OutboxLead, type PushedCall } from '../crmSource';
import type { ZohoHttp } from './zohoHttp';
import { findLandedLead } from './zohoLandedLead';
import { landedLeadNote } from '../../../shared/landedLeadRule';
import { firstRecordAnswer, refusalAnswer, type RecordAnswer } from './zohoRecordAnswer';

/** Zoho's fields of a lead, by what the rep filled in. */
const FIELD_WORDS: Record<string, string> = {
  Last_Name: 'last name',
  First_Name: 'first name',
  Email: 'e-mail',
  Company: 'company',
  Owner: 'owner',
};

/**
 * Why Zoho refused the lead, in words the rep can act on, then Zoho's code and field for whoever
 * mends it. Zoho documents these per-record codes for a create: a field it requires that the lead
 * lacks (MANDATORY_NOT_FOUND: Last_Name always, others an administrator made mandatory), a value
 * it will not take (INVALID_DATA, also an owner who is not an active user), a value of a field
 * that allows no duplicates another record holds (DUPLICATE_DATA), a profile without the right.
 */
function leadRefusalReason(answer: RecordAnswer, lead: OutboxLead): string {
  const field = answer.details?.api_name;
  const words = field ? (FIELD_WORDS[field] ?? `field ${field}`) : null;
  const said = ((): string => {
    switch (answer.code) {
      case 'MANDATORY_NOT_FOUND':
        return words && field && FIELD_WORDS[field]
          ? `it requires a ${words}`
          : `it requires a value in the field ${field ?? 'it did not name'}, which this app does not fill (an administrator made it mandatory on Leads): fill it in Zoho on a lead made there, or ask them to make it optional`;
      case 'DUPLICATE_DATA': {
        const holder = answer.details?.duplicate_record;
        const record = holder?.id ? ` (record ${holder.id})` : '';
        const owner = holder?.Owner;
        if (field === 'Email' && lead.email && owner?.id && owner.id !== lead.ownerId)
          return `the e-mail ${lead.email} belongs to a lead of another rep${owner.name ? `, ${owner.name}` : ''}${record}, and Zoho allows it once only: that lead stays theirs; discard this one, or agree with them who keeps ${lead.lastName}`;
        return field === 'Email' && lead.email
          ? `it already holds a lead with the e-mail ${lead.email}${record}, and allows no second one: the next sync brings that lead; discard this one, or change the e-mail in Zoho and retry`
          : `another record already holds this lead's ${words ?? 'value'}, which Zoho allows once only`;
      }
      case 'INVALID_DATA':
        if (field === 'Owner') return 'the owner (you) is not an active user in Zoho';
        return `it would not take the lead's ${words ?? 'data'}`;
      case 'NO_PERMISSION':
        return "the signed-in Zoho user's profile may not create leads";
      default:
        return answer.message ?? 'refused without a reason';
    }
  })();
  return `${said} [Zoho: ${answer.code ?? 'no code'}${field ? ` on ${field}` : ''}${answer.wholeRequest ? ', for the whole request' : ''}]`;
}

/**
 * Creates the lead in Zoho's Leads (`POST /crm/v8/Leads`) and returns its id. Zoho's insert makes
 * a record per request, so an attempt after one whose answer was lost first looks for the lead
 * that attempt may have made (zohoLandedLead.ts) and takes it; it creates only when Zoho holds
 * none, and waits while it cannot tell. Zoho's search may still miss that lead (its index lag has
 * no documented bound; this computer's clock may be off Zoho's): where the e-mail is unique, the
 * create is then refused as a duplicate naming the lead, taken as this one when it is the same
 * rep's, and never when it is another rep's.
 */
export async function pushZohoLead(
  http: ZohoHttp,
  lead: OutboxLead,
  createSent: () => void,
  signal?: AbortSignal,
): Promise<PushedCall> {
  // Said as before the search was made (the sync CLI prints it as a note).
  const taken = (crmId: string): PushedCall => ({
    crmId,
    note: landedLeadNote(lead),
  });
  if (lead.mayExist) {
    const landed = await findLandedLead(http, lead, lead.mayExist, signal);
    if (landed.kind === 'found') return taken(landed.id);
    const attempt = DateTime.fromMillis(lead.mayExist.sentAt, { zone: 'utc' }).toFormat(
      "yyyy-MM-dd HH:mm 'UTC'",
    );
    if (landed.kind === 'unsure')
      throw new Error(
        `Waiting to learn whether the attempt of ${attempt} created the lead ${lead.lastName} in Zoho (its answer was lost): ${landed.why}. It is not sent again until that is known, so Zoho never holds it twice.`,
      );
    // Refused: the entry keeps its create time, so the lead is still known when the records run
    // brings it (sync/storedLandedLeads.ts); a Retry clears it and creates without asking.
    if (landed.kind === 'refused')
      throw new RecordRefusedError(
        `Zoho refused the search that tells whether the attempt of ${attempt} created the lead ${lead.lastName} (its answer was lost), so it was not sent again: ${landed.why}. Look for ${lead.lastName}${lead.email ? ` (${lead.email})` : ''} among your leads in Zoho: if it is there, Discard this one; if not, Retry creates it`,
        true,
      );
  }
  const record: Record<string, unknown> = {
    Last_Name: lead.lastName,
    ...(lead.firstName ? { First_Name: lead.firstName } : {}),
    ...(lead.email ? { Email: lead.email } : {}),
    ...(lead.company ? { Company: lead.company } : {}),
    ...(lead.ownerId ? { Owner: { id: lead.ownerId } } : {}),
  };
  createSent();
  let answer: RecordAnswer;
  try {
    const res = await http.request('/crm/v8/Leads', {
      method: 'POST',
      json: { data: [record] },
      createsRecord: true,
      ...(signal ? { signal } : {}),
    });
    answer = firstRecordAnswer(res.body);
  } catch (error) {
    const refused = refusalAnswer(error);
    if (!refused) throw error;
    answer = refused;
  }
  // The lead the lost attempt made, missed by the search: Zoho names it, with its owner.
  const holder = answer.details?.duplicate_record;
  if (
    lead.mayExist &&
    lead.ownerId &&
    answer.code === 'DUPLICATE_DATA' &&
    answer.details?.api_name === 'Email' &&
    holder?.id &&
    holder.Owner?.id === lead.ownerId
  )
    return taken(holder.id);
  if (answer.status !== 'success' || !answer.details?.id) {
    const message = `Zoho did not create the lead ${[lead.firstName, lead.lastName].filter(Boolean).join(' ')}`;
    if (answer.status === 'error')
      throw new RecordRefusedError(`${message}: ${leadRefusalReason(answer, lead)}`);
    throw new Error(`${message}: ${answer.message ?? 'no answer'}`);
  }
  return { crmId: answer.details.id };
}
