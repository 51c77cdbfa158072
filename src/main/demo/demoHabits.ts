import type { SignalType } from '../../shared/signals';
import type { Random } from './random';

/** How one demo person engages: the habits the best-time model should rediscover. */
export interface Habit {
  callWeekday: number;
  callHour: number;
  emailWeekdays: number[];
  emailHour: number;
  /** Share of events that follow the habit rather than falling anywhere in working hours. */
  focus: number;
  eventCount: number;
}

export function makeHabit(random: Random, meanEvents: number): Habit {
  const sparse = random.chance(0.15);
  const lateReader = random.chance(0.25);
  const eventCount = sparse
    ? random.int(1, 3)
    : Math.max(4, Math.round(meanEvents * (0.4 + random.next() * 1.2)));
  return {
    callWeekday: random.int(1, 5),
    callHour: random.weighted([
      [9, 3],
      [10, 5],
      [11, 4],
      [13, 2],
      [14, 3],
      [15, 3],
      [16, 2],
    ]),
    emailWeekdays: random.chance(0.5) ? [1, 2, 3, 4, 5] : [random.int(1, 5), random.int(1, 5)],
    emailHour: lateReader ? random.int(20, 22) : random.int(7, 16),
    focus: 0.45 + random.next() * 0.45,
    eventCount: sparse ? Math.min(eventCount, 3) : eventCount,
  };
}

/** Signal mix of the demo: every BT-1 type appears, the common ones often. */
export const SIGNAL_MIX: readonly (readonly [SignalType, number])[] = [
  ['call_answered', 18],
  ['call_inbound_missed', 4],
  ['call_inbound_answered', 6],
  ['email_opened', 30],
  ['email_link_clicked', 9],
  ['email_from_contact', 14],
  ['case_submitted', 3],
  ['case_reply_by_rep', 3],
  ['web_form_submitted', 2],
  ['social_wall_post', 1],
  ['social_comment', 2],
  ['social_like_or_dm', 3],
];

export interface SignalShape {
  kind: string;
  channel: string;
  direction: 'in' | 'out';
  sourceModule: string;
  subject: string;
  usesCallHabit: boolean;
}

export const SIGNAL_SHAPES: Record<
  Exclude<SignalType, 'chat_started' | 'page_visit' | 'call_no_answer'>,
  SignalShape
> = {
  call_answered: {
    kind: 'call',
    channel: 'call',
    direction: 'out',
    sourceModule: 'Calls',
    subject: 'Follow-up call',
    usesCallHabit: true,
  },
  call_inbound_missed: {
    kind: 'call',
    channel: 'call',
    direction: 'in',
    sourceModule: 'Calls',
    subject: 'Missed call from contact',
    usesCallHabit: true,
  },
  call_inbound_answered: {
    kind: 'call',
    channel: 'call',
    direction: 'in',
    sourceModule: 'Calls',
    subject: 'Inbound call',
    usesCallHabit: true,
  },
  email_opened: {
    kind: 'email',
    channel: 'email',
    // The contact's, as crm/zoho/zohoEmailMap.ts stores it: an 'out' email is the rep's work.
    direction: 'in',
    sourceModule: 'Emails',
    subject: 'Product update',
    usesCallHabit: false,
  },
  email_link_clicked: {
    kind: 'email',
    channel: 'email',
    // The contact's, as crm/zoho/zohoEmailMap.ts stores it: an 'out' email is the rep's work.
    direction: 'in',
    sourceModule: 'Emails',
    subject: 'Pricing overview',
    usesCallHabit: false,
  },
  email_from_contact: {
    kind: 'email',
    channel: 'email',
    direction: 'in',
    sourceModule: 'Emails',
    subject: 'Re: your proposal',
    usesCallHabit: false,
  },
  case_submitted: {
    kind: 'case',
    channel: 'case',
    direction: 'in',
    sourceModule: 'Cases',
    subject: 'Invoice export fails',
    usesCallHabit: false,
  },
  case_reply_by_rep: {
    kind: 'case',
    channel: 'case',
    direction: 'out',
    sourceModule: 'Cases',
    subject: 'Replied to support case',
    usesCallHabit: false,
  },
  web_form_submitted: {
    kind: 'form',
    channel: 'web',
    direction: 'in',
    sourceModule: 'Leads',
    subject: 'Request a demo',
    usesCallHabit: false,
  },
  social_wall_post: {
    kind: 'social',
    channel: 'social',
    direction: 'in',
    sourceModule: 'Social',
    subject: 'Posted on your wall',
    usesCallHabit: false,
  },
  social_comment: {
    kind: 'social',
    channel: 'social',
    direction: 'in',
    sourceModule: 'Social',
    subject: 'Commented on your post',
    usesCallHabit: false,
  },
  social_like_or_dm: {
    kind: 'social',
    channel: 'social',
    direction: 'in',
    sourceModule: 'Social',
    subject: 'Liked your post',
    usesCallHabit: false,
  },
};

/**
 * A demo call's length in seconds: about one in eight is 60 s or less, which BT-1 ignores as not
 * a real conversation; the rest last one to twenty-five minutes.
 */
export function demoCallSeconds(random: Random): number {
  return random.chance(0.12) ? random.int(5, 60) : random.int(61, 1500);
}
