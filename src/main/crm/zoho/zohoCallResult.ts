import { lastedLongEnoughToBeAnswered } from '../../../shared/answeredCall';
import { CALL_OUTCOME_SUBJECT, CALL_OUTCOMES, type CallOutcome } from '../../../shared/callOutcome';

/**
 * How a call went, in Zoho's words and back. Zoho keeps it in Calls' `Call_Result` picklist,
 * whose default values (the field metadata of a new org) are "-None-", "Interested", "Not
 * interested", "No response/Busy", "Requested more info", "Requested call back" and "Invalid
 * number". Orgs often edit that list, so the pull also reads the words custom lists commonly use,
 * and falls back on the call's length (answeredCall.ts) when the result says nothing it knows.
 */

/**
 * What a logged call pushes: the default value that says no more than the rep did. An answered
 * call pushes none: each default value for a call that connected claims what the contact said
 * (interested, not, more info, call back), and a false "Interested" would feed the org's own
 * pipeline reports. No answer, busy and voicemail share "No response/Busy"; the subject tells
 * them apart (CALL_OUTCOME_SUBJECT).
 */
const PUSHED_RESULT: Record<CallOutcome, string | null> = {
  answered: null,
  no_answer: 'No response/Busy',
  busy: 'No response/Busy',
  voicemail: 'No response/Busy',
  wrong_number: 'Invalid number',
};

export function zohoCallResult(outcome: CallOutcome): string | null {
  return PUSHED_RESULT[outcome];
}

/** "No response/Busy": the call did not reach the contact, but which way is not said. */
type ReadResult = CallOutcome | 'not_reached';

/** A Call_Result value read: default values, then words custom lists use; null when unknown. */
function readResult(value: string | null): ReadResult | null {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === '-none-') return null;
  if (v === 'no response/busy') return 'not_reached';
  // Negative phrasings first: "not answered" and "not connected" contain the positive words.
  if (/wrong|invalid/.test(v)) return 'wrong_number';
  if (/voice ?mail|left (a )?(message|msg)/.test(v)) return 'voicemail';
  if (
    /no answer|not answered|unanswered|no response|unreachable|not reachable|not connected|switched off|no pick ?up/.test(
      v,
    )
  )
    return 'no_answer';
  if (/\bbusy\b/.test(v)) return 'busy';
  if (/interested|requested|call ?back|answered|connected|spoke|talked|conversation/.test(v))
    return 'answered';
  return null;
}

const BY_SUBJECT = new Map(
  CALL_OUTCOMES.map((o) => [CALL_OUTCOME_SUBJECT[o].toLowerCase(), o] as const),
);

/** The outcome a subject this app pushed names, if it is one of them. */
function subjectOutcome(subject: string | null): CallOutcome | null {
  return BY_SUBJECT.get((subject ?? '').trim().toLowerCase()) ?? null;
}

/**
 * How a call that happened went. An inbound call was answered by the rep, a missed one was not.
 * For a call the rep made (or one of unknown direction): a Call_Result that says, then a subject
 * this app wrote, then the length: more than a minute is answered (BT-1's rule), no length at
 * all is no answer, anything between is not known (a short answer and a voicemail look alike).
 */
export function callOutcome(call: {
  callType: string | null;
  result: string | null;
  subject: string | null;
  durationS: number | null;
}): CallOutcome | null {
  if (call.callType === 'Missed') return 'no_answer';
  if (call.callType === 'Inbound') return 'answered';
  const read = readResult(call.result);
  const bySubject = subjectOutcome(call.subject);
  if (read === 'not_reached')
    return bySubject === 'busy' || bySubject === 'voicemail' ? bySubject : 'no_answer';
  if (read) return read;
  if (bySubject) return bySubject;
  if (call.durationS === null) return null;
  if (lastedLongEnoughToBeAnswered(call.durationS)) return 'answered';
  return call.durationS === 0 ? 'no_answer' : null;
}
