import { Duration } from 'luxon';
import type { EmailResponsiveness, ResponseTime } from '../../../shared/contract';
import type { EmailEvent } from '../../../shared/emailEvent';

/**
 * How far back reaction times are taken from: a year of a contact's mail says how they read it
 * now; habits of three jobs ago do not. Durations are elapsed time (epoch ms), so a mail sent
 * before a daylight-saving change and opened after it took as long as the clocks say it did.
 */
export const RESPONSE_LOOKBACK_MS = Duration.fromObject({ days: 365 }).toMillis();

/**
 * A contact's e-mail answers the rep's most recent mail to them only when it comes within 7
 * days of it: Zoho gives no thread of a mail (no In-Reply-To), so a reply is inferred by time,
 * and a week covers a weekend and a few days out of the office, where a mail weeks later is most
 * often a new conversation, not an answer. Opens and clicks need no limit: they name their mail.
 */
const REPLY_WITHIN_MS = Duration.fromObject({ days: 7 }).toMillis();

/**
 * Nothing is said from fewer than 3: the page says "usually", and of 2 times the median is their
 * mean, which one late open (a mail found a week later) moves as far as it likes; of 3, one such
 * outlier leaves the median on an ordinary one. The count is shown with every median.
 */
const MIN_RESPONSES = 3;

/**
 * A reaction under 2 minutes after the mail is no person's: Apple Mail Privacy Protection fetches
 * every mail (its tracking pixel: an "open") as it arrives, corporate link scanners follow every
 * link in it (a "click") within seconds, and an out-of-office reply goes out at once. Counted,
 * they would make a contact who never read it "open within a minute". Such a reaction is left
 * out as if it had not happened: the contact's own open or reply after it is the one timed.
 */
const MIN_REACTION_MS = Duration.fromObject({ minutes: 2 }).toMillis();

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : Math.round(((sorted[mid - 1] ?? upper) + upper) / 2);
}

function responseTime(delays: number[]): ResponseTime | null {
  if (delays.length < MIN_RESPONSES) return null;
  delays.sort((a, b) => a - b);
  return { medianMs: median(delays), count: delays.length };
}

/**
 * Per mail, the delay to its first reaction of a kind: none the CRM dates before the mail, nor
 * one within MIN_REACTION_MS of it (a machine's, not the contact's).
 */
function reactionDelays(
  sentAt: ReadonlyMap<string, number>,
  events: readonly EmailEvent[],
  kind: 'opened' | 'clicked',
): number[] {
  const first = new Map<string, number>();
  for (const e of events) {
    if (e.kind !== kind || e.messageId === null) continue;
    const sent = sentAt.get(e.messageId);
    if (sent === undefined || e.at - sent < MIN_REACTION_MS) continue;
    const seen = first.get(e.messageId);
    if (seen === undefined || e.at < seen) first.set(e.messageId, e.at);
  }
  return [...first].map(([id, at]) => at - (sentAt.get(id) ?? at));
}

/**
 * BT-2: a contact's e-mail responsiveness as of `asOf`: the median time from a rep's mail to the
 * contact's first open of it, to their first click in it, and to their reply, each with the
 * number of mails (replies) it is the median of, or null from fewer than MIN_RESPONSES. A mail
 * counts when sent within RESPONSE_LOOKBACK_MS before `asOf`; anything after `asOf` is not yet.
 * A reply is the contact's first mail after the rep's most recent one, within REPLY_WITHIN_MS:
 * one reply a mail; a mail of theirs with none of the rep's before it starts a conversation.
 * A reaction within MIN_REACTION_MS of its mail (an automatic one) is left out.
 */
export function emailResponsiveness(
  events: readonly EmailEvent[],
  asOf: number,
): EmailResponsiveness {
  const from = asOf - RESPONSE_LOOKBACK_MS;
  const known = events.filter((e) => e.at <= asOf);
  const sentAt = new Map<string, number>();
  for (const e of known)
    if (e.kind === 'sent' && e.at >= from && e.messageId !== null) {
      const seen = sentAt.get(e.messageId);
      if (seen === undefined || e.at < seen) sentAt.set(e.messageId, e.at);
    }

  // In time order; of a mail and theirs at the same instant, the rep's first (so theirs is an
  // automatic reaction to it, left out below, not a mail the rep's answers).
  const talk = known
    .filter((e) => (e.kind === 'sent' && e.at >= from) || e.kind === 'received')
    .sort((a, b) => a.at - b.at || (a.kind === 'sent' ? -1 : 0) - (b.kind === 'sent' ? -1 : 0));
  const replies: number[] = [];
  let lastSent: number | null = null;
  let answered = false;
  for (const e of talk) {
    if (e.kind === 'sent') {
      lastSent = e.at;
      answered = false;
    } else if (lastSent !== null && !answered) {
      const delay = e.at - lastSent;
      // An out-of-office reply (or theirs at the mail's instant) neither answers the mail nor is
      // a mail of theirs: the reply is the next after it.
      if (delay < MIN_REACTION_MS) continue;
      // A mail of theirs past the limit starts a new conversation: the rep's mail stays
      // unanswered, and so does any later mail of theirs before the rep writes again.
      if (delay <= REPLY_WITHIN_MS) replies.push(delay);
      answered = true;
    }
  }

  return {
    open: responseTime(reactionDelays(sentAt, known, 'opened')),
    click: responseTime(reactionDelays(sentAt, known, 'clicked')),
    reply: responseTime(replies),
  };
}
