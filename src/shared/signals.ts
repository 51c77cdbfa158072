/**
 * The engagement signals of BT-1 (plus chat starts and page views, which the seed also counts
 * as the contact's behaviour), and one event that is not engagement: `call_no_answer`, a call
 * the rep placed that the contact did not answer (no answer, busy, voicemail), evidence against
 * that hour for calls (BT-12). The string values are the `event_type` column of the `besttime`
 * command's CSV and the `signal` column of the activities table: one vocabulary everywhere.
 */
export const SIGNAL_TYPES = [
  'call_answered',
  'call_inbound_missed',
  'call_inbound_answered',
  'email_opened',
  'email_link_clicked',
  'email_from_contact',
  'case_submitted',
  'case_reply_by_rep',
  'web_form_submitted',
  'social_wall_post',
  'social_comment',
  'social_like_or_dm',
  'chat_started',
  'page_visit',
  'call_no_answer',
] as const;

export type SignalType = (typeof SIGNAL_TYPES)[number];

export function isSignalType(value: string): value is SignalType {
  return (SIGNAL_TYPES as readonly string[]).includes(value);
}

/** Channels a suggestion is made for (BT-2). */
export const CHANNELS = ['call', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
