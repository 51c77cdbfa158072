import type { TimelineItem } from '@shared/contract';

/**
 * A timeline entry as a sentence from the side of whoever acted. Engagement signals (BT-1) are
 * the contact's doing even where the CRM files them under our e-mail ("Opened: …, by us"): they
 * read "They opened “Product update”". Other activities keep their subject and who did them.
 */
export function timelineText(t: TimelineItem): { text: string; who: string | null } {
  const quoted = t.subject ? `“${t.subject}”` : null;
  const about = (sentence: string): string => (quoted ? `${sentence} ${quoted}` : sentence);
  switch (t.signal) {
    case 'email_opened':
      return { text: about('They opened'), who: null };
    case 'email_link_clicked':
      return { text: about(quoted ? 'They clicked a link in' : 'They clicked a link'), who: null };
    case 'email_from_contact':
      return { text: quoted ? `They emailed: ${quoted}` : 'They emailed', who: null };
    case 'call_answered':
      return { text: withSubject('They answered our call', quoted), who: null };
    case 'call_inbound_missed':
      return { text: 'They called; we missed it', who: null };
    case 'call_inbound_answered':
      return { text: withSubject('They called; we answered', quoted), who: null };
    case 'case_submitted':
      return {
        text: quoted ? `They opened a support case: ${quoted}` : 'They opened a support case',
        who: null,
      };
    case 'case_reply_by_rep':
      return { text: 'We answered their support case', who: null };
    case 'web_form_submitted':
      return {
        text: quoted ? `They sent a web form: ${quoted}` : 'They sent a web form',
        who: null,
      };
    case 'social_wall_post':
      return { text: 'They posted on our wall', who: null };
    case 'social_comment':
      return { text: 'They commented on our post', who: null };
    case 'social_like_or_dm':
      return { text: 'They liked our post or messaged us', who: null };
    case 'chat_started':
      return { text: 'They started a chat on the website', who: null };
    case 'page_visit':
      return { text: 'They visited the website', who: null };
    default:
      return {
        text: t.subject ?? t.kind,
        who: whoOrState(t),
      };
  }
}

/**
 * The side of a timeline entry that is no engagement signal: where it stands when it is not done
 * yet (or never will be), else who did it. Worded as the planner words booked work: a call or task
 * still open after its time is "overdue", not "planned" (statusAt).
 */
function whoOrState(t: TimelineItem): string {
  if (t.refused) return 'booking refused by Zoho: see Settings › CRM account';
  switch (t.status) {
    case 'scheduled':
      return 'planned';
    case 'overdue':
      return 'overdue';
    case 'cancelled':
      return 'cancelled';
    default:
      // A task is done, by whoever did it; a call, e-mail or meeting says who made it.
      if (t.kind === 'task') return 'done';
      return t.direction === 'in' ? 'from them' : 'by us';
  }
}

/** Subjects CRMs and the app give calls by default: they add nothing to the sentence. */
const PLAIN_CALL =
  /^“((follow-up |inbound |outbound |missed )?call( from contact)?|call: [a-z ]+)”$/i;

/** A call's own subject, when it says more than the sentence (a note does, "Follow-up call" not). */
function withSubject(sentence: string, quoted: string | null): string {
  return quoted && !PLAIN_CALL.test(quoted) ? `${sentence}: ${quoted}` : sentence;
}
