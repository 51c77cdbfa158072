/**
 * Work done here that has not reached the CRM, by kind: what a sign-out or another organisation's
 * sign-in would lose.
 */
export interface UnsentWork {
  /** Calls logged here (Log call), refused ones included; bookings are counted apart. */
  calls: number;
  /** Calls booked here to come (Book), refused ones included. */
  bookings: number;
  tasks: number;
  /** Leads created here (Visits › Create lead) still to be sent, refused ones included. */
  leads: number;
  /** Plan marks (done, snoozed, skipped) no CRM holds: unsent, or an organisation keeping none. */
  marks: number;
  /** Leads created here and discarded: kept on this computer only, never to be sent. */
  keptLeads: number;
}

/**
 * The unsent work as Settings is told it: the counts, and whether the organisation keeps plan
 * marks, so that the panel's words say which of the two the marks are (UnsentWordsStyle.marksSent).
 */
export interface AccountUnsentWork extends UnsentWork {
  /**
   * The organisation the copy last read keeps plan marks (the CW Plan Marks module, whole): the
   * next sync sends those made here. False where it keeps none (they go with the copy), and where
   * no CRM copy is open (no CRM to send them to; the demo's marks are not counted).
   */
  marksSent: boolean;
}

export const NO_UNSENT_WORK: UnsentWork = {
  calls: 0,
  bookings: 0,
  tasks: 0,
  leads: 0,
  marks: 0,
  keptLeads: 0,
};

export const unsentWorkTotal = (w: UnsentWork): number =>
  w.calls + w.bookings + w.tasks + w.leads + w.marks + w.keptLeads;

/** How the work is named: counted ("2 logged calls"), or with "the" once it has been counted. */
export interface UnsentWordsStyle {
  /** "the logged call", "the 2 logged calls"; "the other …" for the rest of a kind already named. */
  article?: 'the' | 'the other';
  /**
   * The plan marks a sync will send: "made here". "Made only here" is kept for the marks no sync
   * can send (an organisation keeping none), so that the two cases never read alike. Unset: as
   * the work itself says (AccountUnsentWork), else "made only here".
   */
  marksSent?: boolean;
}

const counted = (n: number, one: string, many: string, style: UnsentWordsStyle): string => {
  if (style.article === undefined) return `${n} ${n === 1 ? one : many}`;
  return n === 1 ? `${style.article} ${one}` : `${style.article} ${n} ${many}`;
};

/**
 * The work in words ("2 logged calls, 1 call booked here and 1 task change"). Main's refusals and
 * Settings' buttons say it alike. A lead created here that never reached the CRM, or a mark the
 * CRM does not hold, is lost for good with the copy.
 */
export function unsentWorkWords(
  w: UnsentWork | AccountUnsentWork,
  style: UnsentWordsStyle = {},
): string {
  const marksSent = style.marksSent ?? ('marksSent' in w && w.marksSent);
  const parts: string[] = [];
  const say = (n: number, one: string, many: string): void => {
    if (n > 0) parts.push(counted(n, one, many, style));
  };
  say(w.leads, 'lead created here', 'leads created here');
  say(w.keptLeads, 'lead kept on this computer only', 'leads kept on this computer only');
  say(w.calls, 'logged call', 'logged calls');
  say(w.bookings, 'call booked here', 'calls booked here');
  say(w.tasks, 'task change', 'task changes');
  if (marksSent) say(w.marks, 'plan mark made here', 'plan marks made here');
  else say(w.marks, 'plan mark made only here', 'plan marks made only here');
  const last = parts.pop() ?? '';
  return parts.length > 0 ? `${parts.join(', ')} and ${last}` : last;
}
