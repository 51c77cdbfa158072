import { NO_UNSENT_WORK, unsentWorkTotal, unsentWorkWords } from '../../shared/unsentWork';
import { refusedTotal, refusedWords, sentByKind, type Unsent } from './signOutWords';

const them = (n: number): string => (n === 1 ? 'it' : 'them');

/** "the logged call, the task change and the lead created here". */
const listed = (parts: string[]): string => {
  const last = parts.pop() ?? '';
  return parts.length > 0 ? `${parts.join(', ')} and ${last}` : last;
};

/**
 * Why a sign-in to another organisation waits (Settings › CRM account, Connect): the local copy is
 * of `orgName` and holds work that never reached it. "Connect to <orgName> to send" is said only of
 * what that organisation's syncs send: the outbox's calls, bookings, tasks and leads Zoho has not
 * refused, and the plan marks where it keeps them (the rule of Settings' words, `marksSent`).
 * A lead kept on this computer only, and marks where it keeps none, stay in the copy whichever
 * organisation is connected: only Discard loses them. Work Zoho refused is not sent by connecting
 * either: the connected panel lists it, for Retry or Discard; and a booking whose time passed, refused
 * or not tried yet, can never be sent (outboxPush refuses it late), so it is offered Discard only,
 * as the list does.
 */
export function unsentOnOtherOrganisation(orgName: string, work: Unsent): string {
  const marksSent = work.marksKeptNowhere === null;
  const unsent = unsentWorkTotal(work);
  const held = `This sign-in is not ${orgName}, whose local copy holds ${unsentWorkWords(work, { marksSent })} that never reached it.`;
  const discard = `tick "Discard" and connect again with a new grant code`;
  const stayingMarks = marksSent ? 0 : work.marks;
  const staying = work.keptLeads + stayingMarks;
  const refused = refusedTotal(work.refused);
  const retryable = refused - work.passed;
  // Refused for it, or to be at the next sync: no booking is sent once its time is gone.
  const passed = work.passed + work.passedUnsent;
  // One no sync has tried yet is listed only once the first sync after connecting sets it aside.
  const untried =
    work.passedUnsent === 0
      ? ''
      : `, once its first sync has set ${work.passedUnsent === passed ? them(passed) : `the ${work.passedUnsent === 1 ? 'one' : work.passedUnsent} not tried yet`} aside,`;
  if (staying === 0 && refused === 0 && passed === 0)
    return `${held} Connect to ${orgName} to send ${them(unsent)}, or ${discard}.`;
  const sentences = [
    work.keptLeads > 0
      ? `No sync sends ${unsentWorkWords({ ...NO_UNSENT_WORK, keptLeads: work.keptLeads }, { article: 'the' })}.`
      : '',
    stayingMarks > 0
      ? `No sync can send ${unsentWorkWords({ ...NO_UNSENT_WORK, marks: stayingMarks }, { article: 'the', marksSent })}: ${work.marksKeptNowhere ?? ''}.`
      : '',
    staying > 0
      ? `${staying === 1 ? 'It stays' : 'They stay'} on this computer only, in the copy of ${orgName}, and "Discard" loses ${them(staying)}.`
      : '',
    // Connecting lists them (Settings › CRM account, signed in only); a sync leaves them there.
    retryable > 0
      ? `Zoho refused ${refusedWords(work, { ...work.refused, bookings: work.refused.bookings - work.passed })}: connecting to ${orgName} does not send ${them(retryable)}, but lists ${them(retryable)} in Settings › CRM account, to retry once what Zoho said is mended, or to discard.`
      : '',
    passed > 0
      ? `${passed === 1 ? 'The call booked here whose time passed' : `The ${passed} calls booked here whose times passed`} can never be sent: connecting to ${orgName} lists ${them(passed)} ${retryable > 0 ? 'there' : 'in Settings › CRM account'}${untried} to discard, and you book again at a time to come.`
      : '',
  ].filter((s) => s !== '');
  // What the organisation's syncs send, named by kind: "the other logged call" beside a refused one.
  const sent = sentByKind(work);
  const lost = unsent === 1 ? 'it is' : unsent === 2 ? 'both are' : `all ${unsent} are`;
  // Where the sentences above say "Discard" loses all of it, it is not said again.
  const lostThen = staying === unsent ? '' : ` (${lost} lost then)`;
  const connect =
    sent.length > 0
      ? `Connect to ${orgName} to send ${listed(sent)} and keep the rest`
      : `Connect to ${orgName} to keep ${them(unsent)}`;
  return `${held} ${sentences.join(' ')} ${connect}, or ${discard}${lostThen}.`;
}
