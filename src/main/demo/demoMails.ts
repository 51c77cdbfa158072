import { Duration } from 'luxon';
import type { BusinessHours } from '../besttime/model/businessHours';
import type { SignalType } from '../../shared/signals';
import { hashString, mix, type ZoneCalendar } from './demoLiveEvents';
import { Random } from './random';

/**
 * The reps' own e-mails are in the demo for its last four weeks only (as if the mailbox had
 * been connected to the CRM then): one before each open and click of those weeks, and one before
 * most of the contact's mails, so the person page's reaction times (BT-2) show for many people.
 * Over the whole half year they would add half as many rows again to the 2-million-row demo.
 */
const MAILED_FOR = Duration.fromObject({ days: 28 }).toMillis();
const MINUTE = Duration.fromObject({ minutes: 1 }).toMillis();
/**
 * The least time from a rep's mail to the contact's reaction: the app leaves out reactions
 * under 2 minutes as a machine's (besttime/model/emailResponsiveness.ts), the demo has none.
 */
const MIN_LAG_MINUTES = 3;
/** How far back a mail is looked for in the rep's working hours (a long holiday weekend). */
const LOOK_BACK_DAYS = 14;
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
 * The latest instant at or before `t` in working hours (`hours` in `zone`), or null when none
 * is within LOOK_BACK_DAYS. Each day's hours are set by the wall clock on that day, so 08:00 is
 * 08:00 on a day the clocks change. Past the end of a day's hours, a mail is sent in the last
 * `slackMin` minutes of them (not all on the closing minute).
 *
 * The local days come from `calendar`, worked out once per zone and day: with a Luxon date made
 * for each mail, the demo's 50,000 people spent a sixth of their writing here.
 */
function latestWorkingInstant(
  calendar: ZoneCalendar,
  zone: string,
  hours: BusinessHours,
  t: number,
  slackMin: number,
): number | null {
  const today = calendar.at(zone, t).day.number;
  for (let back = 0; back <= LOOK_BACK_DAYS; back++) {
    const day = calendar.day(zone, today - back);
    const intervals = hours.days[day.weekday - 1] ?? [];
    for (let i = intervals.length - 1; i >= 0; i--) {
      const [fromMin, toMin] = intervals[i] ?? [0, 0];
      // Every zone's offset changes on an hour boundary, so a minute is its hour's start plus it.
      const at = (min: number): number =>
        min >= 1440 ? (day.hours[24] ?? 0) : calendar.instant(day, Math.floor(min / 60), min % 60);
      const start = at(fromMin);
      const end = at(toMin);
      if (t >= end) return Math.max(start, end - Math.max(1, slackMin) * MINUTE);
      if (t >= start) return t;
    }
  }
  return null;
}

/**
 * One demo person's mailbox: for each of their e-mail signals, the message id the signal row
 * carries (`source_id`) and the rep's mail it reacts or answers to, if any. Its own generator
 * per person, so the organisation's stream of numbers stays as it was.
 *
 * The rep's mail is their logged work (the Team page's coverage and trend, a planned e-mail row
 * reached), so it is sent in the owner's working hours (`owner`: their shift's or the
 * organisation's) at their pace before the reaction, or earlier: a mail opened at 07:00 on a
 * Monday was sent on Friday afternoon. Never after `now`; on the demo's current day only before
 * it, as a rep may have mailed at 08:30 today. A reaction with no working hours in the two weeks
 * before it has no mail.
 */
export function demoMailbox(
  seed: number,
  personId: string,
  now: number,
  owner: { zone: string; hours: BusinessHours },
  calendar: ZoneCalendar,
): (signal: SignalType, at: number) => { sourceId: string | null; mail: DemoMail | null } {
  const random = new Random(mix(seed, 9, hashString(personId)));
  const openLag = random.pick(OPEN_LAGS);
  const replyLag = random.pick(REPLY_LAGS);
  let n = 0;
  const mailBefore = (at: number, lagMin: number): DemoMail | null => {
    const messageId = `demo-${personId}-m${++n}`;
    // Around the person's usual lag: from a third of it to twice it.
    const lag = Math.max(MIN_LAG_MINUTES, Math.round(lagMin * (0.3 + 1.7 * random.next())));
    const sent = latestWorkingInstant(
      calendar,
      owner.zone,
      owner.hours,
      Math.min(at, now) - lag * MINUTE,
      random.int(1, 90),
    );
    const subject = random.pick(SUBJECTS);
    if (sent === null) return null;
    return { id: `email-${personId}-${messageId}`, at: sent, subject, messageId };
  };
  return (signal, at) => {
    if (at < now - MAILED_FOR) return { sourceId: null, mail: null };
    if (signal === 'email_opened' || signal === 'email_link_clicked') {
      // A click comes after reading: a little later than the person's opens.
      const mail = mailBefore(at, signal === 'email_opened' ? openLag : openLag * 1.5);
      return { sourceId: mail?.messageId ?? null, mail };
    }
    if (signal === 'email_from_contact') {
      const mail = random.chance(REPLY_SHARE) ? mailBefore(at, replyLag) : null;
      return { sourceId: `demo-${personId}-m${++n}`, mail };
    }
    return { sourceId: null, mail: null };
  };
}
