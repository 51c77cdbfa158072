import type { ActivityWrite, LocalWrite, PersonRef, PulledRecord } from '../crmSource';
import type { SignalType } from '../../../shared/signals';
import { instant, lookupId, MalformedRecordError, text, type ZohoRecord } from './zohoFieldValues';
import { excerpt } from '../../../shared/excerpt';

/**
 * One entry of a person's Emails related list (GET /{Leads|Contacts}/{id}/Emails). Shape from
 * Zoho's v8 SDK (email_related_records: Email, Status): `sent` is false for a mail the person
 * sent to us; `status` holds one entry per state the mail reached, e.g.
 * {type: "opened", first_open, last_open, count} or {type: "clicked", first_click, last_click}.
 */
interface EmailStatus {
  type?: unknown;
  first_open?: unknown;
  last_open?: unknown;
  first_click?: unknown;
  last_click?: unknown;
}

// Statuses that mean the mail never left (or never arrived): nothing the contact could react to.
const NOT_DELIVERED = new Set(['scheduled', 'failed', 'bounced', 'draft']);

/** The activity id of an email (or of a reaction to it) as seen on this person's record. */
function emailActivityId(personId: string, messageId: string, suffix = ''): string {
  // One mail sent to two people appears in both records' lists: the person is part of the id.
  return `email-${personId}-${messageId}${suffix}`;
}

/**
 * The activities one email becomes: the mail itself (a BT-1 signal when the contact sent it),
 * an `email_opened` at the first open and one at the last, an `email_link_clicked` at the
 * first click and one at the last. Ids are stable, so a later pull updates instead of adding.
 */
export function mapEmail(person: PersonRef, raw: unknown): PulledRecord {
  const rec = (raw && typeof raw === 'object' ? raw : {}) as ZohoRecord;
  const messageId = typeof rec['message_id'] === 'string' ? rec['message_id'] : '';
  const id = `${person.id}/${messageId || '(no message_id)'}`;
  const sentAt = typeof rec['time'] === 'string' ? Date.parse(rec['time']) : NaN;
  try {
    if (!messageId) throw new MalformedRecordError('message_id: is required');
    const at = instant(rec, 'time') ?? instant(rec, 'sent_time');
    if (at === null) throw new MalformedRecordError('time: is required');
    const list: unknown = rec['status'] ?? [];
    if (!Array.isArray(list) || list.some((x) => !x || typeof x !== 'object'))
      throw new MalformedRecordError(
        `status: expected a list of objects (got ${excerpt(JSON.stringify(list))})`,
      );
    const statuses = list as EmailStatus[];
    const types = new Set(statuses.map((s) => (typeof s.type === 'string' ? s.type : '')));
    const received = rec['sent'] === false || types.has('received');
    const delivered = received || ![...types].some((t) => NOT_DELIVERED.has(t));
    const owner = lookupId(rec, 'owner');
    const base = {
      person_id: person.id,
      owner_id: owner,
      kind: 'email',
      channel: 'email',
      duration_s: null,
      subject: text(rec, 'subject'),
      source_module: 'Emails',
      source_id: messageId,
    } as const;
    const rows: ActivityWrite[] = [
      {
        ...base,
        id: emailActivityId(person.id, messageId),
        signal: received ? 'email_from_contact' : null,
        direction: received ? 'in' : 'out',
        started_at: at,
        status: types.has('scheduled') ? 'scheduled' : delivered ? 'completed' : 'failed',
      },
    ];
    const reaction = (suffix: string, signal: SignalType, when: number): void => {
      rows.push({
        ...base,
        id: emailActivityId(person.id, messageId, suffix),
        signal,
        direction: 'in',
        started_at: when,
        status: 'completed',
      });
    };
    if (!received)
      for (const [i, s] of statuses.entries()) {
        const where = (field: string): string => `status[${i}].${field}`;
        const read = (field: keyof EmailStatus): number | null => {
          try {
            return instant(s as ZohoRecord, field);
          } catch (error) {
            if (error instanceof MalformedRecordError)
              throw new MalformedRecordError(`${where(field)}${error.message.slice(field.length)}`);
            throw error;
          }
        };
        if (s.type === 'opened') {
          const first = read('first_open');
          const last = read('last_open');
          // An open without a time cannot say when the contact reads mail: no signal from it.
          if (first !== null) reaction('-opened', 'email_opened', first);
          if (last !== null && last !== first) reaction('-opened-last', 'email_opened', last);
        } else if (s.type === 'clicked') {
          const first = read('first_click');
          const last = read('last_click');
          if (first !== null) reaction('-clicked', 'email_link_clicked', first);
          if (last !== null && last !== first)
            reaction('-clicked-last', 'email_link_clicked', last);
        }
      }
    const writes: LocalWrite[] = rows.map((row) => ({ table: 'activities', row }));
    return { id, modifiedAt: at, writes, raw };
  } catch (error) {
    if (!(error instanceof MalformedRecordError)) throw error;
    return {
      id,
      modifiedAt: Number.isFinite(sentAt) ? sentAt : 0,
      writes: [],
      error: error.message,
      raw,
    };
  }
}
