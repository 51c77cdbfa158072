import { DateTime } from 'luxon';
import { sql } from 'kysely';
import type { Db } from '../db/openDatabase';
import { discardRefusedCall } from '../db/repos/outbox';
import { organisation } from '../db/repos/organisation';
import { all, first, transaction } from '../db/sqlRun';
import { readTaskChange } from '../../shared/taskChange';
import { takeStoredLandedLeads } from '../sync/storedLandedLeads';
import { refreshLastTouch } from '../db/repos/lastTouch';

/**
 * The rep lets go of a refused entry (Settings › CRM account, Discard). A refused task change
 * also gives the task back as it was before it (what Zoho last had): otherwise the task would show
 * a move or a "done" that Zoho never took until someone edited it there, while the syncs after the
 * discard read Zoho's copy as the truth. The task is given back only while it still shows this
 * change and no later change of it is waiting or sent. False when `id` is no refused entry.
 */
export function discardRefusedEntry(db: Db, id: number, at: number): boolean {
  return transaction(db, () => {
    if (!discardRefusedCall(db, id, at)) return false;
    const entry = first(
      db,
      db.kysely.selectFrom('outbox').select(['kind', 'payload']).where('id', '=', id),
    );
    // A lead set aside after a lost create, discarded as the one Zoho holds: when that lead is
    // stored here already, the person made here folds into it (one person, not two).
    if (entry?.kind === 'lead') takeStoredLandedLeads(db, at, id);
    const change = entry?.kind === 'task' ? readTaskChange(entry.payload) : null;
    if (!change?.before) return true;
    const later = first(
      db,
      db.kysely
        .selectFrom('outbox')
        .select('id')
        .where('kind', '=', 'task')
        .where('id', '>', id)
        .where('discarded_at', 'is', null)
        .where(sql<string>`json_extract(payload, '$.activityId')`, '=', change.activityId),
    );
    if (later) return true;
    const shows =
      change.action === 'done'
        ? { status: 'completed', started_at: change.at }
        : { status: 'scheduled', started_at: change.dueAt ?? Number.NaN };
    const { before } = change;
    // An entry written before due dates were kept: an open task's instant gives its due date
    // (migration 031's rule); a completed one's is not known.
    const dueDate =
      before.dueDate !== undefined
        ? before.dueDate
        : before.status === 'scheduled'
          ? DateTime.fromMillis(before.startedAt, {
              zone: organisation(db)?.time_zone ?? 'UTC',
            }).toISODate()
          : null;
    const undone = all(
      db,
      db.kysely
        .updateTable('activities')
        .set({ status: before.status, started_at: before.startedAt, due_date: dueDate })
        .where('id', '=', change.activityId)
        .where('kind', '=', 'task')
        .where('status', '=', shows.status)
        .where('started_at', '=', shows.started_at)
        .returning('person_id'),
    );
    // A task done no longer is their last activity (people/lastActivity.ts).
    refreshLastTouch(
      db,
      undone.map((a) => a.person_id),
    );
    return true;
  });
}
