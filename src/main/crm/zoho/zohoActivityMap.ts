import type { ActivityWrite, LocalWrite } from '../crmSource';
import { lastedLongEnoughToBeAnswered } from '../../../shared/answeredCall';
import type { SignalType } from '../../../shared/signals';
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
  // Activities about an account or a deal only are not about a person: nothing to store.
  if (!personId) return [];
  const id = recordId(rec);
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
      },
    },
  ];
}

export function callSignal(
  callType: string | null,
  durationS: number | null,
  completed: boolean,
): SignalType | null {
  switch (callType) {
    case 'Missed':
      return 'call_inbound_missed';
    case 'Inbound':
      return 'call_inbound_answered';
    case 'Outbound':
      return completed && lastedLongEnoughToBeAnswered(durationS ?? 0) ? 'call_answered' : null;
    default:
      return null;
  }
}

export function mapCall(rec: ZohoRecord): LocalWrite[] {
  const callType = text(rec, 'Call_Type');
  if (callType && !['Outbound', 'Inbound', 'Missed'].includes(callType))
    throw new MalformedRecordError(`Call_Type: unknown value "${callType}"`);
  const outgoing = text(rec, 'Outgoing_Call_Status');
  const scheduled = callType === 'Outbound' && (outgoing === 'Scheduled' || outgoing === 'Overdue');
  const cancelled = outgoing === 'Cancelled';
  const duration = durationSeconds(rec);
  return activity(rec, 'Calls', personOf(rec), {
    signal: scheduled || cancelled ? null : callSignal(callType, duration, true),
    kind: 'call',
    channel: 'call',
    direction: callType === 'Outbound' ? 'out' : 'in',
    started_at: requiredInstant(rec, 'Call_Start_Time'),
    duration_s: duration,
    subject: text(rec, 'Subject'),
    status: scheduled ? 'scheduled' : cancelled ? 'cancelled' : 'completed',
  });
}

export function mapEvent(rec: ZohoRecord, now: number): LocalWrite[] {
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
    status: start > now ? 'scheduled' : 'completed',
  });
}

export function mapTask(rec: ZohoRecord): LocalWrite[] {
  const done = text(rec, 'Status') === 'Completed';
  const due = text(rec, 'Due_Date');
  const dueAt = due !== null ? Date.parse(`${due}T00:00:00Z`) : NaN;
  const at = (done ? instant(rec, 'Closed_Time') : null) ?? (Number.isFinite(dueAt) ? dueAt : null);
  return activity(rec, 'Tasks', personOf(rec), {
    signal: null,
    kind: 'task',
    channel: 'task',
    direction: 'out',
    started_at: at ?? requiredInstant(rec, 'Modified_Time'),
    duration_s: null,
    subject: text(rec, 'Subject'),
    status: done ? 'completed' : 'scheduled',
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
