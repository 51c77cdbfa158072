import { DateTime } from 'luxon';
import type { ActivityWrite } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { keptTaskEntries } from '../db/repos/outbox';
import { readTaskChange, type TaskChange } from '../../shared/taskChange';

/** A task's latest change made here, and whether it has reached the CRM. */
export interface KeptTaskChange {
  change: TaskChange;
  sent: boolean;
}

/**
 * Per task, its latest change made here that the rep has not let go of (discarded): few, as a
 * rep makes them by hand, so a sync reads them once.
 */
export function keptTaskChanges(db: Db): Map<string, KeptTaskChange> {
  const kept = new Map<string, KeptTaskChange>();
  for (const entry of keptTaskEntries(db)) {
    const change = readTaskChange(entry.payload);
    if (change) kept.set(change.activityId, { change, sent: entry.pushed_at !== null });
  }
  return kept;
}

/**
 * The task a pull brings, with what the rep changed here kept (SY-2). A change not sent yet (or
 * refused, and kept until the rep lets it go) wins over the CRM's copy: the pull that comes
 * before the push must not undo it. Once sent, the CRM's copy is the task, but for the time of
 * a move: the CRM keeps the day only (Zoho's Due_Date), so while its task is still open on that
 * day in the organisation's zone, it is due at the time the rep chose, not at the hour a day
 * is read as.
 */
export function withKeptTaskChange(
  row: ActivityWrite,
  kept: KeptTaskChange | undefined,
  orgZone: string,
): ActivityWrite {
  if (!kept || row.kind !== 'task') return row;
  const { change, sent } = kept;
  if (!sent)
    return change.action === 'done'
      ? { ...row, status: 'completed', started_at: change.at }
      : {
          ...row,
          status: 'scheduled',
          started_at: change.dueAt ?? row.started_at,
          due_date: change.dueDate ?? row.due_date ?? null,
        };
  if (
    change.action === 'move' &&
    change.dueAt !== null &&
    row.status === 'scheduled' &&
    DateTime.fromMillis(row.started_at, { zone: orgZone }).toISODate() === change.dueDate
  )
    return { ...row, started_at: change.dueAt };
  return row;
}
