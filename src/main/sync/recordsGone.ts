import type { ConvertedAnswer, CrmSource, PulledRecord, SyncModule } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { refuseUnsentFor } from '../db/repos/outbox';
import { personOwner } from '../db/repos/people';
import { heldBackRecord, releaseRecord, repointWaiting, waitingFor } from '../db/repos/quarantine';
import { transaction } from '../db/sqlRun';
import { shownName } from '../../shared/personName';
import { LocalStore } from './localStore';
import { noteLetGo } from './peopleLetGo';
import { retryQuarantine } from './quarantineRetry';

/** What letting go of a record Zoho holds no more did here, and the note that says so. */
export interface LetGo {
  note: string;
  /** Something stored here changed (a copy removed, a lead merged, calls stored): relearn. */
  changed: boolean;
  /** Work logged here with it that had not reached Zoho, now set aside among the refused. */
  unsent?: { calls: number; tasks: number };
}

type Asks = Pick<CrmSource, 'convertedContactOf' | 'findContactById'>;

const PEOPLE = new Set(['Leads', 'Contacts']);
const ACTIVITIES = new Set(['Calls', 'Events', 'Tasks', 'Cases']);
const NOUNS: Record<string, [string, string]> = {
  Calls: ['call', 'calls'],
  Events: ['meeting', 'meetings'],
  Tasks: ['task', 'tasks'],
  Cases: ['case', 'cases'],
};

