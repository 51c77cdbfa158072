import {
  NO_UNSENT_WORK,
  unsentWorkTotal,
  unsentWorkWords,
  type UnsentWork,
} from '../../shared/unsentWork';

/** Of the unsent calls, bookings, tasks and leads, the ones Zoho refused: no sync sends them. */
export interface RefusedWork {
  calls: number;
  bookings: number;
  tasks: number;
  leads: number;
}

/** What leaving this copy of the CRM would lose: work done here that has not reached it. */
export interface Unsent extends UnsentWork {
  refused: RefusedWork;
  /** Of the refused bookings, those whose time passed: the list offers Discard only, not Retry. */
  passed: number;
  /**
   * Of the bookings no sync has tried yet, those whose time passed: the next sync sets them aside
   * unsent, with the refused (countPassedBookingsUnsent).
   */
  passedUnsent: number;
  /** Why no sync sends the plan marks made here (the CRM keeps none), or null when one does. */
  marksKeptNowhere: string | null;
}

export const NOTHING_REFUSED: RefusedWork = { calls: 0, bookings: 0, tasks: 0, leads: 0 };

const plural = (n: number, word: string): string => `${word}${n === 1 ? '' : 's'}`;
const them = (n: number): string => (n === 1 ? 'it' : 'them');
const all = (n: number): string => (n === 2 ? 'both' : `all ${n}`);
export const refusedTotal = (r: RefusedWork): number => r.calls + r.bookings + r.tasks + r.leads;
const capital = (s: string): string => `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`;
const kinds = ['calls', 'bookings', 'tasks', 'leads'] as const;

/**
 * The refused work named by kind: "the logged call", or "1 of the 2 logged calls" where the kind
 * also holds work a sync sends.
 */
export function refusedWords(work: Unsent, refused: RefusedWork): string {
  const parts = kinds
    .filter((k) => refused[k] > 0)
    .map((k) => {
      const one = unsentWorkWords({ ...NO_UNSENT_WORK, [k]: refused[k] }, { article: 'the' });
      if (refused[k] === work[k]) return one;
      return `${refused[k]} of ${unsentWorkWords({ ...NO_UNSENT_WORK, [k]: work[k] }, { article: 'the' })}`;
    });
  const last = parts.pop() ?? '';
  return parts.length > 0 ? `${parts.join(', ')} and ${last}` : last;
}

/**
 * What to do in the list of refused entries (Settings › CRM account, above the sign-out button).
 * Retry is offered only where the list offers it: a booking whose time passed has Discard only,
 * so when only some can be retried, the sentence names which.
 */
function mending(work: Unsent): string {
  const { refused, passed } = work;
  const count = refusedTotal(refused);
  const retryable = count - passed;
  const discardOnly = `discard ${them(count)} in the list above (${count === 1 ? 'its' : 'their'} time passed: ${count === 1 ? 'it cannot' : 'they cannot'} be sent)`;
  const retry = (n: number, what: string): string =>
    `send ${what} again with Retry in the list above once that is mended in Zoho, or discard ${them(n)} there`;
  if (retryable === 0) return discardOnly;
  if (passed === 0) return retry(count, them(count));
  // Some of the refused bookings can still go, some cannot: name each group by what it is.
  const toCome = refused.bookings - passed;
  const retried = unsentWorkWords(
    { ...NO_UNSENT_WORK, ...refused, bookings: 0 },
    { article: 'the' },
  );
  const comingBookings =
    toCome > 0
      ? `${toCome === 1 ? 'the call' : `the ${toCome} calls`} booked here still to come`
      : '';
  const named = [retried, comingBookings].filter((s) => s !== '').join(' and ');
  const gone = `${passed === 1 ? 'the call' : `the ${passed} calls`} booked here whose time passed`;
  return `${retry(retryable, named)}; ${gone} can only be discarded there`;
}

/**
 * What a sync sends, named by kind: "the other logged call" beside a refused one; neither the
 * refused work nor a booking whose time passed, and the plan marks only where the CRM keeps them.
 */
