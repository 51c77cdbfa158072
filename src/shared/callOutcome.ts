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

/** The outcomes of a call that did not reach the person: they are still to be called. */
export type UnansweredOutcome = Extract<CallOutcome, 'no_answer' | 'busy' | 'voicemail'>;

/**
 * Whether a call went unanswered: no answer, busy or voicemail. Logged so, it leaves the row on
 * the day's plan to try again; an answered call, or a wrong number (nothing more to do that day),
 * marks it done.
 */
export function isUnanswered(
  outcome: CallOutcome | null | undefined,
): outcome is UnansweredOutcome {
  return outcome === 'no_answer' || outcome === 'busy' || outcome === 'voicemail';
}

/**
 * An answered call is one the rep and the contact talked on: at least a minute, as the rep counts
 * it (a call nobody spoke on is no answer, busy or voicemail). A "0 minutes, answered" call used to
 * be stored, mark the row done and work its window on the Team page, while the model read it as
 * unanswered. At most ten hours: a longer length is a typo.
 */
export const ANSWERED_MIN_MINUTES = 1;
export const CALL_MAX_MINUTES = 600;

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
 * The signal of a call the rep made. `call_answered` (BT-1) only when the contact answered and
 * the call lasted more than a minute; `call_no_answer` (BT-12, evidence against that hour for
 * calls) when it did not reach them: no answer, busy, a voicemail however long the message, or a
 * call of a minute or less. A wrong number says nothing about the contact's hours.
 */
export function outboundCallSignal(
  outcome: CallOutcome | null,
  durationS: number | null,
): 'call_answered' | 'call_no_answer' | null {
  switch (outcome) {
    case 'wrong_number':
      return null;
    case 'no_answer':
    case 'busy':
    case 'voicemail':
      return 'call_no_answer';
    case 'answered':
      return lastedLongEnoughToBeAnswered(durationS ?? 0) ? 'call_answered' : 'call_no_answer';
    case null:
      // Not told how it went: only its length says, and only a short one says anything here.
      return durationS !== null && !lastedLongEnoughToBeAnswered(durationS)
        ? 'call_no_answer'
        : null;
  }
}
