import { NO_UNSENT_WORK, unsentWorkTotal, unsentWorkWords } from '../../shared/unsentWork';
import type { Unsent } from './signOutWords';

const them = (n: number): string => (n === 1 ? 'it' : 'them');
const kinds = ['calls', 'bookings', 'tasks', 'leads'] as const;

/**
 * Why a sign-in to another organisation waits (Settings › CRM account, Connect): the local copy is
 * of `orgName` and holds work that never reached it. "Connect to <orgName> to send" is said only of
 * what that organisation's syncs send: the outbox's calls, bookings, tasks and leads, and the plan marks where it keeps
 * them (the rule of Settings' words, `marksSent`). A lead kept on this computer only, and marks
 * where it keeps none, stay in the copy whichever organisation is connected: only Discard loses
 * them.
 */
export function unsentOnOtherOrganisation(orgName: string, work: Unsent): string {
  const marksSent = work.marksKeptNowhere === null;
  const unsent = unsentWorkTotal(work);
  const held = `This sign-in is not ${orgName}, whose local copy holds ${unsentWorkWords(work, { marksSent })} that never reached it.`;
  const discard = `tick "Discard" and connect again with a new grant code`;
  const stayingMarks = marksSent ? 0 : work.marks;
  const staying = work.keptLeads + stayingMarks;
  if (staying === 0) return `${held} Connect to ${orgName} to send ${them(unsent)}, or ${discard}.`;
  const why = [
    work.keptLeads > 0
      ? `No sync sends ${unsentWorkWords({ ...NO_UNSENT_WORK, keptLeads: work.keptLeads }, { article: 'the' })}.`
      : '',
    stayingMarks > 0
      ? `No sync can send ${unsentWorkWords({ ...NO_UNSENT_WORK, marks: stayingMarks }, { article: 'the', marksSent })}: ${work.marksKeptNowhere ?? ''}.`
      : '',
  ].filter((s) => s !== '');
  const stay = `${staying === 1 ? 'It stays' : 'They stay'} on this computer only, in the copy of ${orgName}, and "Discard" loses ${them(staying)}.`;
  if (staying === unsent)
    return `${held} ${why.join(' ')} ${stay} Connect to ${orgName} to keep ${them(staying)}, or ${discard}.`;
  // Named by kind: "the logged call", and the marks its syncs send where it keeps them.
  const sent = kinds
    .filter((k) => work[k] > 0)
    .map((k) => unsentWorkWords({ ...NO_UNSENT_WORK, [k]: work[k] }, { article: 'the' }))
    .concat(
      marksSent && work.marks > 0
        ? [unsentWorkWords({ ...NO_UNSENT_WORK, marks: work.marks }, { article: 'the', marksSent })]
        : [],
    );
  const last = sent.pop() ?? '';
  const sentWords = sent.length > 0 ? `${sent.join(', ')} and ${last}` : last;
  return `${held} ${why.join(' ')} ${stay} Connect to ${orgName} to send ${sentWords} and keep the rest, or ${discard} (${unsent === 2 ? 'both are' : `all ${unsent} are`} lost then).`;
}
