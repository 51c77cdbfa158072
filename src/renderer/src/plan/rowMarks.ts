import type { LoggedCall } from '../components/LogCallDialog';
import { call } from '../api/client';

/**
 * What a plan row's buttons send to the core, wherever the row is shown: the planner's rows and
 * a person's page (their call row of today) mark the same row and log calls the same way.
 */
export async function saveRowMark(
  row: { personId: string; channel: 'call' | 'email' },
  date: string,
  action: 'done' | 'snoozed' | 'skipped' | 'clear',
  /** A snooze chosen from Snooze's offer: that day's window start, or null for the next day's. */
  snoozeTo?: number | null,
): Promise<void> {
  await call('markPlanRow', {
    personId: row.personId,
    channel: row.channel,
    date,
    action,
    ...(snoozeTo === undefined ? {} : { snoozeTo }),
  });
}

/**
 * No day: the core logs a call on its day when saved. A dialog opened before the rep's midnight
 * and saved after it is the new day's call, whether or not that day's plan is on screen yet: the
 * day over takes no call logged now (see dayMarks). The core marks the call row done, unless the
 * call went unanswered (no answer, busy, voicemail): the row stays to call again.
 */
export async function saveLoggedCall(personId: string, logged: LoggedCall): Promise<string | null> {
  // `kept`: the demo has no CRM; said the first time only.
  const { kept } = await call('logCall', { personId, ...logged });
  return kept ?? null;
}