/** "the call", "the 6 calls and the meeting": the records that waited for a person. */
function countedRecords(records: readonly { module: string }[]): string {
  const byModule = new Map<string, number>();
  for (const r of records) byModule.set(r.module, (byModule.get(r.module) ?? 0) + 1);
  const parts = [...byModule].map(([module, n]) => {
    const [one, many] = NOUNS[module] ?? ['record', 'records'];
    return n === 1 ? `the ${one}` : `the ${n} ${many}`;
  });
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Where a record Zoho answered 204 for went, as Zoho tells when asked. */
export type Gone =
  | { converted: false }
  /** A lead Zoho converted into `contactId`; `fetched`, the contact read now when not here. */
  | { converted: true; contactId: string; fetched: PulledRecord | null };

/**
 * Zoho answered 204 for a record held back (`GET /{module}/{id}`): it holds none with that id for
 * this sign-in. A lead may only have been converted (Zoho hides a converted lead unless asked with
 * `converted=true`): then its contact, read now if it is not here (`isHere`). `converted`, when
 * the caller asked Zoho about many leads at once (convertedAmong): a lead it names is asked alone
 * only for a contact it did not name; one it left out is taken as not converted only when
 * `trusted` (the organisation has shown it applies that question), else asked alone. Throws when
 * Zoho cannot be asked; nothing here has changed then. It reads nothing here itself, so that what
 * it throws is always Zoho's.
 */
export async function whereGone(
  source: Asks,
  module: SyncModule,
  recordId: string,
  isHere: (contactId: string) => boolean,
  signal: AbortSignal,
  converted: { answer: ConvertedAnswer; trusted: boolean } | null = null,
): Promise<Gone> {
  if (module !== 'Leads' || !source.convertedContactOf) return { converted: false };
  const named = converted?.answer.contacts;
  if (converted?.trusted && !named?.has(recordId)) return { converted: false };
  const contactId = named?.get(recordId) ?? (await source.convertedContactOf(recordId, signal));
  if (contactId === null) return { converted: false };
  if (isHere(contactId) || !source.findContactById)
    return { converted: true, contactId, fetched: null };
  const fetched = await source.findContactById(contactId, signal);
  // The contact is gone too (deleted since the conversion): so is the lead's history.
  return fetched === null ? { converted: false } : { converted: true, contactId, fetched };
}

/**
 * Lets go of a record held back that Zoho holds no more (`gone`, from whereGone), in one
 * transaction. Converted: the calls that waited for the lead are the contact's, as Zoho moved
 * them, and are stored with it, and a copy of the lead stored here merges into the contact, as a
 * sync's conversions do. Otherwise it was deleted there, or is not shared with this sign-in any
 * more (Zoho answers alike, and no deleted-records list ever names the second): either way the rep
 * must not go on seeing what the CRM no longer shows them, so the copy stored here goes now, with
 * its planner rows and best times. The calls that waited for it are kept, unlisted: if Zoho only
 * stopped sharing it, it may share it again, and no listing would name those calls again (their
 * Modified_Time unchanged); a sync that finds it in Zoho's deleted records lets them go. Work
 * logged here with it that has not reached Zoho (calls, task changes) is not lost: Zoho would refuse it, so it is
 * set aside as refused, listed with Retry and Discard, and still counted as unsent.
 */
export function letGo(
  db: Db,
  gone: Gone,
  module: SyncModule,
  recordId: string,
  what: string,
  at: number,
): LetGo {
  return gone.converted
    ? mergeConverted(db, recordId, gone.contactId, gone.fetched, what, at)
    : removeGone(db, module, recordId, what, at);
}

/** A lead Zoho converted: what waited for it, and its copy here, go to the contact. */
function mergeConverted(
  db: Db,
  leadId: string,
  contactId: string,
  fetched: PulledRecord | null,
  what: string,
  at: number,
): LetGo {
  return transaction(db, () => {
    const store = new LocalStore(db, at);
    if (fetched) store.store('Contacts', fetched, at);
    const waiting = waitingFor(db, leadId);
    const leadHere = personOwner(db, leadId) !== undefined;
    releaseRecord(db, 'Leads', leadId);
    const contactHere = store.hasPerson(contactId);
    if (contactHere) store.mergeLeadIntoContact(leadId, contactId);
    else repointWaiting(db, leadId, contactId);
    if (contactHere) retryQuarantine(db, store, at);
    // Counted among the lead's own (the retry may also store records that waited for others), and
    // stored only if held back no more: one the retry found unreadable is still listed.
    const released = waiting.filter(
      (w) => heldBackRecord(db, w.module, w.record_id) === undefined,
    ).length;
    const contact = personOwner(db, contactId);
    const named = contact
      ? `the contact “${shownName(contact.first_name, contact.last_name)}” (Contacts ${contactId})`
      : `the contact Contacts ${contactId}`;
    let note = `Zoho converted ${what} into ${named}, so the lead is held back no longer.`;
    if (contactHere && leadHere) note += ' Its history here is the contact’s now.';
    if (waiting.length > 0) {
      const them = `${capitalised(countedRecords(waiting))} that waited for it`;
      if (contactHere)
        note +=
          released === waiting.length
            ? ` ${them} ${waiting.length === 1 ? 'is' : 'are'} stored with the contact.`
            : ` ${them} ${waiting.length === 1 ? 'is' : 'are'} the contact’s now; ${released} stored with it, the rest held back as listed.`;
      else
        note += fetched?.error
          ? ` ${them} wait${waiting.length === 1 ? 's' : ''} for the contact now, which Zoho sends as this app cannot read (held back, listed here).`
          : ` ${them} wait${waiting.length === 1 ? 's' : ''} for the contact now, and ${waiting.length === 1 ? 'is' : 'are'} stored once a sync brings it.`;
    }
    return { note, changed: contactHere };
  });
}

/** Deleted in Zoho, or not shared with this sign-in: its copy here goes; what waited for it waits on. */
function removeGone(db: Db, module: SyncModule, recordId: string, what: string, at: number): LetGo {
  return transaction(db, () => {
    const person = PEOPLE.has(module) ? personOwner(db, recordId) : undefined;
    const reason = `Zoho no longer shows you ${what} (deleted there, or not shared with your sign-in)`;
    const unsent = PEOPLE.has(module)
      ? refuseUnsentFor(db, { personId: recordId }, at, reason)
      : ACTIVITIES.has(module)
        ? refuseUnsentFor(db, { activityId: recordId }, at, reason)
        : { calls: 0, tasks: 0 };
    releaseRecord(db, module, recordId);
    const waiting = PEOPLE.has(module) ? waitingFor(db, recordId) : [];
    // What waits for them waits on out of sight (quarantine.ts), and so does a call a sync reads
    // later naming them: unshared is not deleted, and shared again they bring it all back.
    if (PEOPLE.has(module)) noteLetGo(db, recordId);
    const removed = new LocalStore(db, at).delete(module, recordId, false);
    let note = `Zoho holds no ${what} any more (deleted there, or not shared with your sign-in), so it is held back no longer.`;
    if (removed)
      note += person
        ? ' Its copy here is gone too, from your people and your plans.'
        : ' Its copy here is gone too.';
    if (waiting.length > 0) {
      const one = waiting.length === 1;
      note += ` ${capitalised(countedRecords(waiting))} that waited for it ${one ? 'is' : 'are'} kept on this computer, out of this list, and ${one ? 'is' : 'are'} stored should Zoho show it to you again.`;
    }
    const kept = unsentWords(unsent);
    if (kept) {
      const one = unsent.calls + unsent.tasks === 1;
      note += ` ${kept} logged here with it that had not reached Zoho ${one ? 'is' : 'are'} kept, below among those Zoho refused: Retry sends ${one ? 'it' : 'them'} should Zoho show you the record again, Discard lets ${one ? 'it' : 'them'} go.`;
    }
    return { note, changed: removed, unsent };
  });
}

/** "The 2 calls and the task change", for work logged here that had not reached Zoho. */
function unsentWords({ calls, tasks }: { calls: number; tasks: number }): string {
  const parts = [
    calls === 1 ? 'the call' : calls > 1 ? `the ${calls} calls` : '',
    tasks === 1 ? 'the task change' : tasks > 1 ? `the ${tasks} task changes` : '',
  ].filter(Boolean);
  return capitalised(parts.join(' and '));
}