export function sentByKind(work: Unsent): string[] {
  const marksSent = work.marksKeptNowhere === null;
  return kinds
    .map((k) => {
      const apart = work.refused[k] + (k === 'bookings' ? work.passedUnsent : 0);
      const n = work[k] - apart;
      if (n === 0) return '';
      return unsentWorkWords(
        { ...NO_UNSENT_WORK, [k]: n },
        { article: apart > 0 ? 'the other' : 'the' },
      );
    })
    .concat(
      marksSent && work.marks > 0
        ? [unsentWorkWords({ ...NO_UNSENT_WORK, marks: work.marks }, { article: 'the', marksSent })]
        : [],
    )
    .filter((s) => s !== '');
}

/**
 * Why sign-out waits for the unsent work, and what the user can do about each kind. Each kind gets
 * a sentence of its own: a clause about why plan marks stay here must not run into the next kind.
 */
export function unsentOnSignOut(work: Unsent): string {
  const refused = refusedTotal(work.refused);
  const unsent = unsentWorkTotal(work);
  const has = unsent === 1 ? 'has' : 'have';
  // Where the CRM keeps no plan marks, no sync sends them: saying one would is untrue.
  const marksSent = work.marksKeptNowhere === null;
  const calls = `${unsentWorkWords(work, { marksSent })} ${has} not reached the CRM`;
  // A lead discarded here is kept on this computer only: nothing sends it, nothing mends it.
  const keptLeads = work.keptLeads;
  const stayingMarks = marksSent ? 0 : work.marks;
  const kept = keptLeads + stayingMarks;
  // A booking whose time passed is not sent by a sync either: it sets it aside, for Discard only.
  const passedUnsent = work.passedUnsent;
  const rest = unsent - refused - kept - passedUnsent;
  if (refused === 0 && kept === 0 && passedUnsent === 0)
    return `${calls} yet: sync while online first, or choose to sign out and lose ${them(unsent)}.`;
  // A sync will not send a refused call: the user must mend, retry or discard it. Sign-out is
  // asked for in Settings › CRM account, under the list of refused entries and their buttons.
  if (refused === unsent)
    return `${calls}: Zoho refused ${them(unsent)} (the list above says why). ${capital(mending(work))}; or choose to sign out and lose ${them(unsent)}.`;
  const sent = sentByKind(work);
  const sentWords =
    sent.length > 1 ? `${sent.slice(0, -1).join(', ')} and ${sent[sent.length - 1]}` : sent[0];
  const sentences = [
    refused > 0
      ? `Zoho refused ${refusedWords(work, work.refused)} (the list above says why): ${mending(work)}.`
      : '',
    passedUnsent > 0
      ? `${passedUnsent === 1 ? 'The call booked here whose time passed' : `The ${passedUnsent} calls booked here whose times passed`} can never be sent: a sync while online sets ${them(passedUnsent)} aside in the list above, to discard.`
      : '',
    keptLeads > 0
      ? `The ${plural(keptLeads, 'lead')} kept on this computer only go${keptLeads === 1 ? 'es' : ''} with the copy.`
      : '',
    stayingMarks > 0
      ? `No sync can send the ${plural(stayingMarks, 'plan mark')} made only here: ${work.marksKeptNowhere ?? ''}.`
      : '',
    rest > 0 ? `A sync while online sends ${sentWords ?? ''}.` : '',
  ].filter((s) => s !== '');
  // Only work no sync will ever send is left: there is nothing to wait for.
  const choice =
    refused === 0 && rest === 0 && passedUnsent === 0
      ? `Stay signed in to keep ${them(unsent)}, or choose to sign out and lose ${them(unsent)}.`
      : refused === 0
        ? `Sync while online first, or choose to sign out now and lose ${unsent === 1 ? 'it' : all(unsent)}.`
        : // A sync leaves the refused work where it is: the list above is the way out.
          `Stay signed in to deal with ${them(unsent)}, or choose to sign out now and lose ${all(unsent)}.`;
  const noneSent = refused === 0 && rest === 0 && passedUnsent === 0;
  return `${calls}${noneSent ? ', and no sync will send ' + them(unsent) : ''}. ${sentences.join(' ')} ${choice}`;
}
