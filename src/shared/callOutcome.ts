import { lastedLongEnoughToBeAnswered } from './answeredCall';

/**
 * How a call went, as the rep logs it (PL-4) and as the CRM's copy reads back: one vocabulary for
 * the dialog, the `activities.outcome` column, the outbox and the CRM mapping. Only `answered`
 * means the contact spoke with the rep; the others are attempts that did not reach them.
 */
export const CALL_OUTCOMES = [
  'answered',
  'no_answer',
  'busy',
  'voicemail',
  'wrong_number',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export function isCallOutcome(value: unknown): value is CallOutcome {
  return typeof value === 'string' && (CALL_OUTCOMES as readonly string[]).includes(value);
}

export const CALL_OUTCOME_LABEL: Record<CallOutcome, string> = {
  answered: 'Answered',
  no_answer: 'No answer',
  busy: 'Busy',
  voicemail: 'Voicemail',
  wrong_number: 'Wrong number',
};

/**
 * The subject a logged call carries to the CRM. The CRM's default Call Result picklist has one
 * value for no answer, busy and voicemail alike, so the pull reads these words back to tell them
 * apart (crm/zoho/zohoCallResult.ts): change one and calls already pushed read back coarser.
 */
export const CALL_OUTCOME_SUBJECT: Record<CallOutcome, string> = {
  answered: 'Call: answered',
  no_answer: 'Call: no answer',
  busy: 'Call: line busy',
  voicemail: 'Call: left a voicemail',
  wrong_number: 'Call: wrong number',
};

/**
 * The BT-1 signal of a call the rep made: `call_answered` only when the contact answered and the
 * call lasted more than a minute. A voicemail, however long the message, is no answer.
 */
export function outboundCallSignal(
  outcome: CallOutcome | null,
  durationS: number | null,
): 'call_answered' | null {
  return outcome === 'answered' && lastedLongEnoughToBeAnswered(durationS ?? 0)
    ? 'call_answered'
    : null;
}
