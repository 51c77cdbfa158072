import { unsentWorkTotal, unsentWorkWords, type UnsentWork } from '../../shared/unsentWork';

/** What leaving this copy of the CRM would lose: work done here that has not reached it. */
export interface Unsent extends UnsentWork {
  /** Of the calls, bookings, tasks and leads, the ones Zoho refused: no sync sends them. */
  refused: number;
  /** Of those, the ones Retry can send: a booking whose time passed offers Discard only. */
  retryable: number;
  /** Why no sync sends the plan marks made here (the CRM keeps none), or null when one does. */
  marksKeptNowhere: string | null;
}

const plural = (n: number, word: string): string => `${word}${n === 1 ? '' : 's'}`;
const them = (n: number): string => (n === 1 ? 'it' : 'them');

/**
 * Why sign-out waits for the unsent work, and what the user can do about each kind. Each kind gets
 * a sentence of its own: a clause about why plan marks stay here must not run into the next kind.
 */
export function unsentOnSignOut(work: Unsent): string {
  const { refused, retryable } = work;
  const unsent = unsentWorkTotal(work);
  const has = unsent === 1 ? 'has' : 'have';
  const calls = `${unsentWorkWords(work)} ${has} not reached the CRM`;
  // A lead discarded here is kept on this computer only: nothing sends it, nothing mends it.
  const keptLeads = work.keptLeads;
  // Where the CRM keeps no plan marks, no sync sends them: saying one would is untrue.
  const stayingMarks = work.marksKeptNowhere !== null ? work.marks : 0;
  const kept = keptLeads + stayingMarks;
  const rest = unsent - refused - kept;
  if (refused === 0 && kept === 0)
    return `${calls} yet: sync while online first, or choose to sign out and lose ${them(unsent)}.`;
  // A sync will not send a refused call: the user must mend, retry or discard it. Sign-out is
  // asked for in Settings › CRM account, under the list of refused entries and their buttons.
  // Retry is said only where the list offers it: a booking whose time passed has Discard only.
  const mend =
    retryable === 0
      ? `discard ${them(refused)} in the list above (${refused === 1 ? 'its' : 'their'} time passed: ${refused === 1 ? 'it cannot' : 'they cannot'} be sent)`
      : retryable === refused
        ? `send ${them(refused)} again with Retry in the list above once that is mended in Zoho, or discard ${them(refused)} there`
        : `send those with Retry in the list above again once that is mended in Zoho, or discard ${them(refused)} there`;
  if (refused === unsent)
    return `${calls}: Zoho refused ${them(unsent)} (the list above says why). ${mend[0]?.toUpperCase()}${mend.slice(1)}; or choose to sign out and lose ${them(unsent)}.`;
  const sentences = [
    refused > 0 ? `Zoho refused ${refused} of them (the list above says why): ${mend}.` : '',
    keptLeads > 0
      ? `The ${plural(keptLeads, 'lead')} kept on this computer only go${keptLeads === 1 ? 'es' : ''} with the copy.`
      : '',
    stayingMarks > 0
      ? `No sync can send the ${plural(stayingMarks, 'plan mark')} made only here: ${work.marksKeptNowhere ?? ''}.`
      : '',
    rest > 0 ? `A sync while online sends the ${plural(rest, 'other')}.` : '',
  ].filter((s) => s !== '');
  // Only work no sync will ever send is left: there is nothing to wait for.
  const choice =
    refused === 0 && rest === 0
      ? `Stay signed in to keep ${them(unsent)}, or choose to sign out and lose ${them(unsent)}.`
      : `Or choose to sign out and lose ${them(unsent)}.`;
  return `${calls}${refused === 0 && rest === 0 ? ', and no sync will send ' + them(unsent) : ''}. ${sentences.join(' ')} ${choice}`;
}
