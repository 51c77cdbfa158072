import { lastedLongEnoughToBeAnswered } from '../../../shared/answeredCall';
import type { Channel, SignalType } from '../../../shared/signals';

interface SignalProfile {
  /** How much one signal tells about reachability by phone and by email. */
  call: number;
  email: number;
  /** Verb phrase for explanations, singular and plural. */
  one: string;
  many: string;
}

/**
 * Weights are judgement, not fitted: a signal counts fully for the channel it happened on,
 * partly for the other (someone at their desk reading mail can often pick up the phone), and
 * weakly when it only shows the contact was around (visits, chats, the rep's own case reply).
 * A weight of at least QUALIFYING_WEIGHT is needed before a channel is suggested at all, so a
 * contact who only opens emails never gets a call window built from borrowed patterns.
 */
const PROFILES: Record<SignalType, SignalProfile> = {
  call_answered: { call: 1, email: 0.2, one: 'answered 1 call', many: 'answered # calls' },
  call_inbound_missed: {
    call: 0.8,
    email: 0.1,
    one: 'called once (missed)',
    many: 'called # times (missed)',
  },
  call_inbound_answered: {
    call: 0.9,
    email: 0.15,
    one: 'called in once',
    many: 'called in # times',
  },
  email_opened: { call: 0.1, email: 0.6, one: 'opened 1 email', many: 'opened # emails' },
  email_link_clicked: {
    call: 0.15,
    email: 0.8,
    one: 'clicked a link in 1 email',
    many: 'clicked links in # emails',
  },
  email_from_contact: { call: 0.3, email: 1, one: 'sent 1 email', many: 'sent # emails' },
  case_submitted: { call: 0.3, email: 0.5, one: 'submitted 1 case', many: 'submitted # cases' },
  case_reply_by_rep: {
    call: 0.1,
    email: 0.15,
    one: 'had 1 case reply',
    many: 'had # case replies',
  },
  web_form_submitted: {
    call: 0.3,
    email: 0.4,
    one: 'submitted 1 web form',
    many: 'submitted # web forms',
  },
  social_wall_post: {
    call: 0.2,
    email: 0.3,
    one: 'posted on the wall once',
    many: 'posted on the wall # times',
  },
  social_comment: { call: 0.2, email: 0.3, one: 'commented once', many: 'commented # times' },
  social_like_or_dm: {
    call: 0.15,
    email: 0.25,
    one: 'liked or messaged once',
    many: 'liked or messaged # times',
  },
  chat_started: { call: 0.3, email: 0.3, one: 'started 1 chat', many: 'started # chats' },
  page_visit: {
    call: 0.1,
    email: 0.1,
    one: 'visited the site once',
    many: 'visited the site # times',
  },
  // Not engagement: an attempt that failed. It weighs nothing in the shares and counts against
  // its hour through the answer rate (answerRates.ts).
  call_no_answer: {
    call: 0,
    email: 0,
    one: '1 call went unanswered',
    many: '# calls went unanswered',
  },
};

/**
 * Signals at least this strong for a channel are the acts a rep wants to predict there (a
 * reply, an open, a call): the sittings the evaluation scores and the star calibration learns
 * from.
 */
export const QUALIFYING_WEIGHT = 0.5;

/**
 * Which signals are the contact's own evidence for a channel: what opens the channel (BT-1,
 * every signal counts: one web form, chat, page view or like gives an e-mail window as one open
 * does) and what a window's reason names. Calls only from calls: a contact who only reads mail
 * gets no call window built from borrowed patterns, and a call window is never explained by
 * e-mails. An unanswered call is evidence for neither.
 */
const CALL_TYPES = new Set<SignalType>([
  'call_answered',
  'call_inbound_missed',
  'call_inbound_answered',
]);

export function isOwnEvidence(type: SignalType, channel: Channel): boolean {
  if (type === 'call_no_answer') return false;
  return channel === 'call' ? CALL_TYPES.has(type) : !CALL_TYPES.has(type);
}

export function signalWeight(type: SignalType, channel: Channel): number {
  return PROFILES[type][channel];
}

/** "many" split around its "#", once, so explaining a million windows does no searching. */
const MANY_PARTS = new Map(
  Object.entries(PROFILES).map(([type, p]) => {
    const [before = '', after = ''] = p.many.split('#');
    return [type, { before, after }] as const;
  }),
);

export function describeSignals(type: SignalType, count: number): string {
  if (count === 1) return PROFILES[type].one;
  const parts = MANY_PARTS.get(type);
  return parts ? parts.before + count + parts.after : PROFILES[type].many;
}

/**
 * False for signals that are not engagement whatever the channel: an "answered" call of a
 * minute or less (BT-1), which is an unanswered attempt instead (isUnansweredCall), and an
 * unanswered call. An answered call without a recorded duration is kept: sources that omit
 * durations still log only connected calls, and dropping them would silence the strongest call
 * signal.
 */
export function isUsableSignal(type: SignalType, durationS: number | undefined): boolean {
  if (type === 'call_no_answer') return false;
  if (type !== 'call_answered' || durationS === undefined) return true;
  return lastedLongEnoughToBeAnswered(durationS);
}

/**
 * A call the rep placed that did not reach the contact (BT-12): one marked so (no answer, busy,
 * voicemail; any duration, a voicemail can run long), or one logged as answered that lasted a
 * minute or less.
 */
export function isUnansweredCall(type: SignalType, durationS: number | undefined): boolean {
  if (type === 'call_no_answer') return true;
  return (
    type === 'call_answered' && durationS !== undefined && !lastedLongEnoughToBeAnswered(durationS)
  );
}
