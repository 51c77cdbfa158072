import { RecordRefusedError, type OutboxTaskChange } from '../crmSource';
import type { ZohoHttp } from './zohoHttp';
import { firstRecordAnswer, refusalAnswer, type RecordAnswer } from './zohoRecordAnswer';

/** One record's answer in an update's `data` (Zoho's updateRecords: 200, 207 or 400). */
/**
 * The Tasks fields a change writes, as Zoho names them: Status ("Completed" closes a task; Zoho
 * stamps its Closed_Time) and Due_Date, a date with no time (Zoho's Tasks keep no due time, so a
 * move sends the day, in the organisation's zone, and the time stays in the app).
 */
const TASK_CHANGE_FIELDS = { done: 'Status', move: 'Due_Date' } as const;

/**
 * Sends a task's change to Zoho: `PUT /crm/v8/Tasks` with the record's id and the one field it
 * changes. Setting a field to the value it has is no change, so an attempt whose answer was lost
 * is sent again as it is. `fields`: the Tasks fields the organisation has, as its metadata said
 * (null: not known, so tried); a change whose field the organisation lacks is refused here,
 * saying so, without a request.
 */
export async function pushZohoTaskChange(
  http: ZohoHttp,
  task: OutboxTaskChange,
  fields: readonly string[] | null,
  signal?: AbortSignal,
): Promise<{ note?: string }> {
  const what = task.subject ? `the task "${task.subject}"` : 'a task';
  const field = TASK_CHANGE_FIELDS[task.change.action];
  if (fields && !fields.includes(field))
    throw new RecordRefusedError(
      `Zoho's Tasks in this organisation have no ${field} field, so ${what} was ${task.change.action === 'done' ? 'marked done' : 'moved'} in this app only: an administrator can add the field back in Zoho (Setup › Modules and Fields › Tasks)`,
    );
  const record: Record<string, unknown> =
    task.change.action === 'done'
      ? { id: task.taskId, Status: 'Completed' }
      : { id: task.taskId, Due_Date: task.change.dueDate };
  const answer = await updateTask(http, record, signal);
  if (answer.status === 'success') return {};
  const code = answer.code ?? 'no code';
  const on = answer.details?.api_name;
  const zohoSaid = `${answer.message ?? 'refused'} (${code}${on ? `, ${on}` : ''})`;
  if (answer.status !== 'error')
    throw new Error(`Zoho did not say whether it changed ${what}: ${zohoSaid}`);
  // Zoho answers INVALID_DATA on the id for a record it no longer holds (deleted, merged away).
  const reason =
    code === 'INVALID_DATA' && on === 'id'
      ? 'Zoho no longer holds this task (deleted there?)'
      : code === 'NO_PERMISSION'
        ? "the signed-in user's Zoho profile may not edit tasks"
        : code === 'RECORD_LOCKED'
          ? 'the task is locked in Zoho (an approval or a review is under way)'
          : 'Zoho refused the change';
  throw new RecordRefusedError(`Zoho did not accept the change to ${what}: ${reason}; ${zohoSaid}`);
}

async function updateTask(
  http: ZohoHttp,
  record: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<RecordAnswer> {
  try {
    const res = await http.request('/crm/v8/Tasks', {
      method: 'PUT',
      json: { data: [record] },
      ...(signal ? { signal } : {}),
    });
    return firstRecordAnswer(res.body);
  } catch (error) {
    const refused = refusalAnswer(error);
    if (refused) return refused;
    throw error;
  }
}
