import { DateTime } from 'luxon';
import type { ActivityWrite, LocalWrite } from '../crmSource';
import { outboundCallSignal, type CallOutcome } from '../../../shared/callOutcome';
import { excerpt } from '../../../shared/excerpt';
import type { SignalType } from '../../../shared/signals';
import { taskDueInstant } from '../../../shared/taskDue';
import { callOutcome } from './zohoCallResult';
import {
  durationSeconds,
  instant,
  lookupId,
  MalformedRecordError,
  recordId,
  requiredInstant,
  text,
  type ZohoRecord,
} from './zohoFieldValues';

const COMMON = ['Subject', 'Owner', 'Who_Id', 'What_Id', 'Modified_Time'];
export const CALL_FIELDS = [
  ...COMMON,
  'Call_Type',
  'Call_Start_Time',
  'Call_Duration',
  'Call_Duration_in_seconds',
  'Outgoing_Call_Status',
  'Call_Result',
];
export const EVENT_FIELDS = [...COMMON, 'Event_Title', 'Start_DateTime', 'End_DateTime'];
export const TASK_FIELDS = [...COMMON, 'Due_Date', 'Status', 'Closed_Time'];
export const CASE_FIELDS = [
  'Subject',
  'Owner',
  'Related_To',
  'Status',
  'Case_Origin',
  'Created_Time',
  'Modified_Time',
];

/** The person an activity belongs to: Who_Id for contacts, What_Id + $se_module for leads. */
function personOf(rec: ZohoRecord): string | null {
  const who = lookupId(rec, 'Who_Id');
  if (who) return who;
  const module = rec['$se_module'];
  if (module === 'Leads' || module === 'Contacts') return lookupId(rec, 'What_Id');
  return null;
}

function activity(
  rec: ZohoRecord,
  module: string,
  personId: string | null,
  fields: Omit<ActivityWrite, 'id' | 'person_id' | 'owner_id' | 'source_module' | 'source_id'>,
): LocalWrite[] {
  const id = recordId(rec);
  // Activities about an account or a deal only are not about a person: nothing to store, and the
  // row an earlier copy gave goes (a call logged on the wrong contact, then moved to its account).
  if (!personId)
    return [
      {
        table: 'removed',
        row: { table: 'activities', id, modified_at: instant(rec, 'Modified_Time') },
      },
    ];
  return [
    {
      table: 'activities',
      row: {
        id,
        person_id: personId,
        owner_id: lookupId(rec, 'Owner'),
        source_module: module,
        source_id: id,
        ...fields,
        // An older copy read later (in another run) must not replace this one (localStore.ts).
        modified_at: instant(rec, 'Modified_Time'),
      },
    },
  ];
}

/**
 * The BT-1 signal of a call: a missed inbound call and an inbound call the rep took are the
 * contact's doing; a call the rep made counts when answered and longer than a minute, and
 * against the hour (BT-12) when it did not reach them. A call of unknown direction (no Call_Type)
 * counts only when answered and longer than a minute: whichever side dialled, the contact was on
 * the phone at that hour; unanswered, it says nothing.
 */
export function callSignal(
  callType: string | null,
  outcome: CallOutcome | null,
  durationS: number | null,
): SignalType | null {
  switch (callType) {
    case 'Missed':
      return 'call_inbound_missed';
    case 'Inbound':
      return 'call_inbound_answered';
    case 'Outbound':
      return outboundCallSignal(outcome, durationS);
    default: {
      // Unknown direction: an attempt that failed may have been theirs, so it weighs on no hour.
      const signal = outboundCallSignal(outcome, durationS);
      return signal === 'call_answered' ? signal : null;
    }
  }
}

