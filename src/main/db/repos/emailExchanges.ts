import { sql } from 'kysely';
import type { Db } from '../openDatabase';
import { all } from '../sqlRun';
import type { EmailEvent } from '../../../shared/emailEvent';

/**
 * A person who is sent thousands of mails (a shared inbox) is read from their latest this far
 * back: the person page must open at once, and a few hundred mails say their habit.
 */
const MAX_ROWS = 2000;

/**
 * A person's e-mail exchanges in [from, to], latest first: the mails the reps sent them (no
 * signal, outgoing), their opens and clicks (the mail's message id in `source_id`, as
 * crm/zoho/zohoEmailMap.ts and the demo write them), and the mails they sent. Only what
 * happened (completed): a scheduled or bounced mail is nothing to react to.
 *
 * From the index on (person_id, started_at, signal, status, …): the person's rows in the range
 * are found there and filtered on signal and status before the table is read for kind,
 * direction and source_id, so this costs what the person page's timeline costs.
 */
export function emailExchangesOf(db: Db, personId: string, from: number, to: number): EmailEvent[] {
  return all(
    db,
    db.kysely
      .selectFrom('activities')
      .select([
        sql<EmailEvent['kind']>`case signal
          when 'email_opened' then 'opened'
          when 'email_link_clicked' then 'clicked'
          when 'email_from_contact' then 'received'
          else 'sent' end`.as('kind'),
        'started_at as at',
        'source_id as messageId',
      ])
      .where('person_id', '=', personId)
      .where('started_at', '>=', from)
      .where('started_at', '<=', to)
      .where('status', '=', 'completed')
      .where((eb) =>
        eb.or([
          eb('signal', 'in', ['email_opened', 'email_link_clicked', 'email_from_contact']),
          eb.and([eb('signal', 'is', null), eb('kind', '=', 'email'), eb('direction', '=', 'out')]),
        ]),
      )
      .orderBy('started_at', 'desc')
      .limit(MAX_ROWS),
  );
}
