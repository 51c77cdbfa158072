import { Duration } from 'luxon';
import type { SignalType } from '../../shared/signals';
import { hashString, mix } from './demoLiveEvents';
import { Random } from './random';

/**
 * The reps' own e-mails are in the demo for its last four weeks only (as if the mailbox had
 * been connected to the CRM then): one before each open and click of those weeks, and one before
 * most of the contact's mails, so the person page's reaction times (BT-2) show for many people.
 * Over the whole half year they would add half as many rows again to the 2-million-row demo.
 */
const MAILED_FOR = Duration.fromObject({ days: 28 }).toMillis();
const MINUTE = Duration.fromObject({ minutes: 1 }).toMillis();
/** Of a contact's mails, the share answering one of the rep's; the rest start a conversation. */
const REPLY_SHARE = 0.8;
/** A person's usual time to open a mail, and to answer one, in minutes: each person has one. */
const OPEN_LAGS = [4, 10, 25, 45, 90, 180, 420];
const REPLY_LAGS = [20, 45, 90, 180, 360, 900, 1800];
const SUBJECTS = ['Following up', 'Product update', 'Your quote', 'Next steps', 'Pricing overview'];

/** A mail a rep sent the person, as crm/zoho/zohoEmailMap.ts stores one. */
export interface DemoMail {
  id: string;
  at: number;
  subject: string;
  messageId: string;
}

/**
 * One demo person's mailbox: for each of their e-mail signals, the message id the signal row
 * carries (`source_id`) and the rep's mail it reacts or answers to, if any. Its own generator
 * per person, so the organisation's stream of numbers stays as it was.
 */
export function demoMailbox(
  seed: number,
  personId: string,
  now: number,
): (signal: SignalType, at: number) => { sourceId: string | null; mail: DemoMail | null } {
  const random = new Random(mix(seed, 9, hashString(personId)));
  const openLag = random.pick(OPEN_LAGS);
  const replyLag = random.pick(REPLY_LAGS);
  let n = 0;
  const mailBefore = (at: number, lagMin: number): DemoMail => {
    const messageId = `demo-${personId}-m${++n}`;
    return {
      id: `email-${personId}-${messageId}`,
      // Around the person's usual lag: from a third of it to twice it.
      at: at - Math.round(lagMin * (0.3 + 1.7 * random.next()) * MINUTE),
      subject: random.pick(SUBJECTS),
      messageId,
    };
  };
  return (signal, at) => {
    if (at < now - MAILED_FOR) return { sourceId: null, mail: null };
    if (signal === 'email_opened' || signal === 'email_link_clicked') {
      // A click comes after reading: a little later than the person's opens.
      const mail = mailBefore(at, signal === 'email_opened' ? openLag : openLag * 1.5);
      return { sourceId: mail.messageId, mail };
    }
    if (signal === 'email_from_contact') {
      const mail = random.chance(REPLY_SHARE) ? mailBefore(at, replyLag) : null;
      return { sourceId: `demo-${personId}-m${++n}`, mail };
    }
    return { sourceId: null, mail: null };
  };
}
