/**
 * A task done or moved in the app, as the outbox keeps it (kind 'task'): written by
 * main/tasks/taskChanges.ts, sent by main/sync/outboxPush.ts, kept through pulls by
 * main/sync/taskChangesKept.ts.
 */

/** What outbox.payload holds for kind 'task': facts, not CRM fields. */
export interface TaskChange {
  /** The task's activity, whose id is the CRM's record id. */
  activityId: string;
  personId: string;
  subject: string | null;
  action: 'done' | 'move';
  /** When the rep made the change, UTC ms. */
  at: number;
  /** For a move: the new due instant, UTC ms. */
  dueAt: number | null;
  /**
   * For a move: the day it falls on in the organisation's zone (YYYY-MM-DD), which is all a CRM
   * that keeps a task's due date as a date (Zoho's Due_Date) is told.
   */
  dueDate: string | null;
  /**
   * The task as it was here before the change (its status and instant), so a change the rep
   * discards after Zoho refused it puts the task back as Zoho last had it. Absent on entries
   * written before it was kept; `dueDate` (its due date, null for none) on those written before
   * due dates were kept.
   */
  before?: { status: string; startedAt: number; dueDate?: string | null };
}

/** The change as it was stored, or null for a payload that is not one. */
export function readTaskChange(payload: string): TaskChange | null {
  try {
    const v = JSON.parse(payload) as Partial<TaskChange> | null;
    if (!v || typeof v.activityId !== 'string' || typeof v.at !== 'number') return null;
    if (v.action === 'done') return v as TaskChange;
    if (v.action === 'move' && typeof v.dueAt === 'number' && typeof v.dueDate === 'string')
      return v as TaskChange;
    return null;
  } catch {
    return null;
  }
}