export function mapCall(rec: ZohoRecord): LocalWrite[] {
  const callType = text(rec, 'Call_Type');
  if (callType && !['Outbound', 'Inbound', 'Missed'].includes(callType))
    throw new MalformedRecordError(`Call_Type: unknown value "${excerpt(callType, 80)}"`);
  // Outgoing_Call_Status is Zoho's own for calls the rep makes; scheduled or cancelled ones did
  // not happen, whatever their type says.
  const outgoing = text(rec, 'Outgoing_Call_Status');
  const scheduled =
    callType !== 'Inbound' &&
    callType !== 'Missed' &&
    (outgoing === 'Scheduled' || outgoing === 'Overdue');
  const cancelled = outgoing === 'Cancelled';
  const duration = durationSeconds(rec);
  const subject = text(rec, 'Subject');
  const outcome =
    scheduled || cancelled
      ? null
      : callOutcome({ callType, result: text(rec, 'Call_Result'), subject, durationS: duration });
  return activity(rec, 'Calls', personOf(rec), {
    signal: scheduled || cancelled ? null : callSignal(callType, outcome, duration),
    kind: 'call',
    channel: 'call',
    // No Call_Type: nobody said who called whom.
    direction: callType === 'Outbound' ? 'out' : callType === null ? null : 'in',
    started_at: requiredInstant(rec, 'Call_Start_Time'),
    duration_s: duration,
    subject,
    status: scheduled ? 'scheduled' : cancelled ? 'cancelled' : 'completed',
    outcome,
  });
}

/**
 * A meeting is stored as planned: the CRM gives it no status, so whether it happened is its end
 * against the moment it is read (shared/activityStatus.ts), not against the moment it was synced.
 */
export function mapEvent(rec: ZohoRecord): LocalWrite[] {
  const start = requiredInstant(rec, 'Start_DateTime');
  const end = instant(rec, 'End_DateTime');
  return activity(rec, 'Events', personOf(rec), {
    // A meeting is engagement, but none of BT-1's twelve signals.
    signal: null,
    kind: 'meeting',
    channel: 'meeting',
    direction: null,
    started_at: start,
    duration_s: end !== null ? Math.max(0, Math.round((end - start) / 1000)) : null,
    subject: text(rec, 'Event_Title') ?? text(rec, 'Subject'),
    status: 'scheduled',
  });
}

/**
 * Due_Date is a date without a time, a day in the organisation's zone: placed at 09:00 there
 * (taskDueInstant), on the day the org means.
 */
function dueInstant(due: string | null, orgTimeZone: string): number | null {
  return due === null ? null : taskDueInstant(due, orgTimeZone);
}

/**
 * Due_Date as a calendar date (YYYY-MM-DD), or null: a value that is no such date ("31/12",
 * "2026-02-30", a number, an object) gives the task no due date; the rest of the task is kept.
 */
function dueDate(rec: ZohoRecord): string | null {
  const due = rec['Due_Date'];
  if (typeof due !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(due)) return null;
  return DateTime.fromISO(due, { zone: 'UTC' }).isValid ? due : null;
}

export function mapTask(rec: ZohoRecord, _now: number, orgTimeZone: string): LocalWrite[] {
  const done = text(rec, 'Status') === 'Completed';
  const due = dueDate(rec);
  const dueAt = dueInstant(due, orgTimeZone);
  const at = (done ? instant(rec, 'Closed_Time') : null) ?? dueAt;
  return activity(rec, 'Tasks', personOf(rec), {
    signal: null,
    kind: 'task',
    channel: 'task',
    direction: 'out',
    started_at: at ?? requiredInstant(rec, 'Modified_Time'),
    duration_s: null,
    subject: text(rec, 'Subject'),
    status: done ? 'completed' : 'scheduled',
    due_date: due,
  });
}

export function mapCase(rec: ZohoRecord): LocalWrite[] {
  return activity(rec, 'Cases', lookupId(rec, 'Related_To'), {
    signal: 'case_submitted',
    kind: 'case',
    channel: 'case',
    direction: 'in',
    started_at: requiredInstant(rec, 'Created_Time'),
    duration_s: null,
    subject: text(rec, 'Subject'),
    status: 'completed',
  });
}
